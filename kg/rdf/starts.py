"""Where a node's rows of ``evidence`` and ``timeline`` begin, article by article: the part of
the summary graph (`kg.rdf.summary`) that lets a page of either question read a few articles.

Both questions show a node's facts, a row per sentence, in an order that an article's rows
follow as a block (``evidence``: by article, then offset) or that mixes articles (``timeline``:
by date, then day reported, then article). For each article holding a row of the node, the
summary keeps how many of the node's rows come before the article's first row, one
`kg:RowStart` per node and article::

    <…/summary/start/HASH> kg:startOf <…/person/ada-obi> ; kg:startArticle <…/article/1a2b…> ;
        kg:evidenceBefore 12 ; kg:timelineBefore 40 .

A page that ends after row ``n`` (offset + limit) needs only the articles with fewer than ``n``
rows before them, at most ``n`` of them for each node: every row it shows lies in an article
whose first row is at or before it (queries/summary/evidence.rq and timeline.rq, ``# upto`` in
`kg.rdf.sparql.with_page`).

The counts are computed in Python from one read of the facts (`row_start_quads`), and may fall
short of the rows the question shows, never exceed them, which keeps a page exact: rows that
differ only in their sentence, headline or time words count once. The rows of a node with a
date Python might order otherwise than SPARQL (one not written ``YYYY-MM-DD``; kg writes none)
are ordered by Oxigraph instead.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox

from .namespace import BASE, KG, SUMMARY_GRAPH, short_hash

GRAPH = ox.NamedNode(SUMMARY_GRAPH)
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
START_OF, START_ARTICLE = ox.NamedNode(str(KG.startOf)), ox.NamedNode(str(KG.startArticle))
EVIDENCE_BEFORE, TIMELINE_BEFORE = ox.NamedNode(str(KG.evidenceBefore)), ox.NamedNode(str(KG.timelineBefore))

# The rows of queries/timeline.rq, a row per fact and sentence, found as queries/summary/timeline.rq
# finds them (a fact with a subject, a relation and an object, each of its sentences), with their
# names and date computed as there; ?end is bound when the row is also one of queries/evidence.rq.
# Unordered: Python sorts them. %s opens the pattern: nothing (every fact of the store, each read
# once), or the nodes as subject or object.
_ROWS = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/> PREFIX kg: <https://example.org/kg/ontology#>
SELECT ?subject ?object ?article ?predicate ?start ?end ?date ?reportedOn ?subjectName ?objectName WHERE {
  %s
  GRAPH ?article { ?fact rdf:subject ?subject ; rdf:object ?object ; rdf:predicate ?predicate ; kg:evidence ?ev .
                   ?ev kg:sentence ?sentence ; kg:startOffset ?start . }
  OPTIONAL { GRAPH ?article { ?ev kg:endOffset ?end } }
  OPTIONAL { GRAPH ?article { ?fact kg:happenedOn ?happenedOn } }
  OPTIONAL { GRAPH ?article { ?fact kg:timeText ?timeText } }
  OPTIONAL { GRAPH ?article { ?fact kg:reportedOn ?reportedOn } }
  OPTIONAL { GRAPH ?article { ?subject rdfs:label ?subjectName } }
  OPTIONAL { GRAPH ?article { ?object rdfs:label|schema:text ?objectName } }
  BIND (BOUND(?happenedOn) && BOUND(?timeText) && CONTAINS(?sentence, ?timeText) AS ?said)
  BIND (IF(?said, ?happenedOn, ?reportedOn) AS ?date)
}"""
_OF_NODES = """VALUES ?node { %s }
  { GRAPH ?article { ?fact rdf:subject ?node ; rdf:object ?object } BIND (?node AS ?subject) }
  UNION
  { GRAPH ?article { ?fact rdf:object ?node ; rdf:subject ?subject } BIND (?node AS ?object) }"""
