"""The summary graph of a store: what its article graphs say about each node, taken together.

An entity's triples are repeated in the graph of every article naming it, and each fact about it
lives in its own article. A question about one entity, or a listing of every person with the
number of articles naming them, then reads every copy: its time grows with the corpus. The
summary graph (``<https://example.org/kg/summary>``, terms of ``ontology.ttl``) holds each node
once and each relation once::

    <…/id/person/ada-obi> kg:nodeType schema:Person ; kg:nodeLabel "Ada Obi" ;
        kg:nodeName "Ada Obi", "Obi" ; kg:nameKey "ada obi", "obi" ; kg:nodeTitle "mayor" ;
        kg:articleCount 12 ; kg:factCount 30 .
    <…/summary/edge/HASH> a kg:EdgeSummary ; kg:edgeSubject <…/person/ada-obi> ;
        kg:edgePredicate kg:met ; kg:edgeObject <…/person/ben-ito> ; kg:edgeTarget <…/person/ben-ito> ;
        kg:factCount 3 ; kg:articleCount 2 ; kg:bestConfidence 0.85 .

A quotation's part also holds the rows of the ``quotes`` listing about it (`kg.rdf.ranks`); a
node's part, where its rows of ``evidence`` and ``timeline`` begin in each of its articles
(`kg.rdf.starts`, read from every fact at once when the nodes are many); and the summary keeps
the position of each edge, proposal and quote row in the order a question shows them
(`kg.rdf.ranks`), written again over the whole store once the nodes are.

The stored queries of ``queries/summary/`` read it (`kg.questions.queries`); so do the graph
commands (`kg.questions.network.entity_graph`). It is derived data: `summary_quads` computes a
node's part from the article graphs alone, so the summary of a store is the same whether it was
built at once (`build`) or kept up to date article by article (`mark_changed`, then `refresh`).

Keeping it up to date: before an article graph changes, the nodes it holds (before and after)
are recorded as ``kg:pendingNode`` of the summary (and ``kg:pendingRanks``); `refresh` computes
those nodes' parts again and only then removes their marks, then writes the positions again and
removes the last mark. A build killed at any moment leaves marks, never a summary
that silently disagrees with the articles; `state` says ``"pending"`` and the questions read
the article graphs until the summary is refreshed. A store without a summary (written by an
earlier kg, or by someone else's update) gets one built whole by `ensure`.

Functions here take the `pyoxigraph.Store` itself (`kg.rdf.store.GraphStore` calls them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import pyoxigraph as ox

from . import ranks, starts
from .counting import NODE_TYPES
from .namespace import ARTICLE, BASE, KG, MERGES_GRAPH, SCHEMA, SUMMARY_GRAPH, short_hash

VERSION = 4
"""The summary's layout; a summary of another version is built again."""
GRAPH = ox.NamedNode(SUMMARY_GRAPH)
MERGES = ox.NamedNode(MERGES_GRAPH)
BATCH = 2000  # nodes computed and written at a time


def _kg(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(KG[term]))


def _schema(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(SCHEMA[term]))


RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE, RDF_SUBJECT = ox.NamedNode(RDF + "type"), ox.NamedNode(RDF + "subject")
RDF_PREDICATE, RDF_OBJECT = ox.NamedNode(RDF + "predicate"), ox.NamedNode(RDF + "object")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
NAME, ALIAS, TEXT = _schema("name"), _schema("alternateName"), _schema("text")
JOB_TITLE, MENTIONS, QUOTATION = _schema("jobTitle"), _schema("mentions"), _schema("Quotation")
ISO, CONFIDENCE, ROLE_TITLE, ROLE_OF = _kg("isoCode"), _kg("confidence"), _kg("roleTitle"), _kg("roleOf")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
NODE_CLASSES = frozenset({ox.NamedNode(iri) for iri in NODE_TYPES} | {_kg("Role")})

# The nodes of an article graph: what it types as an entity, proposal, quotation or role, and the
# object of these (a fact's subject and object, what a role is of, who the article mentions).
# A change to a node's names or titles is a change to a graph that types it.
POINTING = (RDF_SUBJECT, RDF_OBJECT, ROLE_OF, MENTIONS)


