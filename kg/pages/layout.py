"""Node positions for the page, computed once in Python so that the browser runs no physics.

networkx's own force layouts are quadratic: on the 5,000-node graph of benchmarks/viewer_5000.py
(``--compare-layouts``, one run on a loaded 2-core machine) ``spring_layout`` took 284 s (its
default "energy" method for large graphs), its "force" method 224 s and ``forceatlas2_layout``
553 s and 1.2 GB, where this layout took 3.8 s and 29 MB. So the layout is split the way news
graphs are shaped:

1. each connected component is laid out on its own, and the components are packed in rows,
   largest first, into a block shaped like the canvas; nodes with no edge go in a grid below
   (the page hides them until asked);
2. a tree (most small components: a person, a role, a country) is drawn radially around its
   most connected node, in time proportional to its size; another component up to
   ``SPRING_MAX`` nodes by networkx's ``spring_layout`` started from that radial drawing; a
   larger one by Fruchterman and Reingold's own *grid variant*: repulsion only between
   nodes closer than ``2k``, found in a grid of cells, so each step is about ``O(n)``; leaves are then set around their
   hubs (`hubs_and_leaves`).
   No maintained Python library offers that layout for networkx graphs; it is 30 lines here.

Everything is seeded and every graph is walked in sorted order: the same graph gives the same
positions, whatever Python's hash seed.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

SPRING_MAX = 300  # cores up to this size use networkx's spring_layout
SPACING = 100.0  # page pixels between neighbouring nodes
REPULSION = 3.0  # x the Fruchterman-Reingold repulsion, in the grid layout


def layout(graph: nx.Graph, *, seed: int = 7, aspect: float = 1.0) -> dict[Hashable, tuple[float, float]]:
    """Positions in page pixels for every node of ``graph`` (directions and parallel edges are
    ignored): the connected components packed in rows, largest first, into a block about
    ``aspect`` times as wide as it is tall; the nodes with no edge in a grid below them.

    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2]
    True
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph, key=str))
    simple.add_edges_from(sorted(((u, v) for u, v in graph.edges() if u != v), key=str))
    components = sorted((sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0])))
    connected = [c for c in components if len(c) > 1]
    placed = _pack([_component_layout(_subgraph(simple, nodes), seed) for nodes in connected], aspect)
    bottom = max((y for _, y in placed.values()), default=-SPACING) + 2 * SPACING
    width = max((x for x, _ in placed.values()), default=0.0)
    lonely = [c[0] for c in components if len(c) == 1]
    columns = max(1, int(width // SPACING) + 1, int(math.ceil(math.sqrt(len(lonely) * aspect))))
    for i, node in enumerate(lonely):
        placed[node] = (float(i % columns) * SPACING, round(bottom + (i // columns) * SPACING, 1))
    return placed


def _subgraph(graph: nx.Graph, nodes: list) -> nx.Graph:
    """A component as a graph of its own, nodes and edges in sorted order: networkx's subgraph
    views iterate in the order of a Python set, which changes with the hash seed, and the
    layouts depend on the order."""
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    members = set(nodes)
    sub.add_edges_from(sorted(((u, v) if str(u) <= str(v) else (v, u) for u in nodes for v in graph[u]
                               if v in members), key=str))
    return sub


def _component_layout(component: nx.Graph, seed: int) -> dict[Hashable, np.ndarray]:
    """One connected component, in units where neighbours are about 1 apart: a tree (most small
    components of news graphs: a person, their role, their country) radially around its most
    connected node, other small components by networkx's spring layout, large ones by the grid
    layout."""
    nodes = list(component)
    if len(nodes) <= 2:
        return {n: np.array([float(i), 0.0]) for i, n in enumerate(nodes)}
    if component.number_of_edges() == len(nodes) - 1:
        return radial_tree(component)
    if len(nodes) <= SPRING_MAX:
        start = {n: p * 0.3 for n, p in radial_tree(nx.bfs_tree(component, _hub(component))).items()}
        raw = nx.spring_layout(component, pos=start, seed=seed, iterations=50, method="force")
        scale = math.sqrt(len(nodes)) * 0.8  # spring_layout fits into [-1, 1]; neighbours about 1 apart
        order = sorted(raw, key=str)
        spread = _repel(np.array([raw[n] for n in order], dtype=float) * scale, 1.2)
        return {n: spread[i] for i, n in enumerate(order)}
    return hubs_and_leaves(component, seed)


def hubs_and_leaves(component: nx.Graph, seed: int) -> dict[Hashable, np.ndarray]:
    """A large component of a news graph: a few hubs (a country named in hundreds of articles)
    with many leaves (a person named once, with a role there). A force layout packs the leaves
    into a knot around each hub; here the core (every node but the leaves) is laid out by the grid
    layout, spread out by how much room the hubs' leaves need, and each hub's leaves are put on a
    sunflower disk around it; a last repulsion pass pulls apart what still overlaps."""
    leaves: dict[Hashable, list] = {}
    for node in component:
        if component.degree(node) == 1:
            (parent,) = component[node]
            if component.degree(parent) > 1:
                leaves.setdefault(parent, []).append(node)
    core = [n for n in component if not (component.degree(n) == 1 and component.degree(next(iter(component[n]))) > 1)]
    index = {n: i for i, n in enumerate(core)}
    core_edges = [(index[u], index[v]) for u, v in component.edges() if u in index and v in index]
    points = grid_force_layout(len(core), np.array(core_edges, dtype=np.int64).reshape(-1, 2), seed=seed)
    radius = np.array([0.6 * math.sqrt(len(leaves.get(n, []))) + 0.5 for n in core])
    span = points.max(axis=0) - points.min(axis=0) + 1.0
    points *= max(1.0, math.sqrt(float((math.pi * radius**2).sum()) / float(span[0] * span[1])))
    pos = {n: points[i] for n, i in index.items()}
    golden = math.pi * (3 - math.sqrt(5))
    for parent, kids in leaves.items():
        for j, leaf in enumerate(sorted(kids, key=str)):
            r = 0.6 * math.sqrt(j + 1) + 0.4
            pos[leaf] = pos[parent] + r * np.array([math.cos(j * golden), math.sin(j * golden)])
    order = list(component)
    spread = _repel(np.array([pos[n] for n in order]), 0.7)
    return {n: spread[i] for i, n in enumerate(order)}


def _repel(spread: np.ndarray, radius: float) -> np.ndarray:
    """Repulsion only, between nodes closer than ``radius``, to undo overlaps (and, in small
    components, to leave room for the labels beside the nodes)."""
    for _ in range(15):
        pairs = close_pairs(spread, radius)
        if not len(pairs):
            break
        delta = spread[pairs[:, 0]] - spread[pairs[:, 1]]
        push = 0.15 * radius * delta / np.maximum((delta * delta).sum(axis=1), 1e-3)[:, None]
        disp = np.zeros_like(spread)
        _accumulate(disp, pairs[:, 0], push)
        _accumulate(disp, pairs[:, 1], -push)
        spread += np.clip(disp, -0.3 * radius, 0.3 * radius)
    return spread


def close_pairs(points: np.ndarray, radius: float) -> np.ndarray:
    """The pairs ``(i, j)``, ``i < j``, of points closer than ``radius``: points are binned in
    square cells of that side and compared with the points of their own and neighbouring cells
    (numpy only; scipy's k-d tree costs half a second to import, a few percent of a build)."""
    if len(points) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    cells = np.floor((points - points.min(axis=0)) / radius).astype(np.int64)
    width = int(cells[:, 1].max()) + 3
    keys = cells[:, 0] * width + cells[:, 1]
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    found = []
    for dx, dy in ((0, 0), (0, 1), (1, -1), (1, 0), (1, 1)):
        target = keys + dx * width + dy
        low = np.searchsorted(sorted_keys, target, "left")
        high = np.searchsorted(sorted_keys, target, "right")
        counts = high - low
        if not counts.sum():
            continue
        first = np.repeat(np.arange(len(points)), counts)
        starts = np.repeat(low - np.cumsum(counts) + counts, counts)
        second = order[starts + np.arange(counts.sum())]
        keep = first < second if (dx, dy) == (0, 0) else first != second
        found.append(np.stack([first[keep], second[keep]], axis=1))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    delta = points[pairs[:, 0]] - points[pairs[:, 1]]
    pairs = pairs[(delta * delta).sum(axis=1) < radius * radius]
    return np.sort(pairs, axis=1)


def _hub(graph: nx.Graph) -> Hashable:
    return min(graph, key=lambda n: (-graph.degree(n), str(n)))


def radial_tree(tree: nx.Graph) -> dict[Hashable, np.ndarray]:
    """A tree around its most connected node: depth d on a circle of radius d, each subtree in an
    angle proportional to its leaves, so that no two edges cross."""
    root = _hub(tree)
    children: dict[Hashable, list] = {root: []}
    order = [root]
    for parent, child in nx.bfs_edges(tree, root, sort_neighbors=lambda ns: sorted(ns, key=str)):
        children.setdefault(parent, []).append(child)
        children[child] = []
        order.append(child)
    leaves: dict[Hashable, int] = {}
    for node in reversed(order):
        leaves[node] = max(1, sum(leaves[c] for c in children[node]))
    ring = max(1.0, len(children[root]) / (2 * math.pi))  # the first circle holds the root's children 1 apart
    pos = {root: np.zeros(2)}
    span = {root: (0.0, 2 * math.pi)}
    depth = {root: 0}
    for node in order:
        low, high = span[node]
        for child in children[node]:
            share = (high - low) * leaves[child] / leaves[node]
            span[child] = (low, low + share)
            depth[child] = depth[node] + 1
            angle = low + share / 2
            pos[child] = np.array([math.cos(angle), math.sin(angle)]) * ring * depth[child]
            low += share
    return pos


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
    rng = np.random.default_rng(seed)
    side = math.sqrt(count)
    pos = rng.random((count, 2)) * side
    temperature = side / 8
    cooling = (0.02 / 8) ** (1 / iterations)  # ends at a fiftieth of the first step
    for _ in range(iterations):
        disp = np.zeros((count, 2))
        pairs = close_pairs(pos, 2.0)
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


def _pack(components: list[dict[Hashable, np.ndarray]], aspect: float) -> dict[Hashable, tuple[float, float]]:
    """Components side by side in rows about ``aspect`` times as wide as the whole is tall,
    largest first."""
    if not components:
        return {}  # an article with nothing to draw
    boxes = []
    for pos in components:
        points = np.array(list(pos.values()))
        low, high = points.min(axis=0), points.max(axis=0)
        boxes.append((pos, low, high - low + 1.5))
    area = sum(size[0] * size[1] for _, _, size in boxes)
    width = max(math.sqrt(area * aspect), max(size[0] for _, _, size in boxes))
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
