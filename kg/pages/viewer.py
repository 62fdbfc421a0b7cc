"""The interactive page: a vis-network graph (the copy pyvis ships), laid out in Python, rendered into one self-contained
HTML file that works with no network.

The page draws with vis-network, the copy pyvis ships. pyvis's own page links Bootstrap from a
CDN even with ``cdn_resources="in_line"`` and puts labels into tooltips as HTML, so kg renders
its own template: vis-network and kg's script and style are inlined, the data is a JSON block
with ``<`` escaped, and the page only ever inserts text with ``textContent``. Positions come from
`kg.pages.layout` and physics is off, so a 5,000-node page opens in a few seconds and stays fluid
(benchmarks/viewer_5000.py). The script draws the labels itself, at a fixed size on screen,
the most connected first and none over another (`static/viewer.js`).
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx
from jinja2 import Environment

from ..questions.timeline import RELATION_WORDS, STANCES
from ..rdf.counting import GraphCounts
from ..rdf.sparql import Source
from . import DEFAULT_MAX_NODES
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
LABEL_CHARS = 40
PROPOSAL_CHARS = 30  # a proposal or a quotation is drawn by its first words; the panel shows it whole
QUOTE_CHARS = 24


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


def short_label(label: str, kind: str | None) -> str:
    """What the graph draws beside a node: a name whole, a proposal or a quotation by its first
    words (the panel shows them whole).

    >>> short_label("a plan to build a new bridge across the river by next spring", "Proposal")
    'a plan to build a new bridge…'
    """
    limit = {"Quotation": QUOTE_CHARS, "Proposal": PROPOSAL_CHARS}.get(kind or "", LABEL_CHARS)
    if len(label) <= limit:
        return label
    cut = label[:limit].rsplit(" ", 1)[0] if " " in label[:limit] else label[:limit - 1]
    return cut.rstrip(" ,;:") + "…"


def legend_counts(graph: nx.MultiDiGraph, counts: GraphCounts | None) -> dict[str, dict[str, int]]:
    """The legend's numbers: ``counts`` (`kg.rdf.counting`, what ``kg stats`` prints), or, for a
    graph given without them, its nodes by type and the facts its edges hold by relation."""
    if counts is not None:
        return {"types": counts.entities, "relations": counts.relations}
    types = Counter(data.get("type") or "Other" for _, data in graph.nodes(data=True))
    relations: Counter = Counter()
    for _, _, data in graph.edges(data=True):
        relations[data.get("predicate") or ""] += data.get("facts", 1)
    return {"types": dict(sorted(types.items())), "relations": dict(sorted(relations.items()))}


def page_data(graph: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, focus: str | None = None,
              counts: GraphCounts | None = None, queries: str | None = None) -> dict:
    """What the page's script reads: vis nodes (positions fixed) and edges, each node's details
    (names, titles, fact count), each edge's facts with their evidence (each sentence with when
    it says the fact happened, if it does: `kg.questions.views.evidence_record`), the articles'
    dates (when the others were reported) and the headlines of those cited, the stance relations
    and their words (a proposal's timeline), the legend's counts, how much of the graph is shown,
    and where the stored queries are answered when a server gives the page (else None)."""
    shown = most_central(graph, max_nodes, keep=focus)
    positions = layout(shown)
    edges = _sorted_edges(shown)
    fact_count: Counter = Counter()
    for u, v, data in edges:
        fact_count[u] += data.get("facts", 1)
        if v != u:
            fact_count[v] += data.get("facts", 1)
    nodes, details = [], {}
    for node, data in sorted(shown.nodes(data=True)):
        kind = data.get("type")
        shape, colour = STYLE.get(kind, OTHER_STYLE)
        x, y = positions.get(node, (0.0, 0.0))
        nodes.append({"id": node, "x": x, "y": y, "shape": shape, "color": colour, "physics": False,
                      "size": 8 if kind == "Quotation" else 14})
        label = str(data.get("label", node))
        details[node] = {"label": label, "short": short_label(label, kind), "type": kind,
                         "names": list(data.get("names", [])), "titles": list(data.get("titles", [])),
                         "facts": fact_count[node]}
    facts = [
        {"from": u, "to": v, "predicate": data.get("predicate"), "title": data.get("title"),
         "confidence": data.get("confidence"), "facts": data.get("facts", 1), "evidence": data.get("evidence", [])}
        for u, v, data in edges
    ]
    cited = {e["article"] for f in facts for e in f["evidence"]}
    return {
        "nodes": nodes, "edges": [{"id": i, "from": f["from"], "to": f["to"]} for i, f in enumerate(facts)],
        "details": details, "facts": facts, "dates": dict(graph.graph.get("dates", {})),
        "headlines": {a: h for a, h in graph.graph.get("headlines", {}).items() if a in cited},
        "stances": {relation: RELATION_WORDS.get(relation, relation) for relation in STANCES},
        "queries": queries,
        "focus": focus if focus in shown else None, "total": graph.number_of_nodes(), "shown": shown.number_of_nodes(),
        "counts": legend_counts(graph, counts),
        "styles": {kind: {"shape": s, "color": c} for kind, (s, c) in STYLE.items()},
    }


def render_page(graph: nx.MultiDiGraph, *, title: str = "kg", max_nodes: int = DEFAULT_MAX_NODES,
                focus: str | None = None, links: dict[str, str] | None = None,
                counts: GraphCounts | None = None, queries: str | None = None) -> str:
    """The HTML page for a networkx view of a knowledge graph.

    Args:
        graph: from `kg.questions.network.to_networkx`.
        title: the page heading (escaped).
        max_nodes: past this many nodes, only the best-connected are drawn and the page says so.
        focus: a node to select when the page opens.
        links: header links (text -> same-site URL), used by ``kg serve``.
        counts: what the legend says the graph holds (`kg.rdf.counting.tally` of its source).
        queries: where a server answers the stored queries (``kg serve``: ``/queries``); the page
            then asks it for a selected proposal's stances, else it reads them from its own data.

    Returns:
        One HTML document with every script and style inlined.
    """
    vis_js, vis_css = vis_assets()
    template = Environment(autoescape=True).from_string(_asset("kg.pages", "static", "page.html"))
    return template.render(
        title=title,
        links=sorted((links or {}).items()),
        data=script_json(page_data(graph, max_nodes=max_nodes, focus=focus, counts=counts, queries=queries)),
        vis_js=vis_js, vis_css=vis_css,
        kg_time_js=_asset("kg.pages", "static", "time.js"),
        kg_js=_asset("kg.pages", "static", "viewer.js"),
        kg_css=_asset("kg.pages", "static", "viewer.css"),
    )


def write_page(graph: nx.MultiDiGraph, path: Path, **kwargs) -> None:
    """Render the page and write it atomically."""
    from ..core.files import write_atomic

    write_atomic(path, render_page(graph, **kwargs))


def view(source: Source, *, name: str = "kg", entity: str | None = None, depth: int = 1, out: Path | None = None,
         max_nodes: int = DEFAULT_MAX_NODES) -> Path:
    """Write the page of a graph, whole or around one entity (what ``kg view`` does).

    Args:
        source: a store, files read into a store, or an endpoint (`kg.rdf.sparql.Source`).
        name: what the page's title calls the source.
        entity: a name or IRI; the page shows its neighbourhood and opens on it.
        depth: how many hops around ``entity``.
        out: where to write; by default ``view.html`` (``view-<entity>.html``) here.
        max_nodes: past this many nodes only the best-connected are drawn.

    Returns:
        The path written.

    Raises:
        QueryError: ``entity`` names no node, or several.
    """
    from ..questions.network import find_node, neighbors, to_networkx
    from ..rdf.counting import tally
    from ..rdf.namespace import slug

    graph = to_networkx(source)
    counts = tally(source)
    focus = None
    title = name
    if entity:
        focus = find_node(graph, entity)
        graph = neighbors(graph, focus, depth)
        title = f"{graph.nodes[focus]['label']} ({depth} hop{'s' if depth != 1 else ''})"
        counts = None  # the legend counts what the neighbourhood holds
    path = out or Path(f"view-{slug(graph.nodes[focus]['label'])}.html" if focus else "view.html")
    write_page(graph, path, title=title, max_nodes=max_nodes, focus=focus, counts=counts)
    return path
