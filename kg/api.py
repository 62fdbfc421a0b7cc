"""Convenience functions of the public API: one text to an extraction or a graph, one query."""

from __future__ import annotations

from rdflib import Graph

from .core.records import Article, Extraction
from .extraction.extract import extract
from .extraction.pipeline import load_pipeline
from .questions.queries import load_query
from .rdf.store import GraphStore


def extract_text(text: str, *, id: str = "article", title: str | None = None, model: str | None = None) -> Extraction:
    """Extract entities, roles, quotes, proposals and facts from one text.

    >>> ex = extract_text("Sir Keir Starmer met President Volodymyr Zelensky in Kyiv.")
    >>> [(f.relation, ex.entities[f.object].name) for f in ex.facts if f.relation == "met"]
    [('met', 'Volodymyr Zelensky')]
    """
    nlp = load_pipeline(model)
    return extract(Article(id=id, text=text, title=title), nlp(text))


def build_article(text: str, *, id: str = "article", title: str | None = None, model: str | None = None) -> Graph:
    """The RDF graph of one text (what ``kg build`` writes to ``<id>.ttl``)."""
    from .rdf.model import article_graph

    return article_graph(extract_text(text, id=id, title=title, model=model))


def run_query(store: GraphStore, name_or_text: str, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    """Run a stored query (by name) or SPARQL text on a store; SELECT rows as dicts of strings."""
    query = load_query(name_or_text)
    results = store.query(*query.prepare(store, params))
    names = [v.value for v in results.variables]
    return [{n: (row[n].value if row[n] is not None else "") for n in names} for row in results]
