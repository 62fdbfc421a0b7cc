"""Positions kept in a store's summary graph, so that a question's ORDER BY compares whole numbers.

Oxigraph sorts by comparing the terms themselves, and reads an IRI or a string longer than 15
bytes from its string table at every comparison. At 1,000,000 quads, sorting the 934 relations of
the most named person by relation, names and IRIs took 35 of its 75 ms; the first page of
`proposals` sorted all 5,800 proposals by label and IRI (100 ms), the first page of `quotes` all
7,000 rows by name, article and words (over 300 ms). The summary graph (`kg.rdf.summary`) therefore keeps, for each item a
question orders, its position in that question's order over the whole store (an ``xsd:integer``
from 0)::

    <…/summary/edge/HASH> kg:edgeRank 4127 .      # `entity`: relation, subject's label, object's label, subject, object
    <…/id/proposal/…> kg:proposalRank 17 .        # `proposals`: label, IRI
    <…/summary/quote/HASH> a kg:QuoteRow ;        # `quotes`: name, article, words, quotation, speaker, sentence
        kg:rowSpeaker <…/person/ada-obi> ; kg:rowName "Ada Obi" ; kg:rowQuote <…/quote/…> ;
        kg:rowText "We will dig" ; kg:rowSentence "…" ; kg:rowArticle <…/article/…> ; kg:quoteRank 0 .

A `kg:QuoteRow` is one row of the `quotes` listing (a quotation as one article gives it, with its
speaker's name there): part of its quotation's summary, computed again with it (`quote_row_quads`).

Positions are over the whole store: an article added anywhere moves those after it, so `rank`
computes them all again once the nodes are (reading the keys from the summary and sorting them in
Python, which compares strings by code point as SPARQL does), and writes only those that moved.
Until it has, the summary carries ``kg:pendingRanks`` and is not read (`kg.rdf.summary.state`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pyoxigraph as ox

from .namespace import BASE, KG, MERGES_GRAPH, SUMMARY_GRAPH, short_hash

GRAPH = ox.NamedNode(SUMMARY_GRAPH)
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _kg(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(KG[term]))


PENDING = ox.Quad(GRAPH, _kg("pendingRanks"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), GRAPH)
"""The summary's mark of positions not yet written again after some nodes changed."""
QUOTE_ROW = _kg("QuoteRow")
ROW_COLUMNS = ("speaker", "name", "quote", "text", "sentence", "article")
ROW_TERM_NAMES = {column: "row" + column.capitalize() for column in ROW_COLUMNS}  # kg:rowSpeaker, ...
ROW_TERMS = {column: _kg(name) for column, name in ROW_TERM_NAMES.items()}

# the rows of queries/quotes.rq for some quotations, read in their article graphs as it reads them
_QUOTE_ROWS = """PREFIX kg: <https://example.org/kg/ontology#> PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?speaker ?name ?quote ?text ?sentence ?article WHERE {
  VALUES ?quote { %s }
  GRAPH ?article {
    ?speaker kg:said ?quote ; rdfs:label ?name .
    ?quote schema:text ?text .
    OPTIONAL { ?quote kg:evidence/kg:sentence ?sentence }
  }
  GRAPH ?typed { ?article a schema:NewsArticle }  # in any graph, as the union default graph of quotes.rq
  FILTER (?article != <%s> && ?article != <%s>)
}""" % ("%s", SUMMARY_GRAPH, MERGES_GRAPH)


def quote_row_quads(store: ox.Store, nodes: list[ox.NamedNode]) -> list[ox.Quad]:
    """The `kg:QuoteRow` of every row of the quotes listing whose quotation is one of ``nodes``."""
    quads = []
    # the IRIs are written by Oxigraph's N-Triples serialiser, never formatted from text
    for row in store.query(_QUOTE_ROWS % " ".join(str(node) for node in nodes)):
        values = {column: row[column] for column in ROW_COLUMNS if row[column] is not None}
        iri = ox.NamedNode(f"{BASE}summary/quote/{short_hash(*(str(row[c]) for c in ROW_COLUMNS))}")
        quads.append(ox.Quad(iri, RDF_TYPE, QUOTE_ROW, GRAPH))
        quads += [ox.Quad(iri, ROW_TERMS[column], value, GRAPH) for column, value in values.items()]
    return quads


