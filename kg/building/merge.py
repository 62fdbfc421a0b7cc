"""Cross-article entity merging in a store: the same person, country or organisation named
differently in two articles becomes one node, and each merge can be undone.

Within an article the extractor already knows that "Trump", "Mr Trump" and "Donald Trump" are one
person. Across articles, entities meet by IRI (the slug of their canonical name), so an article
that only says "Trump", or says "Donald J. Trump", makes a second node. `merge_entities` finds
such pairs and rewrites the second IRI into the first in every article graph, each merge in one
Oxigraph transaction, recording in the graph ``<https://example.org/kg/merges>`` what it did::

    <merge/ID> a kg:EntityMerge ; kg:mergedEntity <…/person/trump> ; kg:mergedInto <…/person/donald-trump> ;
        kg:mergedName "Trump" ; kg:mergeReason "…" ; kg:mergePatch <merge/ID/<article>> .
    <merge/ID/<article>> a kg:MergePatch ; kg:patchedGraph <article> ;
        kg:removedQuads "…N-Quads…" ; kg:addedQuads "…N-Quads…" .

`undo_merge` applies the patches backwards and marks the merge ``kg:undone``, so later builds
keep the two apart. Both keep the store's summary graph (`kg.rdf.summary`) up to date. Two entities of the same type are merged when (conservatively):

1. one's canonical name is a name an article gave the other ("Trump" for Donald Trump, "UN" for
   the United Nations), and no third entity has that name; or
2. two people's names agree once titles and middle initials are set aside ("Donald J. Trump",
   "Donald Trump"), and no third person's do.

The entity kept is the one whose names include the other's, else the one more articles mention.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

import pyoxigraph as ox

from ..core.errors import KGError
from ..extraction.gazetteer import fold, gazetteer
from ..questions.queries import load_query
from ..rdf import summary
from ..rdf.namespace import ARTICLE, BASE, KG, SCHEMA, short_hash
from ..rdf.store import GraphStore

MERGES_GRAPH = ox.NamedNode(BASE + "merges")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
NAME, ALT_NAME = ox.NamedNode(str(SCHEMA.name)), ox.NamedNode(str(SCHEMA.alternateName))


def _kg(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(KG[term]))


class EntityInfo(NamedTuple):
    """An entity as the store knows it: IRI, type, canonical name, every name, articles."""

    iri: str
    type: str
    name: str
    names: frozenset[str]
    articles: int


class MergePlan(NamedTuple):
    removed: EntityInfo
    kept: EntityInfo
    reason: str


class MergeRecord(NamedTuple):
    """A merge recorded in the store."""

    id: str
    removed: str
    kept: str
    names: list[str]
    articles: list[str]
    reason: str
    undone: bool


# ----------------------------------------------------------------------------------- finding

def entities_in(store: GraphStore) -> list[EntityInfo]:
    """The people, countries and organisations of the store (``queries/_merge-candidates.rq``)."""
    found = []
    for row in store.query(load_query("_merge-candidates").text):
        names = frozenset(n for n in row["names"].value.split("\t") if n)
        found.append(EntityInfo(row["entity"].value, row["type"].value.rsplit("/", 1)[-1], row["name"].value,
                                names, int(row["articles"].value)))
    return found


def name_key(name: str, kind: str) -> str:
    """What two names must share to name the same entity: folded, without punctuation; for
    people also without leading titles ("President", "Mr") and middle initials.

    >>> name_key("President Donald J. Trump", "Person")
    'donald trump'
    """
    words = re.sub(r"[^\w\s'-]", " ", fold(name)).split()
    if kind == "Person":
        titles = gazetteer().titles
        while len(words) > 1 and (words[0] in titles or " ".join(words[:2]) in titles):
            words = words[2:] if " ".join(words[:2]) in titles else words[1:]
        words = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and len(w) == 1)]
    return " ".join(words)


def plan_merges(entities: list[EntityInfo], *, apart: set[tuple[str, str]] = frozenset()) -> list[MergePlan]:
    """Which entity goes into which, by the rules of the module docstring. Pairs in ``apart``
    (removed IRI, kept IRI), merges undone before, are left alone; ambiguous names too."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in entities:
        for name in e.names:
            holders[(e.type, name_key(name, e.type))].add(e.iri)
    by_iri = {e.iri: e for e in entities}
    target: dict[str, tuple[str, str]] = {}
    for e in sorted(entities, key=lambda x: x.iri):
        key = name_key(e.name, e.type)
        others = holders[(e.type, key)] - {e.iri}
        if len(others) != 1 or not key:
            continue
        other = by_iri[next(iter(others))]
        same = name_key(other.name, other.type) == key
        if same and _rank(e) > _rank(other):
            continue  # the other one goes into this one
        why = (f"'{e.name}' and '{other.name}' are the same name once titles and initials are set aside" if same
               else f"'{e.name}' is a name of {other.name} in an article, and of no other {e.type.lower()}")
        target[e.iri] = (other.iri, why)
    plans = []
    for iri, (kept, why) in sorted(target.items()):
        seen = {iri}
        while kept in target and kept not in seen:  # a chain: go to its end
            seen.add(kept)
            kept = target[kept][0]
        if kept not in seen and (iri, kept) not in apart:
            plans.append(MergePlan(by_iri[iri], by_iri[kept], why))
    return plans


