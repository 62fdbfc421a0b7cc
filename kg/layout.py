"""Node positions for the page, computed once in Python so that the browser runs no physics.

networkx's own force layouts are quadratic: on a 5,000-node graph ``spring_layout`` took 59 s
(its sparse "energy" method), the "force" method 106 s and ``forceatlas2_layout`` 107 s and
1.2 GB (benchmarks/viewer_5000.py). So the layout is split the way news graphs are shaped:

1. each connected component is laid out on its own, and the components are packed in rows,
   largest first;
2. inside a component, leaves (a quotation, a place named once) are set aside and later placed
   on a ring around the node they hang from;
3. what remains (the core) is laid out by networkx's ``spring_layout`` when it is small, and past
   ``SPRING_MAX`` nodes by Fruchterman and Reingold's own *grid variant*: repulsion only between
   nodes closer than ``2k``, found with a k-d tree (scipy), so each step is ``O(n log n)``.
   No maintained Python library offers that layout for networkx graphs; it is 30 lines here.

Everything is seeded: the same graph gives the same positions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable

import networkx as nx
import numpy as np

SPRING_MAX = 300  # cores up to this size use networkx's spring_layout
SPACING = 60.0  # page pixels between neighbouring nodes


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
    if len(component) == 1:
        return {next(iter(component)): np.zeros(2)}
    leaves = defaultdict(list)  # parent -> its leaves
    if len(component) > 2:
        for node in component:
            if component.degree(node) == 1:
                parent = next(iter(component[node]))
                if component.degree(parent) > 1:
                    leaves[parent].append(node)
    hanging = {leaf for group in leaves.values() for leaf in group}
    core = component.subgraph(n for n in component if n not in hanging)
    pos = _core_layout(core, seed)
    for parent, group in leaves.items():
        _ring(pos, parent, group, core)
    return pos


def _core_layout(core: nx.Graph, seed: int) -> dict[Hashable, np.ndarray]:
    nodes = list(core)
    if len(nodes) <= 2:
        return {n: np.array([float(i), 0.0]) for i, n in enumerate(nodes)}
    if len(nodes) <= SPRING_MAX:
        raw = nx.spring_layout(core, seed=seed, iterations=100, method="force")
        scale = math.sqrt(len(nodes)) / 2  # spring_layout fits into [-1, 1]; spread to about 1 per node
        return {n: np.asarray(p, dtype=float) * scale for n, p in raw.items()}
    index = {n: i for i, n in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in core.edges()], dtype=np.int64).reshape(-1, 2)
    points = grid_force_layout(len(nodes), edges, seed=seed)
    return {n: points[i] for n, i in index.items()}


def grid_force_layout(count: int, edges: np.ndarray, *, seed: int = 7, iterations: int = 120) -> np.ndarray:
    """Fruchterman-Reingold with the grid variant of their 1991 paper: attraction along edges,
    repulsion only between nodes closer than ``2k`` (k = 1, the ideal edge length).

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
            push = delta / np.maximum((delta * delta).sum(axis=1), 1e-6)[:, None]  # k^2 / d along d
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


def _ring(pos: dict, parent: Hashable, leaves: list, core: nx.Graph) -> None:
    """Leaves on a ring around their parent, on the side away from the parent's neighbours."""
    centre = pos[parent]
    away = sum((centre - pos[n] for n in core[parent]), np.zeros(2))
    start = math.atan2(away[1], away[0]) if np.any(away) else 0.0
    radius = 0.8 + 0.12 * math.sqrt(len(leaves))
    spread = min(2 * math.pi, 0.5 + 0.35 * len(leaves))
    for i, leaf in enumerate(sorted(leaves, key=str)):
        angle = start + spread * ((i + 0.5) / len(leaves) - 0.5)
        pos[leaf] = centre + radius * np.array([math.cos(angle), math.sin(angle)])


def _pack(components: list[dict[Hashable, np.ndarray]]) -> dict[Hashable, tuple[float, float]]:
    """Components side by side in rows about as wide as the whole is tall, largest first."""
    boxes = []
    for pos in components:
        points = np.array(list(pos.values()))
        low, high = points.min(axis=0), points.max(axis=0)
        boxes.append((pos, low, high - low + 1.5))
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