def quote_rows_of(store: ox.Store, node: ox.NamedNode) -> list[ox.NamedNode]:
    """The quote rows in the summary that ``node``'s summary holds (none unless it is a quotation)."""
    return [quad.subject for quad in store.quads_for_pattern(None, ROW_TERMS["quote"], node, GRAPH)]


# ------------------------------------------------------------------------------ ordering

def order_key(term) -> tuple:
    """SPARQL's ORDER BY order of one term, as Oxigraph sorts kg's terms: unbound first, then
    blank nodes, IRIs, literals; IRIs and literals by their text in code-point order."""
    if term is None:
        return (0, "")
    kind = 1 if isinstance(term, ox.BlankNode) else 2 if isinstance(term, ox.NamedNode) else 3
    return (kind, term.value)


Column = Callable[[str], dict]
"""A term of the summary -> its values: subject -> object (the last one for a subject with two)."""


def _edge_order(store: ox.Store, column: Column) -> list[ox.NamedNode]:
    """Every edge summary in the order of queries/summary/entity.rq."""
    labels, subjects, objects = column("nodeLabel"), column("edgeSubject"), column("edgeObject")
    predicates = column("edgePredicate")
    return sorted(subjects, key=lambda edge: (
        order_key(predicates.get(edge)), order_key(labels.get(subjects[edge])), order_key(labels.get(objects.get(edge))),
        order_key(subjects[edge]), order_key(objects.get(edge)), edge.value))


def _proposal_order(store: ox.Store, column: Column) -> list[ox.NamedNode]:
    """Every proposal with a label in the order of queries/proposals.rq (label, IRI)."""
    labels = column("nodeLabel")
    proposals = [q.subject for q in store.quads_for_pattern(None, _kg("nodeType"), _kg("Proposal"), GRAPH)]
    return sorted((p for p in proposals if p in labels), key=lambda p: (order_key(labels[p]), order_key(p)))


def _quote_order(store: ox.Store, column: Column) -> list[ox.NamedNode]:
    """Every quote row in the order of queries/quotes.rq."""
    columns = {name: column(term) for name, term in ROW_TERM_NAMES.items()}
    order = ("name", "article", "text", "quote", "speaker", "sentence")
    return sorted(columns["quote"], key=lambda row: tuple(order_key(columns[c].get(row)) for c in order) + (row.value,))


ORDERS: dict[str, Callable[[ox.Store, Column], list[ox.NamedNode]]] = {
    "edgeRank": _edge_order, "proposalRank": _proposal_order, "quoteRank": _quote_order}
"""Each position's term and how its items are ordered."""


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


def rank(store: ox.Store) -> int:
    """Write every item's position in its order, where it is missing or moved, and clear
    ``kg:pendingRanks``; returns how many positions were written."""
    @cache
    def column(name: str) -> dict:
        # by SPARQL, which hands Python two terms a row instead of a quad (half the time)
        query = f"SELECT ?s ?o WHERE {{ GRAPH {GRAPH} {{ ?s {_kg(name)} ?o }} }}"
        return {row[0]: row[1] for row in store.query(query)}

    written = 0
    for name, order in ORDERS.items():
        term = _kg(name)
        current = column(name)
        wanted = {item: _integer(n) for n, item in enumerate(order(store, column))}
        for item, value in current.items():
            if wanted.get(item) != value:
                store.remove(ox.Quad(item, term, value, GRAPH))
        new = [ox.Quad(item, term, value, GRAPH) for item, value in wanted.items() if current.get(item) != value]
        store.extend(new)
        written += len(new)
    store.remove(PENDING)
    return written


def is_pending(store: ox.Store) -> bool:
    """True while the positions may lag behind the nodes (`rank` not run since they changed)."""
    return next(store.quads_for_pattern(PENDING.subject, PENDING.predicate, None, GRAPH), None) is not None