SCAN_FROM = 4000
"""From this many nodes on, every fact of the store is read once (a few seconds at 1,000,000
quads) rather than each node's facts (about half a millisecond a node there)."""
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(term) -> tuple[int, str] | None:
    """A date's place in SPARQL's order (unbound first), or None when Python may not know it."""
    if term is None:
        return (0, "")
    if isinstance(term, ox.Literal) and term.datatype == XSD_DATE and _DAY.fullmatch(term.value):
        return (1, term.value)
    return None


def _before(rows: set[tuple]) -> dict[str, int]:
    """For a node's rows, each a tuple whose first parts are its place in the question's order,
    up to and including the article, and whose last part is the article: how many rows come
    before each article's first."""
    firsts: dict[str, int] = {}
    for at, row in enumerate(sorted(rows)):
        firsts.setdefault(row[-1], at)
    return firsts


def row_start_quads(store: ox.Store, nodes: list[ox.NamedNode]) -> dict[ox.NamedNode, list[ox.Quad]]:
    """Each node's `kg:RowStart` quads, one start per article holding a row of ``timeline``."""
    wanted = set(nodes)
    if len(wanted) >= SCAN_FROM:
        pattern = ""
    else:  # the IRIs are written by Oxigraph's N-Triples serialiser, never formatted from text
        pattern = _OF_NODES % " ".join(str(node) for node in nodes)
    # a row by the columns it is ordered by, up to its article, then its offset, relation and
    # names (not its sentence, headline or time): rows that differ only there count once
    evidence: dict[ox.NamedNode, set[tuple]] = defaultdict(set)
    timeline: dict[ox.NamedNode, set[tuple]] = defaultdict(set)
    articles: dict[ox.NamedNode, set[str]] = defaultdict(set)
    unsure: set[ox.NamedNode] = set()
    for row in store.query(_ROWS % pattern):
        article, start, predicate = row["article"].value, row["start"].value, row["predicate"].value
        names = tuple(name.value if name is not None else "" for name in (row["subjectName"], row["objectName"]))
        end, date, reported = row["end"], _day(row["date"]), _day(row["reportedOn"])
        for node in {row["subject"], row["object"]} & wanted:
            articles[node].add(article)
            if end is not None:  # by article, then the rest of the row
                evidence[node].add((article, start, end.value, predicate, names, article))
            if date is None or reported is None:
                unsure.add(node)
            else:  # undated last, by date, by day reported, by article, then the rest of the row
                timeline[node].add((row["date"] is None, date, reported, article, start, predicate, names, article))
    quads: dict[ox.NamedNode, list[ox.Quad]] = {}
    for node in articles:
        firsts = _sparql_before(store, node) if node in unsure else _before(timeline[node])
        evidence_firsts = _before(evidence[node])
        quads[node] = []
        for article, before in firsts.items():
            iri = ox.NamedNode(f"{BASE}summary/start/{short_hash(str(node), article)}")
            triples = [(START_OF, node), (START_ARTICLE, ox.NamedNode(article)), (TIMELINE_BEFORE, _integer(before))]
            if article in evidence_firsts:
                triples.append((EVIDENCE_BEFORE, _integer(evidence_firsts[article])))
            quads[node] += [ox.Quad(iri, p, o, GRAPH) for p, o in triples]
    return quads


def _sparql_before(store: ox.Store, node: ox.NamedNode) -> dict[str, int]:
    """As `_before` for timeline's rows of a node with a date Python may not order as SPARQL does:
    ordered by Oxigraph, as the question orders them."""
    firsts: dict[str, int] = {}
    seen: set[tuple] = set()
    for row in store.query(_ROWS % (_OF_NODES % node) + " ORDER BY (!BOUND(?date)) ?date ?reportedOn STR(?article)"):
        firsts.setdefault(row["article"].value, len(seen))
        seen.add(tuple(row[name] for name in ("date", "reportedOn", "article", "start", "predicate", "subjectName",
                                              "objectName")))
    return firsts


def starts_of(store: ox.Store, node: ox.NamedNode) -> list[ox.NamedNode]:
    """The `kg:RowStart` resources of a node in the summary."""
    return [quad.subject for quad in store.quads_for_pattern(None, START_OF, node, GRAPH)]


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD_INTEGER)
