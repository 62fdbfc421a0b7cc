"""How kg counts what a graph holds: one function behind the build summary, ``kg stats`` and the
legend of the pages, so that the three always give the same numbers for the same graph.

What is counted:

- **entities** by type: distinct IRIs typed ``schema:Person``, ``schema:Country``,
  ``schema:Organization``, ``schema:Place``, ``kg:Proposal`` or ``schema:Quotation``. An entity
  named in ten articles is one entity (it has one IRI).
- **facts** by relation: distinct ``kg:Fact`` statements, by their ``rdf:predicate``. A fact
  belongs to one article; two articles stating "A met B" are two facts (one edge of the page,
  which says it holds two).
- **triples**: the triples of every article graph, a triple repeated in two graphs counted twice
  (what a quad store holds; what a build writes).

The pairs come from wherever the graph is: `pairs_in_triples` reads them from triples (an rdflib
graph, a parsed file), `COUNT_QUERIES` from any SPARQL source; `tally` counts them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .namespace import KG, SCHEMA, local_name

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_PREDICATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"
NODE_TYPES = {str(SCHEMA[name]): name for name in ("Person", "Country", "Organization", "Place")}
NODE_TYPES |= {str(KG.Proposal): "Proposal", str(SCHEMA.Quotation): "Quotation"}
FACT = str(KG.Fact)

_VALUES = " ".join(f"<{iri}>" for iri in sorted(NODE_TYPES))
COUNT_QUERIES = {
    "nodes": f"SELECT DISTINCT ?node ?type WHERE {{ VALUES ?type {{ {_VALUES} }} ?node a ?type }}",
    "facts": f"SELECT DISTINCT ?fact ?predicate WHERE {{ ?fact a <{FACT}> ; <{RDF_PREDICATE}> ?predicate }}",
    "articles": "SELECT DISTINCT ?article WHERE { ?article a <https://schema.org/NewsArticle> }",
}
"""The SPARQL that gives the pairs `tally` counts, on a store or an endpoint."""


@dataclass
class GraphCounts:
    """Distinct entities by type and facts by relation, gathered one graph at a time."""

    nodes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    facts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    articles: set[str] = field(default_factory=set)
    triples: int = 0

    def add(self, nodes: Iterable[tuple[str, str]], facts: Iterable[tuple[str, str]],
            articles: Iterable[str] = (), triples: int = 0) -> None:
        """Add ``(IRI, type IRI)`` and ``(fact IRI, relation IRI)`` pairs; other types are ignored."""
        for iri, kind in nodes:
            if kind in NODE_TYPES:
                self.nodes[NODE_TYPES[kind]].add(iri)
        for fact, predicate in facts:
            self.facts[local_name(predicate)].add(fact)
        self.articles.update(articles)
        self.triples += triples

    @property
    def entities(self) -> dict[str, int]:
        """Entities (proposals and quotations included) by type, sorted by type."""
        return {kind: len(iris) for kind, iris in sorted(self.nodes.items()) if iris}

    @property
    def relations(self) -> dict[str, int]:
        """Facts by relation, sorted by relation."""
        return {name: len(facts) for name, facts in sorted(self.facts.items()) if facts}

    @property
    def fact_count(self) -> int:
        return sum(len(facts) for facts in self.facts.values())


def pairs_in_triples(triples: Iterable[tuple[str, str, str]]) -> tuple[list, list, list]:
    """The node, fact and article pairs of a graph's triples, given as strings."""
    nodes, facts, typed_facts, predicates, articles = [], [], set(), {}, []
    for s, p, o in triples:
        if p == RDF_TYPE:
            if o in NODE_TYPES:
                nodes.append((str(s), str(o)))
            elif o == FACT:
                typed_facts.add(str(s))
            elif o == "https://schema.org/NewsArticle":
                articles.append(str(s))
        elif p == RDF_PREDICATE:
            predicates[str(s)] = str(o)
    facts = [(fact, predicates[fact]) for fact in sorted(typed_facts) if fact in predicates]
    return sorted(nodes), facts, sorted(articles)


def tally(source) -> GraphCounts:
    """Count what a SPARQL source (a `kg.rdf.store.GraphStore`, an endpoint) holds."""
    counts = GraphCounts()
    counts.add(((row["node"].value, row["type"].value) for row in source.query(COUNT_QUERIES["nodes"])),
               ((row["fact"].value, row["predicate"].value) for row in source.query(COUNT_QUERIES["facts"])),
               (row["article"].value for row in source.query(COUNT_QUERIES["articles"])))
    return counts