def _rank(e: EntityInfo) -> tuple:
    """Which of two entities of the same name is kept: the one more articles mention, then the
    one known by more names, then the shorter name ("Donald Trump" over "Donald J. Trump")."""
    return (e.articles, len(e.names), -len(e.name), e.iri)


# ----------------------------------------------------------------------------------- merging

def merge_entities(store: GraphStore) -> list[MergeRecord]:
    """Find and apply the merges the store's entities call for.

    Returns:
        The merges applied (a pair merged before whose old name came back in new articles is
        applied again, to those articles).
    """
    records = {r.id: r for r in list_merges(store)}
    apart = {(r.removed, r.kept) for r in records.values() if r.undone}
    applied = []
    for plan in plan_merges(entities_in(store), apart=apart):
        record = apply_merge(store, plan)
        if record is not None:
            applied.append(record)
    return applied


def merge_id(removed: str, kept: str) -> str:
    return short_hash(removed, kept)[:12]


def apply_merge(store: GraphStore, plan: MergePlan, *, kinds: tuple[str, ...] = ("EntityMerge",)) -> MergeRecord | None:
    """Rewrite ``plan.removed`` into ``plan.kept`` in every article graph, in one transaction,
    recording the patches that undo it (typed with the ontology classes ``kinds``)."""
    removed, kept = ox.NamedNode(plan.removed.iri), ox.NamedNode(plan.kept.iri)
    by_graph: dict[ox.NamedNode, set[ox.Quad]] = defaultdict(set)
    for quad in [*store.store.quads_for_pattern(removed, None, None), *store.store.quads_for_pattern(None, None, removed)]:
        if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value.startswith(str(ARTICLE)):
            by_graph[quad.graph_name].add(quad)
    if not by_graph:
        return None
    mid = merge_id(plan.removed.iri, plan.kept.iri)
    node = ox.NamedNode(f"{BASE}merge/{mid}")
    deletes, inserts = [], []
    record = [*((node, RDF_TYPE, _kg(kind)) for kind in kinds), (node, _kg("mergedEntity"), removed),
              (node, _kg("mergedInto"), kept), (node, _kg("mergeReason"), ox.Literal(plan.reason)),
              (node, LABEL, ox.Literal(f"{plan.removed.name} → {plan.kept.name}"))]
    record += [(node, _kg("mergedName"), ox.Literal(n)) for n in sorted(plan.removed.names)]
    for graph, quads in sorted(by_graph.items(), key=lambda kv: kv[0].value):
        added = {new for q in quads for new in _rewrite(q, removed, kept, plan.kept.name) if new not in store.store}
        patch = ox.NamedNode(f"{node.value}/{graph.value.rsplit('/', 1)[-1]}")
        deletes += sorted(quads, key=str)
        inserts += sorted(added, key=str)
        record += [(node, _kg("mergePatch"), patch), (patch, RDF_TYPE, _kg("MergePatch")),
                   (patch, _kg("patchedGraph"), graph),
                   (patch, _kg("removedQuads"), ox.Literal(_nquads(quads))),
                   (patch, _kg("addedQuads"), ox.Literal(_nquads(added)))]
    inserts += [ox.Quad(s, p, o, MERGES_GRAPH) for s, p, o in record]
    _transaction(store, deletes, inserts)
    return _record(store, mid)


