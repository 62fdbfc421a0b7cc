"""Node positions for the page, computed once in Python so that the browser runs no physics.

networkx's own force layouts are quadratic: on the 5,000-node graph of benchmarks/viewer_5000.py
(``--compare-layouts``, one run on a loaded 2-core machine) ``spring_layout`` took 284 s (its
default "energy" method for large graphs), its "force" method 224 s and ``forceatlas2_layout``
553 s and 1.2 GB, where this layout took 3.8 s and 29 MB. So the layout is split the way news
graphs are shaped:

1. each connected component is laid out on its own, and the components are packed in rows,
   largest first;
2. a component up to ``SPRING_MAX`` nodes is laid out by networkx's ``spring_layout``; a larger
   one by Fruchterman and Reingold's own *grid variant*: repulsion only between
   nodes closer than ``2k``, found with a k-d tree (scipy), so each step is ``O(n log n)``.
   No maintained Python library offers that layout for networkx graphs; it is 30 lines here.

Everything is seeded: the same graph gives the same positions.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

SPRING_MAX = 300  # cores up to this size use networkx's spring_layout
SPACING = 100.0  # page pixels between neighbouring nodes
REPULSION = 3.0  # x the Fruchterman-Reingold repulsion, in the grid layout


def layout(graph: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Positions in page pixels for every node of ``graph`` (directions and parallel edges are
    ignored).

    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2]
    True
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph, key=str))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    components = sorted((sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0])))
    placed = [_component_layout(simple.subgraph(nodes), seed) for nodes in components]
    return _pack(placed)


def _component_layout(component: nx.Graph, seed: int) -> dict[Hashable, np.ndarray]:
    """One connected component, in units where neighbours are about 1 apart."""
    nodes = list(component)
    if len(nodes) <= 2:
        return {n: np.array([float(i), 0.0]) for i, n in enumerate(nodes)}
    if len(nodes) <= SPRING_MAX:
        raw = nx.spring_layout(component, seed=seed, iterations=100, method="force")
        scale = math.sqrt(len(nodes)) * 0.8  # spring_layout fits into [-1, 1]; neighbours about 1 apart
        return {n: np.asarray(p, dtype=float) * scale for n, p in raw.items()}
    index = {n: i for i, n in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in component.edges()], dtype=np.int64).reshape(-1, 2)
    points = grid_force_layout(len(nodes), edges, seed=seed)
    return {n: points[i] for n, i in index.items()}


def grid_force_layout(count: int, edges: np.ndarray, *, seed: int = 7, iterations: int = 60) -> np.ndarray:
    """Fruchterman-Reingold with the grid variant of their 1991 paper: attraction along edges,
    repulsion only between nodes closer than ``2k`` (k = 1, the ideal edge length), three times
    the paper's strength, which spreads the hubs of news graphs (hundreds of people around one
    country) and, with fewer close pairs, makes each step faster.

    Args:
        count: the number of nodes.
        edges: an ``(m, 2)`` array of node indices.
        seed: for the initial positions.
        iterations: cooling steps.

    Returns:
        A ``(count, 2)`` array of positions.
    """
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(seed)
    side = math.sqrt(count)
    pos = rng.random((count, 2)) * side
    temperature = side / 8
    cooling = (0.02 / 8) ** (1 / iterations)  # ends at a fiftieth of the first step
    for _ in range(iterations):
        disp = np.zeros((count, 2))
        pairs = cKDTree(pos).query_pairs(2.0, output_type="ndarray")
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            push = REPULSION * delta / np.maximum((delta * delta).sum(axis=1), 1e-6)[:, None]  # k^2 / d along d
            _accumulate(disp, pairs[:, 0], push)
            _accumulate(disp, pairs[:, 1], -push)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = delta * np.sqrt((delta * delta).sum(axis=1))[:, None]  # d^2 / k along d
            _accumulate(disp, edges[:, 0], -pull)
            _accumulate(disp, edges[:, 1], pull)
        disp += (side / 2 - pos) * 0.01  # a little gravity keeps loose parts from drifting off
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cooling
    return pos


def _accumulate(disp: np.ndarray, index: np.ndarray, force: np.ndarray) -> None:
    for axis in (0, 1):
        disp[:, axis] += np.bincount(index, weights=force[:, axis], minlength=len(disp))


def _pack(components: list[dict[Hashable, np.ndarray]]) -> dict[Hashable, tuple[float, float]]:
    """Components side by side in rows about as wide as the whole is tall, largest first."""
    if not components:
        return {}  # an article with nothing to draw
    boxes = []
    for pos in components:
        points = np.array(list(pos.values()))
        low, high = points.min(axis=0), points.max(axis=0)
        boxes.append((pos, low, high - low + 2.0))
    width = max(math.sqrt(sum(size[0] * size[1] for _, _, size in boxes)), max(size[0] for _, _, size in boxes))
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row = 0.0
    for pos, low, size in boxes:
        if x > 0 and x + size[0] > width:
            x, y, row = 0.0, y + row, 0.0
        for node, p in pos.items():
            q = (p - low + np.array([x, y])) * SPACING
            out[node] = (round(float(q[0]), 1), round(float(q[1]), 1))
        x += size[0]
        row = max(row, size[1])
    return out