def state(store: ox.Store) -> str:
    """``"absent"`` (no summary), ``"old"`` (another version), ``"pending"`` (some nodes changed
    since) or ``"ready"``."""
    version = next(store.quads_for_pattern(GRAPH, _kg("summaryVersion"), None, GRAPH), None)
    if version is None:
        return "absent"
    if version.object.value != str(VERSION):
        return "old"
    if next(store.quads_for_pattern(GRAPH, _kg("pendingNode"), None, GRAPH), None) is not None or ranks.is_pending(store):
        return "pending"
    return "ready"


def is_data_graph(graph) -> bool:
    """An article graph (or a graph loaded from a file): not the merges record nor the summary."""
    return isinstance(graph, ox.NamedNode) and graph != GRAPH and graph != MERGES


# ------------------------------------------------------------------------------ which nodes

def nodes_of_quads(quads: Iterable[ox.Quad]) -> set[ox.NamedNode]:
    """The nodes whose part of the summary these quads of article graphs feed."""
    nodes = set()
    for quad in quads:
        if not is_data_graph(quad.graph_name):
            continue
        if quad.predicate == RDF_TYPE:
            if quad.object in NODE_CLASSES:
                nodes.add(quad.subject)
        elif quad.predicate in POINTING and isinstance(quad.object, ox.NamedNode):
            nodes.add(quad.object)
    return {node for node in nodes if isinstance(node, ox.NamedNode) and not node.value.startswith(str(ARTICLE))}


_NODES = ("SELECT DISTINCT ?node WHERE { GRAPH ?g { "
          + " UNION ".join([f"{{ ?node {RDF_TYPE} ?type FILTER (?type IN ({', '.join(map(str, sorted(NODE_CLASSES, key=str)))})) }}"]
                           + [f"{{ ?x {p} ?node }}" for p in POINTING])
          + " } FILTER (isIRI(?node) && !STRSTARTS(STR(?node), \"" + str(ARTICLE) + "\") && ?g != " + str(GRAPH)
          + " && ?g != " + str(MERGES) + ") }")


def nodes_in(store: ox.Store, graph: ox.NamedNode | None = None) -> set[ox.NamedNode]:
    """The nodes whose part of the summary ``graph`` (None: every article graph) feeds."""
    if graph is None:
        return {row["node"] for row in store.query(_NODES)}
    quads: list[ox.Quad] = []
    for predicate in (RDF_TYPE, *POINTING):
        quads.extend(store.quads_for_pattern(None, predicate, None, graph))
    return nodes_of_quads(quads)


def mark_changed(store: ox.Store, graphs: Iterable[ox.NamedNode] = (), quads: Iterable[ox.Quad] = ()) -> None:
    """Record, before article graphs change, the nodes whose summary the change touches: those
    the ``graphs`` hold now, and those of the ``quads`` about to be written. Nothing to do when
    the store has no summary (it is built whole when asked for)."""
    if state(store) not in ("pending", "ready"):
        return
    nodes = nodes_of_quads(quads)
    for graph in graphs:
        if is_data_graph(graph):
            nodes |= nodes_in(store, graph)
    marks = [ox.Quad(GRAPH, _kg("pendingNode"), node, GRAPH) for node in sorted(nodes, key=str)]
    store.extend(marks + [ranks.PENDING] if marks else [])


# ------------------------------------------------------------------------------ computing

_PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             "PREFIX schema: <https://schema.org/> PREFIX kg: <https://example.org/kg/ontology#> ")
# Each reads the article graphs (not the merges record, not the summary) of the nodes in a
# VALUES block; aggregates are SPARQL's, as the queries that read the article graphs compute them.
_DATA = "FILTER (?g != <{summary}> && ?g != <{merges}>)".format(summary=SUMMARY_GRAPH, merges=MERGES_GRAPH)
_ATTRIBUTES = _PREFIXES + """SELECT DISTINCT ?node ?p ?o WHERE {
  VALUES ?node { %s }
  GRAPH ?g { ?node ?p ?o }
  FILTER (?p IN (rdf:type, rdfs:label, schema:name, schema:alternateName, schema:text, schema:jobTitle, kg:isoCode,
                 kg:roleTitle, kg:roleOf))
  """ + _DATA + "}"
_ARTICLES = _PREFIXES + """SELECT ?node (COUNT(DISTINCT ?article) AS ?n) WHERE {
  VALUES ?node { %s } GRAPH ?g { ?article schema:mentions ?node } """ + _DATA + "} GROUP BY ?node"
