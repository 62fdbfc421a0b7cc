"""Exporting a graph (a store, files, an endpoint) to other formats, and counting what is in it."""

from __future__ import annotations

import csv
import io
import re
import networkx as nx
import pyoxigraph as ox

from ..core.errors import InputError
from ..rdf.counting import tally
from ..rdf.namespace import SUMMARY_GRAPH, local_name
from ..rdf.sparql import Source
from ..rdf.store import FORMATS, GraphStore
from .network import read_facts, read_nodes, to_networkx

RDF_EXPORTS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "jsonld": "jsonld"}
EXPORT_FORMATS = (*RDF_EXPORTS, "graphml", "csv")
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nquads": ".nq", "jsonld": ".jsonld", "graphml": ".graphml", "csv": ".csv"}


def export(source: Source, format: str) -> bytes:
    """The source's content in an RDF format, as GraphML (the networkx view), or as CSV (one row
    per fact)."""
    if format in RDF_EXPORTS:
        quads = all_quads(source)
        if format in ("turtle", "nt", "jsonld"):
            # triple formats carry no graph names: the union of the article graphs
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
            return ox.serialize(sorted(triples, key=str), format=FORMATS[format])
        return ox.serialize(sorted(set(quads), key=str), format=FORMATS[format])
    if format == "graphml":
        return graphml(to_networkx(source))
    if format == "csv":
        return facts_csv(source).encode("utf-8")
    raise InputError(f"unknown export format '{format}'; use one of {', '.join(EXPORT_FORMATS)}")


# a store's summary graph is derived data, never exported nor counted (kg.rdf.summary)
_NOT_SUMMARY = f"FILTER (?g != <{SUMMARY_GRAPH}>)"
ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } " + _NOT_SUMMARY + " }"
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } " + _NOT_SUMMARY + " }"


def all_quads(source: Source) -> list[ox.Quad]:
    """Every quad of the source's named graphs (a store's directly, an endpoint's by SPARQL),
    without a store's summary graph."""
    if isinstance(source, GraphStore):
        return [q for q in source.store if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != SUMMARY_GRAPH]
    return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in source.query(ALL_QUADS)]


# characters XML 1.0 cannot hold, even escaped: C0 controls other than tab and newlines, lone
# surrogates and the two non-characters U+FFFE and U+FFFF
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)


def graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML of the networkx view; list attributes are joined with '; '. Characters XML cannot
    hold (a NUL in an article's text) become U+FFFD, so the file always parses."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(_xml_text(node), label=_xml_text(data["label"]), type=data["type"],
                      names=_xml_text("; ".join(data["names"])), titles=_xml_text("; ".join(data["titles"])))
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(_xml_text(u), _xml_text(v), key=_xml_text(str(key)), predicate=data["predicate"],
                      title=_xml_text(data.get("title") or ""), confidence=float(data["confidence"]),
                      evidence=_xml_text(" | ".join(e["sentence"] for e in data["evidence"])))
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer)
    return buffer.getvalue()


def facts_csv(source: Source) -> str:
    """One row per fact (what `kg stats` counts): its subject, relation, object (a role: what it
    is of, with the role's title), best confidence, its sentences joined by `` | `` and its
    article."""
    labels = {iri: (min(data["labels"]) if data["labels"] else local_name(iri)) for iri, data in read_nodes(source).items()}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["fact", "subject", "subject_label", "predicate", "title", "object", "object_label", "confidence",
                     "sentences", "article"])
    for fact in sorted(read_facts(source), key=lambda f: (f.subject, f.predicate, f.target or "", f.fact)):
        article = fact.evidence[0].article if fact.evidence else ""
        writer.writerow([fact.fact, fact.subject, labels.get(fact.subject, ""), fact.predicate, fact.title or "",
                         fact.target or "", labels.get(fact.target, "") if fact.target else "",
                         f"{fact.confidence:.3f}", " | ".join(e.sentence for e in fact.evidence), article])
    return buffer.getvalue()


def stats(source: Source) -> dict[str, object]:
    """Counts of what the graphs hold: triples, articles, entities by type, facts by relation
    (`kg.rdf.counting`, as the build summary and the pages count)."""
    counts = tally(source)
    triples = next(iter(source.query(COUNT_QUADS)))["n"]
    return {"triples": int(triples.value), "articles": len(counts.articles), "facts": counts.fact_count,
            "entities": counts.entities, "relations": counts.relations}


__all__ = ["EXPORT_FORMATS", "SUFFIXES", "all_quads", "export", "facts_csv", "graphml", "local_name", "stats"]
