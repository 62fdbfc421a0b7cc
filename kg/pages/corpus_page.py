"""The interactive page of a corpus, drawn without holding the corpus in memory.

Article graphs go into a temporary on-disk Oxigraph store as they are built. At the end the page
shows the ``max_nodes`` most connected nodes (``queries/_node-degree.rq``) and the facts between
them, each pair with its ``MAX_FACTS_PER_EDGE`` most confident facts: only that part is read back
into memory, so a corpus of any size gives a page of bounded size in bounded memory.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ..core.scratch import TemporaryFolder
from ..questions.network import to_networkx
from ..questions.queries import load_query
from ..rdf.namespace import KG
from ..rdf.store import GraphStore
from .viewer import DEFAULT_MAX_NODES, render_page

MAX_FACTS_PER_EDGE = 10
PAGE_GRAPH = ox.NamedNode("urn:kg:page")
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SUBJECT, OBJECT, PREDICATE = (ox.NamedNode(RDF + t) for t in ("subject", "object", "predicate"))
TYPE = ox.NamedNode(RDF + "type")
ROLE, ROLE_OF = ox.NamedNode(str(KG.Role)), ox.NamedNode(str(KG.roleOf))
EVIDENCE, CONFIDENCE = ox.NamedNode(str(KG.evidence)), ox.NamedNode(str(KG.confidence))


class CorpusPage:
    """Collects a corpus's article graphs on disk and renders its page.

    Args:
        max_nodes: past this many connected nodes, the page shows the most connected ones.
    """

    def __init__(self, *, max_nodes: int = DEFAULT_MAX_NODES) -> None:
        self.max_nodes = max_nodes
        self._folder = TemporaryFolder("corpus")  # removed by close(), or by a later build after a kill
        try:
            self.store: GraphStore | None = GraphStore(self._folder.path / "store")
        except BaseException:
            self._folder.cleanup()
            raise
        self.count = 0

    def add(self, graph_iri: str, turtle: bytes) -> None:
        """Add one article's graph."""
        self.store.put_graph(graph_iri, turtle, "turtle")
        self.count += 1

    def render(self, title: str) -> str:
        """The page: every node when there are at most ``max_nodes``, else the most connected."""
        rows = self.store.query(load_query("_node-degree").text)
        ranked = sorted((-int(row["degree"].value), row["node"].value) for row in rows)
        nodes = [node for _, node in ranked[:self.max_nodes]]
        graph = to_networkx(central_part(self.store, nodes))
        if len(ranked) > len(nodes):
            title = f"{title}, the {len(nodes)} most connected of {len(ranked)} nodes"
        return render_page(graph, title=title, max_nodes=self.max_nodes)

    def close(self) -> None:
        """Remove the temporary store."""
        self.store = None  # Oxigraph closes the database when the object goes
        self._folder.cleanup()

    def __enter__(self) -> CorpusPage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def central_part(store: GraphStore, nodes: list[str]) -> GraphStore:
    """An in-memory store with what the networkx view needs of ``nodes``: their own triples, and
    the facts between two of them (at most ``MAX_FACTS_PER_EDGE`` per pair and relation, the most
    confident), with the facts' evidence and roles."""
    chosen = {ox.NamedNode(n) for n in nodes}
    part = GraphStore()
    for node in sorted(chosen, key=str):
        part.store.extend(_in_page(store.store.quads_for_pattern(node, None, None)))
    edges: dict[tuple, list[tuple[float, str, ox.NamedNode]]] = defaultdict(list)
    for node in sorted(chosen, key=str):
        for quad in store.store.quads_for_pattern(None, SUBJECT, node):
            fact = quad.subject
            target, predicate, confidence = _fact_ends(store, fact)
            if target in chosen:
                edges[(node, predicate, target)].append((-confidence, fact.value, fact))
    for candidates in edges.values():
        for _, _, fact in sorted(set(candidates))[:MAX_FACTS_PER_EDGE]:
            part.store.extend(_in_page(_fact_quads(store, fact)))
    return part


def _fact_ends(store: GraphStore, fact: ox.NamedNode) -> tuple[ox.NamedNode | None, str, float]:
    """Where a fact points in the networkx view (a role: what it is of), its predicate, its
    confidence."""
    target, predicate, confidence = None, "", 0.0
    for quad in store.store.quads_for_pattern(fact, None, None):
        if quad.predicate == OBJECT:
            target = quad.object
        elif quad.predicate == PREDICATE:
            predicate = quad.object.value
        elif quad.predicate == CONFIDENCE:
            confidence = float(quad.object.value)
    if target is not None and any(True for _ in store.store.quads_for_pattern(target, TYPE, ROLE)):
        target = next((q.object for q in store.store.quads_for_pattern(target, ROLE_OF, None)), None)
    return target, predicate, confidence


def _fact_quads(store: GraphStore, fact: ox.NamedNode):
    """A fact's own quads, its evidence's and its role's."""
    for quad in store.store.quads_for_pattern(fact, None, None):
        yield quad
        if quad.predicate == EVIDENCE or (quad.predicate == OBJECT and _is_role(store, quad.object)):
            yield from store.store.quads_for_pattern(quad.object, None, None)


def _is_role(store: GraphStore, node) -> bool:
    return isinstance(node, ox.NamedNode) and any(True for _ in store.store.quads_for_pattern(node, TYPE, ROLE))


def _in_page(quads) -> list[ox.Quad]:
    return [ox.Quad(q.subject, q.predicate, q.object, PAGE_GRAPH) for q in quads]
