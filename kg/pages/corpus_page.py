"""The interactive page of a corpus, drawn without holding the corpus in memory.

The build's workers give each article's view (`kg.questions.views.ArticleView`). The page keeps
the nodes (IRI, type, names: a few hundred bytes each), each node's degree and each article's
date and headline in memory, and writes the facts, which carry the sentences (with their dates)
and make the bulk, to an unnamed temporary file as they come (the operating system removes it
when the build ends, however it ends). At the end it draws the ``max_nodes`` most connected
nodes and the facts between them, each edge with its ``MAX_FACTS_PER_EDGE`` most confident
facts, read back from that file: a corpus of any size gives a page of bounded size in bounded
memory.
"""

from __future__ import annotations

import heapq
import json
import tempfile
from collections import Counter
from collections.abc import Iterator

import networkx as nx

from ..questions.views import ArticleView, ViewEvidence, ViewFact, add_facts, add_nodes, gather_nodes
from ..rdf.counting import GraphCounts
from .viewer import DEFAULT_MAX_NODES, render_page

MAX_FACTS_PER_EDGE = 10


class CorpusPage:
    """Collects a corpus's article views and renders its page.

    Args:
        max_nodes: past this many nodes, the page shows the most connected ones.
    """

    def __init__(self, *, max_nodes: int = DEFAULT_MAX_NODES) -> None:
        self.max_nodes = max_nodes
        self.nodes: dict[str, dict] = {}
        self.degree: Counter = Counter()
        self.dates: dict[str, str] = {}
        self.headlines: dict[str, str] = {}
        self.counts = GraphCounts()
        self._facts = tempfile.TemporaryFile(prefix="kg-corpus-facts-")  # unnamed: nothing is left behind
        self.count = 0

    def add(self, view: ArticleView) -> None:
        """Add one article's view."""
        gather_nodes(self.nodes, view.nodes)
        for fact in view.facts:
            if fact.target is not None:
                self.degree[fact.subject] += 1
                self.degree[fact.target] += 1
            self._facts.write(json.dumps(fact, ensure_ascii=False).encode("utf-8") + b"\n")
        if view.date:
            self.dates[view.article] = view.date
        if view.headline:
            self.headlines[view.article] = view.headline
        self.counts.add(*view.counted, triples=view.triples)
        self.count += 1

    def graph(self) -> tuple[nx.MultiDiGraph, int]:
        """The view of the most connected nodes (all of them when there are at most
        ``max_nodes``), and how many nodes the corpus has."""
        ranked = heapq.nsmallest(self.max_nodes, self.nodes, key=lambda n: (-self.degree[n], n))
        graph = nx.MultiDiGraph(dates=dict(sorted(self.dates.items())), headlines=dict(sorted(self.headlines.items())))
        add_nodes(graph, {n: self.nodes[n] for n in ranked})
        best: dict[tuple, list[tuple[float, str, ViewFact]]] = {}
        for fact in self._read_facts():
            if fact.target in graph and fact.subject in graph:
                edge = best.setdefault((fact.subject, fact.target, fact.predicate, fact.title), [])
                heapq.heappush(edge, (fact.confidence, fact.fact, fact))
                if len(edge) > MAX_FACTS_PER_EDGE:
                    heapq.heappop(edge)  # the least confident goes
        add_facts(graph, (fact for edge in best.values() for _, _, fact in edge))
        return graph, len(self.nodes)

    def render(self, title: str) -> str:
        """The page: every node when there are at most ``max_nodes``, else the most connected."""
        graph, total = self.graph()
        if total > graph.number_of_nodes():
            title = f"{title}, the {graph.number_of_nodes()} most connected of {total} nodes"
        return render_page(graph, title=title, max_nodes=self.max_nodes, counts=self.counts)

    def _read_facts(self) -> Iterator[ViewFact]:
        self._facts.flush()
        self._facts.seek(0)
        for line in self._facts:
            subject_fact = json.loads(line)
            subject_fact[6] = tuple(ViewEvidence(*e) for e in subject_fact[6])
            yield ViewFact(*subject_fact)
        self._facts.seek(0, 2)

    def close(self) -> None:
        """Drop the temporary file."""
        self._facts.close()

    def __enter__(self) -> CorpusPage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
