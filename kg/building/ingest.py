"""Putting articles into a persistent store incrementally.

An article whose text is already in the store (the same content hash) is skipped. An article
whose text changed replaces its old named graph: the same article is recognised by its URL or,
without one, by its id (the JSONL ``id`` or the file name).

A build killed at any moment leaves the store consistent: each article's graph goes in as one
Oxigraph transaction, and an article counts as present only when its graph holds its own
``kg:contentHash`` (an empty graph left by a kill between two steps does not count). The old
version of a changed article is removed after the new one is in, so a kill in between leaves
both, and the next build (which finds the new one current) removes the old one.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..core.records import Article
from ..rdf.namespace import KG, SCHEMA, article_iri
from ..rdf.store import GraphStore
from .merge import forget_graph

XSD_ANY_URI = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")


class StoreIngest:
    """Adds articles to ``store``, skipping those already there and replacing older versions.

    Args:
        store: the store to fill.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.written: set[str] = set()  # graphs written by this build: never replaced by it
        self.replaced = 0

    def is_current(self, article: Article) -> bool:
        """True when the store holds this article's text complete; older versions of it that a
        killed build left behind are removed on the way."""
        iri = ox.NamedNode(str(article_iri(article.content_hash)))
        present = any(True for _ in self.store.store.quads_for_pattern(iri, _CONTENT_HASH, None, iri))
        if present:
            self.written.add(iri.value)
            self._remove_older(article, iri.value)
        return present

    def put(self, article: Article, turtle: bytes) -> None:
        """Add the article's graph (replacing an incomplete one of the same text), then remove
        the older versions of the article."""
        iri = str(article_iri(article.content_hash))
        forget_graph(self.store, iri)
        self.store.put_graph(iri, turtle, "turtle")
        self.written.add(iri)
        self._remove_older(article, iri)

    def _remove_older(self, article: Article, iri: str) -> None:
        for graph in self._versions(article):
            if graph != iri and graph not in self.written:
                forget_graph(self.store, graph)
                self.store.remove_graph(graph)
                self.replaced += 1

    def _versions(self, article: Article) -> set[str]:
        """The article graphs holding an article with the same URL (or, without one, id)."""
        if article.url:
            pattern = (SCHEMA_URL, ox.Literal(article.url, datatype=XSD_ANY_URI))
        else:
            pattern = (SCHEMA_IDENTIFIER, ox.Literal(article.id))
        graphs = set()
        for quad in self.store.store.quads_for_pattern(None, *pattern, None):
            if isinstance(quad.graph_name, ox.NamedNode) and quad.subject == quad.graph_name:
                if article.url or not self._has_url(quad.subject):
                    graphs.add(quad.graph_name.value)
        return graphs

    def _has_url(self, node: ox.NamedNode) -> bool:
        return any(True for _ in self.store.store.quads_for_pattern(node, SCHEMA_URL, None, node))


_CONTENT_HASH = ox.NamedNode(str(KG.contentHash))
SCHEMA_URL = ox.NamedNode(str(SCHEMA.url))
SCHEMA_IDENTIFIER = ox.NamedNode(str(SCHEMA.identifier))