# as queries/_node-degree.rq counts: facts as subject, as object, and through a role they hold
_DEGREE = _PREFIXES + """SELECT ?node (COUNT(?fact) AS ?n) WHERE {
  VALUES ?node { %s }
  GRAPH ?g { { ?fact rdf:subject ?node } UNION { ?fact rdf:object ?node } UNION { ?role kg:roleOf ?node . ?fact rdf:object ?role } }
  """ + _DATA + "} GROUP BY ?node"
# as queries/entity.rq groups facts: a fact whose graph gives it a relation, an object and a confidence
# and as _graph-links.rq draws them: a role's title and what it is of are read in each fact's
# graph (one role can be "vice president" in one article, "vice-president" in another), the
# least title when the article gives two
_EDGES = _PREFIXES + """SELECT ?node ?p ?o ?title ?of (COUNT(DISTINCT ?fact) AS ?facts) (COUNT(DISTINCT ?g) AS ?articles)
       (MAX(?c) AS ?best) WHERE {
  { SELECT ?g ?fact ?node ?p ?o ?c (MIN(?roleTitle) AS ?title) WHERE {
      VALUES ?node { %s }
      GRAPH ?g { ?fact rdf:subject ?node ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?c . }
      OPTIONAL { GRAPH ?g { ?o kg:roleTitle ?roleTitle } }
      """ + _DATA + """
    } GROUP BY ?g ?fact ?node ?p ?o ?c }
  OPTIONAL { GRAPH ?g { ?o kg:roleOf ?roleOf } }
  BIND (IF(BOUND(?title), ?roleOf, ?unbound) AS ?of)
} GROUP BY ?node ?p ?o ?title ?of"""


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD_INTEGER)


def _least(terms: Iterable) -> ox.Literal | None:
    """The least literal by its value (SPARQL's MIN over kg's plain strings), or None."""
    return min(terms, key=lambda term: (term.value, str(term)), default=None)


def _solutions(store: ox.Store, query: str, nodes: list[ox.NamedNode]):
    # the IRIs are written by Oxigraph's N-Triples serialiser, never formatted from text
    return store.query(query % " ".join(str(node) for node in nodes))


def summary_quads(store: ox.Store, nodes: list[ox.NamedNode],
                  row_starts: dict[ox.NamedNode, list[ox.Quad]] | None = None) -> list[ox.Quad]:
    """The nodes' part of the summary, computed from the article graphs: each node's own
    statistics, and one `kg:EdgeSummary` per relation and object it is the subject of (and per
    title and holder of a role object)."""
    attributes: dict[ox.NamedNode, dict[ox.NamedNode, set]] = {node: {} for node in nodes}
    for row in _solutions(store, _ATTRIBUTES, nodes):
        attributes[row["node"]].setdefault(row["p"], set()).add(row["o"])
    counted = {"articleCount": dict.fromkeys(nodes, 0), "factCount": dict.fromkeys(nodes, 0)}
    for name, query in (("articleCount", _ARTICLES), ("factCount", _DEGREE)):
        for row in _solutions(store, query, nodes):
            counted[name][row["node"]] = int(row["n"].value)
    quads = []
    for node in nodes:
        values = attributes[node]
        types = values.get(RDF_TYPE, set()) & NODE_CLASSES
        labels, texts, aliases = values.get(LABEL, set()), values.get(TEXT, set()), values.get(ALIAS, set())
        shown = _least(labels | texts)
        triples = [(_kg("nodeType"), kind) for kind in types]
        triples += [(_kg("nodeLabel"), shown)] if shown is not None else []
        triples += [(_kg("nodeName"), name) for name in labels | values.get(NAME, set()) | aliases]
        triples += [(_kg("nameKey"), ox.Literal(key)) for key in {name.value.lower() for name in labels | aliases}]
        triples += [(_kg("nodeAlias"), alias) for alias in aliases]
        triples += [(_kg("nodeTitle"), title) for title in values.get(JOB_TITLE, set())]
        triples += [(p, v) for p in (ISO, ROLE_TITLE, ROLE_OF) for v in values.get(p, set())]
        if types:
            triples += [(_kg(name), _integer(counts[node])) for name, counts in counted.items()]
        quads += [ox.Quad(node, p, o, GRAPH) for p, o in triples]
    for row in _solutions(store, _EDGES, nodes):
        node, predicate, obj, title = row["node"], row["p"], row["o"], row["title"]
        iri = ox.NamedNode(f"{BASE}summary/edge/{short_hash(*(str(t) for t in (node, predicate, obj, title, row['of'])))}")
        target = row["of"] if title is not None else obj
        triples = [(RDF_TYPE, _kg("EdgeSummary")), (_kg("edgeSubject"), node), (_kg("edgePredicate"), predicate),
                   (_kg("edgeObject"), obj), (_kg("factCount"), row["facts"]), (_kg("articleCount"), row["articles"]),
                   (_kg("bestConfidence"), row["best"])]
        triples += [(_kg("edgeTarget"), target)] if target is not None else []
        triples += [(_kg("edgeTitle"), title)] if title is not None else []
        quads += [ox.Quad(iri, p, o, GRAPH) for p, o in triples]
    quotations = [node for node in nodes if QUOTATION in attributes[node].get(RDF_TYPE, ())]
    if row_starts is None:
        row_starts = starts.row_start_quads(store, nodes)
    quads += [quad for node in nodes for quad in row_starts.get(node, ())]
    return quads + (ranks.quote_row_quads(store, quotations) if quotations else [])


