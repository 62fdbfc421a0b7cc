"""The interactive page: a pyvis network, laid out in Python, rendered into one self-contained
HTML file that works with no network.

pyvis 0.3.2 links Bootstrap from a CDN even with ``cdn_resources="in_line"``, and puts labels
into tooltips as HTML. So pyvis builds the nodes, edges and options, and kg renders them with its
own template: vis-network (the copy pyvis ships) and kg's script and style are inlined, the data
is a JSON block with ``<`` escaped, and the page only ever inserts text with ``textContent``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network

STYLE = {  # type -> (vis shape, colour)
    "Person": ("dot", "#4C78A8"),
    "Country": ("diamond", "#F58518"),
    "Organization": ("square", "#54A24B"),
    "Place": ("triangle", "#B279A2"),
    "Proposal": ("star", "#E45756"),
    "Quotation": ("dot", "#9D9D9D"),
}
DEFAULT_MAX_NODES = 5000


@cache
def _asset(package: str, *parts: str) -> str:
    return files(package).joinpath(*parts).read_text(encoding="utf-8")


def script_json(data: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&`` in it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def most_central(graph: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The ``max_nodes`` best-connected nodes (degree), when the graph is larger."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    ranked = sorted(graph.degree(), key=lambda nd: (-nd[1], str(nd[0])))[:max_nodes]
    return graph.subgraph(n for n, _ in ranked).copy()


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Node positions computed once in Python, so the browser does no physics: a seeded force
    layout of the graph, scaled to the page."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(graph.to_undirected(as_view=True))
    scale = 120 * max(graph.number_of_nodes(), 4) ** 0.5
    pos = nx.spring_layout(simple, seed=7, iterations=60 if len(simple) < 1000 else 30, scale=scale)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}


def build_network(graph: nx.MultiDiGraph) -> Network:
    """The pyvis network of a kg networkx view: shapes and colours by type, positions fixed,
    physics off."""
    net = Network(directed=True, cdn_resources="in_line")
    positions = layout(graph)
    for node, data in sorted(graph.nodes(data=True)):
        shape, colour = STYLE.get(data.get("type"), ("dot", "#888888"))
        label = data.get("label", node)
        short = label if len(label) <= 40 else label[:37] + "…"
        x, y = positions.get(node, (0.0, 0.0))
        net.add_node(node, label=short, shape=shape, color=colour, x=x, y=y, physics=False,
                     size=8 if data.get("type") == "Quotation" else 14)
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate", ""))):
        label = data.get("title") or data.get("predicate", "")
        net.add_edge(u, v, label=label, arrows="to")
    net.toggle_physics(False)
    return net


def render_page(graph: nx.MultiDiGraph, *, title: str = "kg", max_nodes: int = DEFAULT_MAX_NODES,
                focus: str | None = None) -> str:
    """The HTML page for a networkx view of a knowledge graph.

    Args:
        graph: from `kg.network.to_networkx`.
        title: the page heading (escaped).
        max_nodes: past this many nodes, only the best-connected are drawn and the page says so.
        focus: a node to select when the page opens.
    """
    total = graph.number_of_nodes()
    shown = most_central(graph, max_nodes)
    net = build_network(shown)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    details = {
        node: {"label": data.get("label", node), "type": data.get("type"), "names": data.get("names", []),
               "titles": data.get("titles", [])}
        for node, data in shown.nodes(data=True)
    }
    facts = [
        {"from": u, "to": v, "predicate": data.get("predicate"), "title": data.get("title"),
         "confidence": data.get("confidence"), "evidence": data.get("evidence", [])}
        for u, v, data in sorted(shown.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate", "")))
    ]
    for node in nodes:  # pyvis adds a "title" tooltip only when given; make sure none carries HTML
        node.pop("title", None)
    payload = {
        "nodes": nodes, "edges": edges, "details": details, "facts": facts, "focus": focus,
        "total": total, "shown": shown.number_of_nodes(),
        "styles": {kind: {"shape": s, "color": c} for kind, (s, c) in STYLE.items()},
    }
    template = Environment(autoescape=True).from_string(_asset("kg", "static", "page.html"))
    return template.render(
        title=title,
        data=script_json(payload),
        vis_js=_asset("pyvis", "lib", "vis-9.1.2", "vis-network.min.js"),
        vis_css=_asset("pyvis", "lib", "vis-9.1.2", "vis-network.css"),
        kg_js=_asset("kg", "static", "viewer.js"),
        kg_css=_asset("kg", "static", "viewer.css"),
        options=json.dumps(json.loads(options) if isinstance(options, str) else options),
    )


def write_page(graph: nx.MultiDiGraph, path: Path, **kwargs) -> None:
    from .files import write_atomic

    write_atomic(path, render_page(graph, **kwargs))