def _rewrite(quad: ox.Quad, removed: ox.NamedNode, kept: ox.NamedNode, kept_name: str) -> list[ox.Quad]:
    """The quad with the merged IRI replaced by the kept one; a name of the merged entity stays
    as an alternate name, and the graph names the kept entity by its own name."""
    s = kept if quad.subject == removed else quad.subject
    o = kept if quad.object == removed else quad.object
    if quad.subject == removed and quad.predicate in (LABEL, NAME) and quad.object.value != kept_name:
        return [ox.Quad(kept, quad.predicate, ox.Literal(kept_name), quad.graph_name),
                ox.Quad(kept, ALT_NAME, quad.object, quad.graph_name)]
    return [ox.Quad(s, quad.predicate, o, quad.graph_name)]


def _nquads(quads) -> str:
    return ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.N_QUADS).decode("utf-8") if quads else ""


def _transaction(store: GraphStore, deletes: list[ox.Quad], inserts: list[ox.Quad]) -> None:
    """Delete then insert quads in one SPARQL update, which Oxigraph applies atomically. The data
    blocks are written by Oxigraph's own term serialiser (N-Triples syntax), never by formatting
    strings, so no name can change what the update does."""

    def block(quads: list[ox.Quad]) -> str:
        by_graph: dict[str, list[str]] = defaultdict(list)
        for q in quads:
            by_graph[str(q.graph_name)].append(f"{q.subject} {q.predicate} {q.object} .")
        return " ".join(f"GRAPH {g} {{ {' '.join(lines)} }}" for g, lines in by_graph.items())

    parts = ([f"DELETE DATA {{ {block(deletes)} }}"] if deletes else []) + ([f"INSERT DATA {{ {block(inserts)} }}"] if inserts else [])
    if parts:
        try:
            # the nodes of the article graphs changed, before and after, await a summary refresh
            summary.mark_changed(store.store, sorted({q.graph_name for q in deletes + inserts}, key=str), inserts)
            store.store.update(" ;\n".join(parts))
        except OSError as err:
            raise KGError(f"{store.path or 'memory'}: cannot write the merge to the store ({err})") from None


# ----------------------------------------------------------------------------- reading, undoing

def _value(store: GraphStore, subject: ox.NamedNode, term: str) -> list:
    return [q.object for q in store.store.quads_for_pattern(subject, _kg(term), None, MERGES_GRAPH)]


def _record(store: GraphStore, mid: str) -> MergeRecord:
    node = ox.NamedNode(f"{BASE}merge/{mid}")
    patches = _value(store, node, "mergePatch")
    articles = sorted(g.value for p in patches for g in _value(store, p, "patchedGraph"))
    return MergeRecord(mid, _value(store, node, "mergedEntity")[0].value, _value(store, node, "mergedInto")[0].value,
                       sorted(n.value for n in _value(store, node, "mergedName")), articles,
                       (_value(store, node, "mergeReason") or [ox.Literal("")])[0].value,
                       any(v.value == "true" for v in _value(store, node, "undone")))


