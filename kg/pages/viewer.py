"""The interactive page: a pyvis network, laid out in Python, rendered into one self-contained
HTML file that works with no network.

pyvis 0.3.2 links Bootstrap from a CDN even with ``cdn_resources="in_line"``, and puts labels
into tooltips as HTML. So pyvis builds the nodes, edges and options, and kg renders them with its
own template: vis-network (the copy pyvis ships) and kg's script and style are inlined, the data
is a JSON block with ``<`` escaped, and the page only ever inserts text with ``textContent``.
Positions come from `kg.pages.layout` and physics is off, so a 5,000-node page opens in a few seconds
and stays fluid (benchmarks/viewer_5000.py).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network

from .layout import layout

STYLE = {  # type -> (vis shape, colour)
    "Person": ("dot", "#4C78A8"),
    "Country": ("diamond", "#F58518"),
    "Organization": ("square", "#54A24B"),
    "Place": ("triangle", "#B279A2"),
    "Proposal": ("star", "#E45756"),
    "Quotation": ("dot", "#9D9D9D"),
}
OTHER_STYLE = ("dot", "#888888")
DEFAULT_MAX_NODES = 5000
LABEL_CHARS = 40
QUOTE_CHARS = 24  # a quotation is drawn by its first words; the panel shows it whole


@cache
def _asset(package: str, *parts: str) -> str:
    return files(package).joinpath(*parts).read_text(encoding="utf-8")


def vis_assets() -> tuple[str, str]:
    """vis-network's script and style, as shipped inside pyvis."""
    return _asset("pyvis", "lib", "vis-9.1.2", "vis-network.min.js"), _asset("pyvis", "lib", "vis-9.1.2", "vis-network.css")


def script_json(data: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&`` in it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def most_central(graph: nx.MultiDiGraph, max_nodes: int, keep: str | None = None) -> nx.MultiDiGraph:
    """The ``max_nodes`` best-connected nodes (by degree, ties by IRI) when the graph is larger;
    ``keep`` (the focused entity) is always among them."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    ranked = [n for n, _ in sorted(graph.degree(), key=lambda nd: (nd[0] != keep, -nd[1], str(nd[0])))[:max_nodes]]
    return graph.subgraph(ranked).copy()


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict]]:
    return sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate") or "", e[2].get("title") or ""))


def build_network(graph: nx.MultiDiGraph) -> Network:
    """The pyvis network of a kg networkx view: shapes and colours by type, positions fixed,
    physics off. Edge ``i`` is the ``i``-th edge in (subject, object, predicate) order."""
    net = Network(directed=True, cdn_resources="in_line")
    positions = layout(graph)
    for node, data in sorted(graph.nodes(data=True)):
        shape, colour = STYLE.get(data.get("type"), OTHER_STYLE)
        label = str(data.get("label", node))
        limit = QUOTE_CHARS if data.get("type") == "Quotation" else LABEL_CHARS
        short = label if len(label) <= limit else label[:limit - 1].rstrip() + "…"
        x, y = positions.get(node, (0.0, 0.0))
        net.add_node(node, label=short, shape=shape, color=colour, x=x, y=y, physics=False,
                     size=8 if data.get("type") == "Quotation" else 14)
    for i, (u, v, data) in enumerate(_sorted_edges(graph)):
        net.add_edge(u, v, id=i, label=data.get("title") or data.get("predicate", ""), arrows="to")
    net.toggle_physics(False)
    return net


def page_data(graph: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, focus: str | None = None) -> dict:
    """What the page's script reads: vis nodes and edges, each node's details, each edge's fact
    with its evidence, and how much of the graph is shown."""
    shown = most_central(graph, max_nodes, keep=focus)
    nodes, edges, *_ = build_network(shown).get_network_data()
    for node in nodes:  # pyvis adds a "title" tooltip only when given; make sure none carries HTML
        node.pop("title", None)
    details = {
        node: {"label": data.get("label", node), "type": data.get("type"), "names": list(data.get("names", [])),
               "titles": list(data.get("titles", []))}
        for node, data in shown.nodes(data=True)
    }
    facts = [
        {"from": u, "to": v, "predicate": data.get("predicate"), "title": data.get("title"),
         "confidence": data.get("confidence"), "evidence": data.get("evidence", [])}
        for u, v, data in _sorted_edges(shown)
    ]
    return {
        "nodes": nodes, "edges": edges, "details": details, "facts": facts,
        "focus": focus if focus in shown else None, "total": graph.number_of_nodes(), "shown": shown.number_of_nodes(),
        "styles": {kind: {"shape": s, "color": c} for kind, (s, c) in STYLE.items()},
    }


def render_page(graph: nx.MultiDiGraph, *, title: str = "kg", max_nodes: int = DEFAULT_MAX_NODES,
                focus: str | None = None, links: dict[str, str] | None = None) -> str:
    """The HTML page for a networkx view of a knowledge graph.

    Args:
        graph: from `kg.questions.network.to_networkx`.
        title: the page heading (escaped).
        max_nodes: past this many nodes, only the best-connected are drawn and the page says so.
        focus: a node to select when the page opens.
        links: header links (text -> same-site URL), used by ``kg serve``.

    Returns:
        One HTML document with every script and style inlined.
    """
    vis_js, vis_css = vis_assets()
    template = Environment(autoescape=True).from_string(_asset("kg.pages", "static", "page.html"))
    return template.render(
        title=title,
        links=sorted((links or {}).items()),
        data=script_json(page_data(graph, max_nodes=max_nodes, focus=focus)),
        vis_js=vis_js, vis_css=vis_css,
        kg_js=_asset("kg.pages", "static", "viewer.js"),
        kg_css=_asset("kg.pages", "static", "viewer.css"),
    )


def write_page(graph: nx.MultiDiGraph, path: Path, **kwargs) -> None:
    """Render the page and write it atomically."""
    from ..core.files import write_atomic

    write_atomic(path, render_page(graph, **kwargs))


def view(files: list[Path] | None = None, *, store: Path | None = None, entity: str | None = None,
         depth: int = 1, out: Path | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> Path:
    """Write the page for RDF files or a store, whole or around one entity (what ``kg view``
    does).

    Args:
        files: RDF files written by kg (ignored when ``store`` is given).
        store: a persistent store directory, opened read-only.
        entity: a name or IRI; the page shows its neighbourhood and opens on it.
        depth: how many hops around ``entity``.
        out: where to write; by default ``view.html`` (``view-<entity>.html``) here.
        max_nodes: past this many nodes only the best-connected are drawn.

    Returns:
        The path written.

    Raises:
        StoreError: the store or a file cannot be read.
        QueryError: ``entity`` names no node, or several.
    """
    from ..core.errors import InputError
    from ..questions.network import find_node, neighbors, to_networkx
    from ..rdf.namespace import slug
    from ..rdf.store import GraphStore, load_files

    if store is None and not files:
        raise InputError("nothing to view: give RDF files written by `kg build`, or --store DIR")
    source = GraphStore(store, read_only=True) if store is not None else load_files(files or [])
    graph = to_networkx(source)
    focus = None
    title = str(store) if store is not None else ", ".join(Path(f).name for f in files or [])
    if entity:
        focus = find_node(graph, entity)
        graph = neighbors(graph, focus, depth)
        title = f"{graph.nodes[focus]['label']} ({depth} hop{'s' if depth != 1 else ''})"
    path = out or Path(f"view-{slug(graph.nodes[focus]['label'])}.html" if focus else "view.html")
    write_page(graph, path, title=title, max_nodes=max_nodes, focus=focus)
    return path