# ------------------------------------------------------------------------------ writing

def _batches(items: list, size: int = BATCH) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def build(store: ox.Store) -> int:
    """Compute the whole summary from the article graphs; returns how many nodes it holds. The
    version mark is written last: a build killed on the way leaves no summary, not half of one
    (so Oxigraph's bulk loader, fast and not transactional, may write the rest)."""
    if store.contains_named_graph(GRAPH):
        store.remove_graph(GRAPH)
    nodes = sorted(nodes_in(store), key=str)
    row_starts = starts.row_start_quads(store, nodes)  # read at once: every fact of the store
    store.bulk_extend(quad for chunk in _batches(nodes) for quad in summary_quads(store, chunk, row_starts))
    ranks.rank(store)
    store.extend([ox.Quad(GRAPH, RDF_TYPE, _kg("Summary"), GRAPH),
                  ox.Quad(GRAPH, _kg("summaryVersion"), _integer(VERSION), GRAPH)])
    return len(nodes)


def refresh(store: ox.Store) -> int:
    """Compute again the part of every pending node, then clear their marks, then write the
    positions again (`kg.rdf.ranks.rank`); returns how many nodes."""
    pending = sorted({q.object for q in store.quads_for_pattern(GRAPH, _kg("pendingNode"), None, GRAPH)}, key=str)
    row_starts = starts.row_start_quads(store, pending)  # read at once (every fact, when they are many)
    for chunk in _batches(pending):
        old = []
        for node in chunk:
            old += store.quads_for_pattern(node, None, None, GRAPH)
            for edge in store.quads_for_pattern(None, _kg("edgeSubject"), node, GRAPH):
                old += store.quads_for_pattern(edge.subject, None, None, GRAPH)
            for row in ranks.quote_rows_of(store, node):
                old += store.quads_for_pattern(row, None, None, GRAPH)
            for start in starts.starts_of(store, node):
                old += store.quads_for_pattern(start, None, None, GRAPH)
        # only what changed is written: after a few new articles, most of a node's part (its
        # edges, the starts of its articles before the new ones) is as it was
        new = set(summary_quads(store, chunk, row_starts))
        for quad in set(old) - new:
            store.remove(quad)
        store.extend(new.difference(old))
        for node in chunk:
            store.remove(ox.Quad(GRAPH, _kg("pendingNode"), node, GRAPH))
    if ranks.is_pending(store):
        ranks.rank(store)
    return len(pending)


def ensure(store: ox.Store) -> str:
    """Bring the summary up to date: built whole when absent or of another version, the pending
    nodes computed again otherwise. Returns what was done: ``"built"``, ``"refreshed"`` or ``""``."""
    current = state(store)
    if current in ("absent", "old"):
        build(store)
        return "built"
    if current == "pending":
        refresh(store)
        return "refreshed"
    return ""


def drop(store: ox.Store) -> None:
    """Remove the summary (after changes it cannot follow, such as a SPARQL update)."""
    if store.contains_named_graph(GRAPH):
        store.remove_graph(GRAPH)