def list_merges(store: GraphStore) -> list[MergeRecord]:
    """Every merge recorded in the store, undone ones included, by merged name."""
    nodes = [q.subject for q in store.store.quads_for_pattern(None, RDF_TYPE, _kg("EntityMerge"), MERGES_GRAPH)]
    records = [_record(store, n.value.rsplit("/", 1)[-1]) for n in nodes]
    return sorted(records, key=lambda r: (r.names[:1], r.id))


def undo_merge(store: GraphStore, mid: str) -> MergeRecord:
    """Put every patched article graph back as it was before the merge, and mark it undone (the
    record and its patches stay, to say what was undone).

    Raises:
        KGError: no such merge, it is already undone, or a later merge built on it (undo that one
            first: its id is in the message).
    """
    records = {r.id: r for r in list_merges(store)}
    record = records.get(mid)
    if record is None:
        raise KGError(f"no merge '{mid}' in the store; `kg merges --store DIR` lists them")
    if record.undone:
        raise KGError(f"merge {mid} is already undone")
    later = [r.id for r in records.values() if not r.undone and r.removed == record.kept]
    if later:
        raise KGError(f"merge {', '.join(later)} merged {record.kept} further; undo it first")
    node = ox.NamedNode(f"{BASE}merge/{mid}")
    deletes, inserts = [], []
    for patch in _value(store, node, "mergePatch"):
        graph = _value(store, patch, "patchedGraph")[0]
        if not any(True for _ in store.store.quads_for_pattern(graph, _kg("contentHash"), None, graph)):
            continue  # the article was rebuilt or removed since: nothing of the merge is left in it
        removed = _parse(_value(store, patch, "removedQuads")[0].value)
        added = _parse(_value(store, patch, "addedQuads")[0].value)
        keep = _needed_by_others(store, records, mid, graph)
        deletes += [q for q in added if q not in keep and q in store.store]
        inserts += removed
    inserts.append(ox.Quad(node, _kg("undone"), ox.Literal(True), MERGES_GRAPH))
    _transaction(store, deletes, inserts)
    store.refresh_summary()
    return _record(store, mid)


def _needed_by_others(store: GraphStore, records: dict[str, MergeRecord], mid: str, graph: ox.NamedNode) -> set[ox.Quad]:
    """Quads of ``graph`` that another merge still in force rewrote into being."""
    needed: set[ox.Quad] = set()
    for other in records.values():
        if other.id == mid or other.undone:
            continue
        patch = ox.NamedNode(f"{BASE}merge/{other.id}/{graph.value.rsplit('/', 1)[-1]}")
        for text in _value(store, patch, "removedQuads"):
            kept_name = _entity_name(store, other.kept)
            needed |= {new for q in _parse(text.value)
                       for new in _rewrite(q, ox.NamedNode(other.removed), ox.NamedNode(other.kept), kept_name)}
    return needed


def _entity_name(store: GraphStore, iri: str) -> str:
    labels = sorted(q.object.value for q in store.store.quads_for_pattern(ox.NamedNode(iri), LABEL, None))
    return labels[0] if labels else iri


def _parse(nquads: str) -> list[ox.Quad]:
    return list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if nquads else []


def forget_graph(store: GraphStore, graph_iri: str) -> None:
    """Drop the patches about an article graph that is being replaced: they describe triples
    that will no longer be there, and undoing a merge must not bring them back."""
    graph = ox.NamedNode(graph_iri)
    deletes = []
    for quad in store.store.quads_for_pattern(None, _kg("patchedGraph"), graph, MERGES_GRAPH):
        patch = quad.subject
        deletes += [ox.Quad(q.subject, q.predicate, q.object, MERGES_GRAPH)
                    for q in store.store.quads_for_pattern(patch, None, None, MERGES_GRAPH)]
        deletes += [ox.Quad(q.subject, q.predicate, q.object, MERGES_GRAPH)
                    for q in store.store.quads_for_pattern(None, _kg("mergePatch"), patch, MERGES_GRAPH)]
    _transaction(store, deletes, [])
