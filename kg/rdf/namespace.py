"""IRIs: kg's own ontology namespace, and how entities, articles and facts are named.

`KG` is a `DefinedNamespace` with ``_fail = True``: a typo in a term (``KG.mett``) raises
instead of minting a new IRI. Its members are exactly the terms of ``kg/rdf/ontology.ttl`` (a test
checks it).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://example.org/kg/"
ID = Namespace(BASE + "id/")
ARTICLE = Namespace(BASE + "article/")
MERGES_GRAPH = BASE + "merges"
"""The named graph of a store recording its cross-article merges (kg.building.merge)."""
SUMMARY_GRAPH = BASE + "summary"
"""The named graph of a store summarising its article graphs (kg.rdf.summary)."""
SCHEMA = Namespace("https://schema.org/")


class KG(DefinedNamespace):
    """The kg ontology (``kg/rdf/ontology.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Proposal: URIRef
    Role: URIRef
    Fact: URIRef
    Evidence: URIRef
    ProposalStatus: URIRef
    # relations between entities and proposals (local names are what evaluation maps)
    met: URIRef
    visited: URIRef
    considers: URIRef
    proposes: URIRef
    backs: URIRef
    opposes: URIRef
    discusses: URIRef
    commitsTo: URIRef
    concerns: URIRef
    said: URIRef
    locatedIn: URIRef
    supports: URIRef
    memberOf: URIRef
    conflictWith: URIRef
    # roles
    holdsRole: URIRef
    roleTitle: URIRef
    roleOf: URIRef
    # proposals
    status: URIRef
    Proposed: URIRef
    UnderConsideration: URIRef
    Agreed: URIRef
    Withdrawn: URIRef
    Rejected: URIRef
    # evidence and provenance
    evidence: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    confidence: URIRef
    contentHash: URIRef
    isoCode: URIRef
    extractorVersion: URIRef
    # time (kg.extraction.dates)
    reportedOn: URIRef
    happenedOn: URIRef
    timeText: URIRef
    timePrecision: URIRef
    # cross-article entity and proposal merges (kg.building.merge, kg.building.proposal_merge)
    EntityMerge: URIRef
    ProposalMerge: URIRef
    MergePatch: URIRef
    mergedEntity: URIRef
    mergedInto: URIRef
    mergedName: URIRef
    mergeReason: URIRef
    mergePatch: URIRef
    patchedGraph: URIRef
    removedQuads: URIRef
    addedQuads: URIRef
    undone: URIRef
    # the summary graph of a store (kg.rdf.summary)
    Summary: URIRef
    EdgeSummary: URIRef
    summaryVersion: URIRef
    pendingNode: URIRef
    nodeType: URIRef
    nodeLabel: URIRef
    nodeName: URIRef
    nameKey: URIRef
    nodeAlias: URIRef
    nodeTitle: URIRef
    articleCount: URIRef
    factCount: URIRef
    edgeSubject: URIRef
    edgePredicate: URIRef
    edgeObject: URIRef
    edgeTarget: URIRef
    edgeTitle: URIRef
    bestConfidence: URIRef
    # positions and the quotes listing's rows in the summary graph (kg.rdf.ranks)
    pendingRanks: URIRef
    edgeRank: URIRef
    proposalRank: URIRef
    QuoteRow: URIRef
    quoteRank: URIRef
    rowSpeaker: URIRef
    rowName: URIRef
    rowQuote: URIRef
    rowText: URIRef
    rowSentence: URIRef
    rowArticle: URIRef
    # where a node's evidence and timeline rows begin, article by article (kg.rdf.starts)
    RowStart: URIRef
    startOf: URIRef
    startArticle: URIRef
    evidenceBefore: URIRef
    timelineBefore: URIRef


RELATIONS = {
    "met": KG.met, "visited": KG.visited, "considers": KG.considers, "proposes": KG.proposes,
    "backs": KG.backs, "opposes": KG.opposes, "discusses": KG.discusses, "commitsTo": KG.commitsTo,
    "concerns": KG.concerns, "said": KG.said, "locatedIn": KG.locatedIn, "supports": KG.supports,
    "memberOf": KG.memberOf, "conflict": KG.conflictWith, "holdsRole": KG.holdsRole,
}
"""Fact relation names (as the extractor writes them) to ontology properties."""

STATUSES = {"proposed": KG.Proposed, "under consideration": KG.UnderConsideration, "agreed": KG.Agreed,
            "withdrawn": KG.Withdrawn, "rejected": KG.Rejected}


def local_name(iri: str) -> str:
    """The last part of an IRI, after its ``#`` or last ``/``: ``kg:met`` is ``met``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def slug(text: str) -> str:
    """A readable, always-valid IRI segment: ASCII letters, digits and hyphens; text with none
    of those (another script, emoji) gets a short hash instead.

    >>> slug("Recep Tayyip Erdoğan")
    'recep-tayyip-erdogan'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)
    out = "-".join(words)[:80].strip("-")
    return out or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def article_iri(content_hash: str) -> URIRef:
    return ARTICLE[content_hash[:16]]


def entity_iri(kind: str, key: str, name: str) -> URIRef:
    """Countries by ISO code, other entities by the slug of their canonical name."""
    if key.startswith("iso:"):
        return ID[f"country/{key[4:]}"] if kind == "Country" else ID[f"place/{key[4:].lower()}"]
    return ID[f"{kind.lower()}/{slug(name)}"]


def proposal_iri(content_hash: str, key: str) -> URIRef:
    return ID[f"proposal/{content_hash[:12]}/{slug(key.removeprefix('proposal:'))}"]


def extractor_iri(version: str) -> URIRef:
    return URIRef(BASE + f"extractor/{version}")
