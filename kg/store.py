"""The store: Oxigraph (through pyoxigraph), in memory or persistent in a directory, one named
graph per article.

rdflib builds and serialises the graphs; Oxigraph answers SPARQL, which it does orders of
magnitude faster than rdflib's own engine on large graphs (rdflib issue #2181).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .errors import QueryError, StoreError
from .namespace import KG, article_iri

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS, "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML, "rdf": ox.RdfFormat.RDF_XML, "n3": ox.RdfFormat.N3,
}


class GraphStore:
    """A dataset of article graphs that SPARQL can query.

    Args:
        path: a directory for a persistent store (created if missing); None keeps it in memory.
        read_only: open an existing persistent store without the right to write.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as err:
            raise StoreError(f"{self.path}: cannot open the store ({err}); check the path, or close the other kg process using it") from None

    # --- writing --------------------------------------------------------------------------------

    def put_graph(self, graph_iri: str, data: bytes | str, format: str = "turtle") -> None:
        """Replace the named graph ``graph_iri`` with the triples of ``data``, in one transaction."""
        name = ox.NamedNode(graph_iri)
        quads = [ox.Quad(t.subject, t.predicate, t.object, name)
                 for t in ox.parse(data, format=FORMATS[format])]
        self._replace(name, quads)

    def put_rdflib(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph ``graph_iri`` with an rdflib graph's triples."""
        self.put_graph(graph_iri, graph.serialize(format="nt", encoding="utf-8"), "nt")

    def _replace(self, name: ox.NamedNode, quads: list[ox.Quad]) -> None:
        """Drop the graph, then add its new quads (each step is atomic in Oxigraph). A build killed
        in between leaves the article missing, never half there; re-running the build adds it."""
        try:
            if self.store.contains_named_graph(name):
                self.store.remove_graph(name)
            self.store.add_graph(name)
            self.store.extend(quads)
        except OSError as err:
            raise StoreError(f"{self.path or 'memory'}: cannot write to the store ({err})") from None

    def remove_graph(self, graph_iri: str) -> None:
        name = ox.NamedNode(graph_iri)
        if self.store.contains_named_graph(name):
            self.store.remove_graph(name)

    def load(self, path: str | Path, format: str | None = None) -> None:
        """Load an RDF file: TriG/N-Quads keep their graphs; a triples file goes into a named graph
        named after its article (or the file)."""
        path = Path(path)
        fmt = FORMATS.get(format or path.suffix.lstrip(".").lower())
        if fmt is None:
            raise StoreError(f"{path}: unknown RDF format; use .ttl, .nt, .nq, .trig or .jsonld")
        try:
            data = path.read_bytes()
            if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
                self.store.extend(list(ox.parse(data, format=fmt)))
            else:
                triples = list(ox.parse(data, format=fmt))
                graph = next((str(t.subject.value) for t in triples
                              if t.predicate.value == str(KG.contentHash)), None) or path.resolve().as_uri()
                name = ox.NamedNode(graph)
                self._replace(name, [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples])
        except SyntaxError as err:
            raise StoreError(f"{path}: not valid RDF ({err}); check the file") from None
        except OSError as err:
            raise StoreError(f"{path}: cannot be read ({err})") from None

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    # --- reading --------------------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        """True when an article with this content hash is in the store."""
        return self.store.contains_named_graph(ox.NamedNode(str(article_iri(content_hash))))

    def graphs(self) -> Iterator[str]:
        for name in self.store.named_graphs():
            yield name.value

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None):
        """Run a SPARQL query over the union of all article graphs, with bound parameters."""
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)
        except SyntaxError as err:
            raise QueryError(f"the SPARQL query is malformed: {err}") from None

    def dump(self, format: str = "trig") -> bytes:
        return self.store.dump(format=FORMATS[format])


def load_files(paths: Iterable[str | Path]) -> GraphStore:
    """An in-memory store holding the given RDF files."""
    store = GraphStore()
    for path in paths:
        store.load(path)
    return store
