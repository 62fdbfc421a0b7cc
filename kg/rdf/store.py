"""The store: Oxigraph (through pyoxigraph), in memory or persistent in a directory, one named
graph per article.

rdflib builds and serialises the graphs; Oxigraph answers SPARQL, which it does orders of
magnitude faster than rdflib's own engine on large graphs (rdflib issue #2181).

The API other stages rely on (kept small on purpose)::

    store = GraphStore("corpus/")             # persistent; GraphStore() keeps it in memory
    store = GraphStore.open("corpus/")        # an existing store only (for reading)
    store.has_article(content_hash)           # is this article's graph in the store?
    store.put_graph(article_iri, turtle)      # add or replace one article's named graph
    store.remove_graph(article_iri)
    store.graphs()                            # the named graphs' IRIs, sorted
    store.graph_data(article_iri, "nt")       # one graph's triples, serialised
    store.query(sparql, {"entity": term})     # SPARQL over the union of the article graphs
    store.flush()                             # make the writes durable
    store.ensure_summary()                    # build or bring up to date its summary graph
    store.summary_ready()                     # may the questions read the summary?

Entities have the same IRI in every article, so the union of the article graphs holds one node
per entity however many articles mention it. Oxigraph's union default graph keeps a triple once
per graph that holds it, which is why the stored queries say DISTINCT. A query that names its
own graphs (``FROM``, ``FROM NAMED``) reads those instead, as SPARQL says
(`kg.rdf.sparql.dataset_options`).

A store may hold a summary graph (`kg.rdf.summary`), which `kg build --store` creates. Every
write to an article graph made here records the nodes it touches, so that the summary is
brought up to date later (`ensure_summary`, or the first `summary_ready` of a writable store).
The summary is derived data: `graphs` leaves it out, so it is never pushed or exported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..core.errors import InputError, QueryError, StoreError
from . import summary
from .namespace import KG, SUMMARY_GRAPH, article_iri
from .sparql import dataset_options, with_values

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS, "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML, "rdf": ox.RdfFormat.RDF_XML, "n3": ox.RdfFormat.N3,
}
FLUSH_EVERY = 50_000
"""Quads written to a persistent store between two flushes. Oxigraph keeps what it is given in
memory until it is flushed (RocksDB's memtables): without flushing, a corpus build held about a
kilobyte per quad, 370 MB for 1,140 articles; flushed every 50,000 quads, 150 MB."""
RDF_SUFFIXES = (".ttl", ".trig", ".nt", ".nq", ".jsonld")


class GraphStore:
    """A dataset of article graphs that SPARQL can query.

    Args:
        path: a directory for a persistent store (created if missing); None keeps it in memory.
        read_only: open an existing persistent store without the right to write. Oxigraph
            leaves undefined what a read-only store sees while another process writes it.

    Raises:
        StoreError: the directory holds something else, or another process has the store open.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._unflushed = 0
        self._blank_labels: set[str] = set()  # blank node labels of the files loaded so far
        self._summary_ready: bool | None = None  # kept for a store opened read-only (`summary_ready`)
        if self.path is not None and self.path.is_dir() and any(self.path.iterdir()) and not _is_store(self.path):
            raise StoreError(f"{self.path}: not a kg store (the directory holds other files); "
                             "give a new or empty directory, or one written by `kg build --store`")
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as err:
            raise StoreError(f"{self.path}: cannot open the store ({_first_line(err)}); "
                             "check the path, or wait for the other kg process using it to finish") from None

    @classmethod
    def open(cls, path: str | Path) -> GraphStore:
        """An existing persistent store (never creates one).

        Raises:
            StoreError: there is no store at ``path``.
        """
        if not _is_store(Path(path)):
            raise StoreError(f"{path}: no store there; create one with `kg build ARTICLES --store {path}`")
        return cls(path)

    # --- writing --------------------------------------------------------------------------------

    def put_graph(self, graph_iri: str, data: bytes | str, format: str = "turtle") -> None:
        """Replace the named graph ``graph_iri`` with the triples of ``data`` (add it if new).

        Raises:
            StoreError: ``data`` is not valid RDF in ``format``, or the store cannot be written.
        """
        name = ox.NamedNode(graph_iri)
        try:
            quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in ox.parse(data, format=FORMATS[format])]
        except SyntaxError as err:
            raise StoreError(f"<{graph_iri}>: not valid {format} ({_first_line(err)})") from None
        self._replace(name, quads)

    def put_rdflib(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph ``graph_iri`` with an rdflib graph's triples."""
        self.put_graph(graph_iri, graph.serialize(format="nt", encoding="utf-8"), "nt")

    def _replace(self, name: ox.NamedNode, quads: list[ox.Quad]) -> None:
        """Drop the graph, then add its new quads (each step is atomic in Oxigraph). A build killed
        in between leaves the article missing, never half there; re-running the build adds it."""
        try:
            summary.mark_changed(self.store, [name] if self.store.contains_named_graph(name) else [], quads)
            if self.store.contains_named_graph(name):
                self.store.remove_graph(name)
            self.store.add_graph(name)
            self.store.extend(quads)
            self._unflushed += len(quads)
            if self.path is not None and self._unflushed >= FLUSH_EVERY:
                self.flush()
        except OSError as err:
            raise StoreError(f"{self.path or 'memory'}: cannot write to the store ({_first_line(err)})") from None

    def remove_graph(self, graph_iri: str) -> None:
        """Remove one named graph (nothing happens if it is not there)."""
        name = ox.NamedNode(graph_iri)
        if self.store.contains_named_graph(name):
            summary.mark_changed(self.store, [name])
            self.store.remove_graph(name)

    def load(self, path: str | Path, format: str | None = None) -> None:
        """Load an RDF file: TriG/N-Quads keep their graphs; a triples file replaces the named graph
        of its article (the subject of ``kg:contentHash``), or of the file when it has none.

        Raises:
            StoreError: the file cannot be read, its format is unknown, or it is not valid RDF.
        """
        path = Path(path)
        fmt = FORMATS.get(format or path.suffix.lstrip(".").lower())
        if fmt is None:
            raise StoreError(f"{path}: unknown RDF format; use .ttl, .nt, .nq, .trig or .jsonld")
        try:
            data = path.read_bytes()
            if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
                quads = self._own_blank_nodes(list(ox.parse(data, format=fmt)))
                graphs = {q.graph_name for q in quads if isinstance(q.graph_name, ox.NamedNode)}
                summary.mark_changed(self.store, [g for g in graphs if self.store.contains_named_graph(g)], quads)
                self.store.extend(quads)
            else:
                triples = self._own_blank_nodes(list(ox.parse(data, format=fmt)))
                graph = next((str(t.subject.value) for t in triples
                              if t.predicate.value == str(KG.contentHash)), None) or path.resolve().as_uri()
                name = ox.NamedNode(graph)
                self._replace(name, [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples])
        except SyntaxError as err:
            raise StoreError(f"{path}: not valid RDF ({_first_line(err)}); check the file") from None
        except OSError as err:
            raise StoreError(f"{path}: cannot be read ({_first_line(err)})") from None

    def _own_blank_nodes(self, quads: list[ox.Quad]) -> list[ox.Quad]:
        """The quads of one file, its blank nodes kept apart from those of the files loaded before
        (RDF merges documents so: ``_:x`` in two files is two nodes). A label an earlier file used
        gets a new one; the others are kept, so one file's labels come out as written."""
        labels = {term.value for quad in quads for term in (quad.subject, quad.object, quad.graph_name)
                  if isinstance(term, ox.BlankNode)}
        renamed: dict[str, str] = {}
        used = self._blank_labels | labels
        for label in sorted(labels & self._blank_labels):
            n = 2
            while f"{label}-{n}" in used:
                n += 1
            renamed[label] = f"{label}-{n}"
            used.add(renamed[label])
        self._blank_labels = used
        if not renamed:
            return quads

        def own(term):
            return ox.BlankNode(renamed[term.value]) if isinstance(term, ox.BlankNode) and term.value in renamed else term

        return [ox.Quad(own(q.subject), q.predicate, own(q.object), own(q.graph_name)) for q in quads]

    def flush(self) -> None:
        """Write what is buffered to disk (persistent stores only)."""
        if self.path is not None:
            self.store.flush()
            self._unflushed = 0

    # --- reading --------------------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        """True when an article with this content hash is in the store."""
        return self.store.contains_named_graph(ox.NamedNode(str(article_iri(content_hash))))

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted, without the summary graph (derived data)."""
        return sorted(name.value for name in self.store.named_graphs() if name.value != SUMMARY_GRAPH)

    def summary_ready(self) -> bool:
        """True when the summary graph is there and up to date, so that the questions may read it.
        A writable store whose summary has pending changes brings it up to date first; a store
        without one (files read into memory, a store of an earlier kg) answers False.

        A store opened read-only sees the store as it was when opened (RocksDB), so its answer is
        kept: looking for pending marks costs 1 ms at 1,000,000 quads, and a stored query asks
        up to three times (`kg.questions.queries.StoredQuery.prepare`)."""
        if self._summary_ready is not None:
            return self._summary_ready
        current = summary.state(self.store)
        if self.read_only and self.path is not None:
            self._summary_ready = current == "ready"
        if current == "pending" and not self.read_only:
            summary.refresh(self.store)
            return True
        return current == "ready"

    def refresh_summary(self) -> int:
        """Bring an existing summary up to date (nothing when there is none); returns how many
        nodes were computed again."""
        return summary.refresh(self.store) if summary.state(self.store) == "pending" else 0

    def ensure_summary(self) -> str:
        """Build the summary graph, or bring it up to date (`kg.rdf.summary.ensure`).

        Raises:
            StoreError: the store cannot be written.
        """
        try:
            return summary.ensure(self.store)
        except OSError as err:
            raise StoreError(f"{self.path or 'memory'}: cannot write the summary ({_first_line(err)})") from None

    def graph_data(self, graph_iri: str, format: str = "nt") -> bytes:
        """One named graph's triples in a triples format (``nt``, ``turtle``, ``jsonld``, ``xml``)."""
        return self.store.dump(format=FORMATS[format], from_graph=ox.NamedNode(graph_iri))

    def __len__(self) -> int:
        """The quads of the store's graphs, without its summary graph (derived data)."""
        derived = sum(1 for _ in self.store.quads_for_pattern(None, None, None, summary.GRAPH))
        return len(self.store) - derived

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None):
        """Run a SPARQL query over the union of all article graphs, or over the graphs its
        ``FROM`` and ``FROM NAMED`` clauses name.

        Args:
            sparql: the query text.
            bindings: variable name -> RDF term, bound by a one-row VALUES block
                (`kg.rdf.sparql.with_values`), as for a remote endpoint.

        Returns:
            `pyoxigraph.QuerySolutions` (SELECT), `QueryBoolean` (ASK) or `QueryTriples`.

        Raises:
            QueryError: the query is malformed or cannot run.
        """
        try:
            text = with_values(sparql, bindings or {})
            return self.store.query(text, **dataset_options(text))
        except SyntaxError as err:
            raise QueryError(f"the SPARQL query is malformed: {_first_line(err)}") from None
        except RuntimeError as err:
            raise QueryError(f"the query cannot run: {_first_line(err)}") from None
        except OSError as err:
            raise QueryError(f"the query failed: {_first_line(err)}") from None

    def dump(self, format: str = "trig") -> bytes:
        """The whole dataset in a quads format (``trig``, ``nquads``)."""
        return self.store.dump(format=FORMATS[format])


def _is_store(path: Path) -> bool:
    return (path / "CURRENT").is_file()


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


def rdf_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files given, with each directory replaced by the RDF files in it (sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix.lower() in RDF_SUFFIXES)
        else:
            yield path


def load_files(paths: Iterable[str | Path]) -> GraphStore:
    """An in-memory store holding the given RDF files (directories: the RDF files in them)."""
    store = GraphStore()
    for path in rdf_files(paths):
        store.load(path)
    return store


def read_graph_files(paths: Iterable[str | Path]) -> GraphStore:
    """An in-memory store of kg RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD).

    Raises:
        InputError: a file is missing, of an unknown format, or not valid RDF.
    """
    store = GraphStore()
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise InputError(f"{path}: no such file; give an RDF file written by kg build")
        if path.suffix.lstrip(".").lower() not in FORMATS:
            raise InputError(f"{path}: unknown RDF format; use .ttl, .trig, .nt, .nq or .jsonld")
        try:
            store.load(path)
        except StoreError as err:
            raise InputError(str(err)) from None
    return store
