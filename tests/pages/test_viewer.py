"""The page: self-contained, escaped, coloured by type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from scipy.spatial import cKDTree
from typer.testing import CliRunner

from kg.cli import app
from kg.pages.layout import layout
from kg.pages.viewer import most_central, render_page, script_json

HOSTILE = '</script><script>alert(1)</script>" onmouseover="alert(2)'


def hostile_graph():
    graph = nx.MultiDiGraph()
    graph.add_node("a", label=HOSTILE, type="Person", names=[HOSTILE], titles=["<b>boss</b>"])
    graph.add_node("b", label="Kyiv", type="Place", names=["Kyiv"], titles=[])
    graph.add_edge("a", "b", key="visited", predicate="visited", title=None, confidence=0.8,
                   evidence=[{"sentence": HOSTILE + " visited Kyiv.", "start": 0, "end": 10, "article": ""}])
    return graph


def test_viewer_page_has_no_remote_resources():
    html = render_page(hostile_graph())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


def test_viewer_untrusted_text_never_appears_raw():
    html = render_page(hostile_graph(), title=HOSTILE)
    assert "<script>alert(1)" not in html
    assert '" onmouseover="' not in html


def test_viewer_data_block_round_trips():
    payload = {"label": HOSTILE, "amp": "a & b"}
    text = script_json(payload)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == payload


def test_viewer_nodes_coloured_by_type():
    html = render_page(hostile_graph())
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))
    colours = {n["id"]: n["color"] for n in data["nodes"]}
    assert colours["a"] != colours["b"]
    assert all(n.get("physics") is False for n in data["nodes"])


# --- layout, the central part, kg view ---------------------------------------------------------------

SMALL = Path(__file__).parents[1] / "data" / "viewer" / "small.ttl"


def news_like(nodes: int) -> nx.MultiDiGraph:
    """Hubs with many spokes, a few cross links and some separate pairs, like a corpus."""
    graph = nx.MultiDiGraph()
    for i in range(nodes):
        graph.add_node(f"n{i}", label=f"N{i}", type="Person", names=[f"N{i}"], titles=[])
    for i in range(1, nodes * 3 // 4):
        hub = f"n{i % 7}" if i >= 7 else "n0"
        graph.add_edge(f"n{i}", hub, key="met", predicate="met", title=None, confidence=0.5, evidence=[])
    for i in range(nodes * 3 // 4, nodes - 1, 2):
        graph.add_edge(f"n{i}", f"n{i + 1}", key="met", predicate="met", title=None, confidence=0.5, evidence=[])
    return graph


@pytest.mark.parametrize("nodes", [3, 40, 800])  # spring_layout below SPRING_MAX, the grid layout above
def test_viewer_layout_places_every_node_apart_and_deterministically(nodes):
    graph = news_like(nodes)
    first, second = layout(graph), layout(graph)
    assert first == second
    assert set(first) == set(graph)
    points = np.array(list(first.values()))
    assert len({tuple(p) for p in points}) == nodes, "two nodes share a position"
    nearest = cKDTree(points).query(points, k=2)[0][:, 1]
    assert np.median(nearest) > 10  # pixels: most nodes are not drawn on top of their neighbour


@pytest.mark.parametrize("max_nodes, keep, expected", [
    (2, None, {"n0", "n1"}),
    (2, "n39", {"n0", "n39"}),
    (100, None, None),
])
def test_viewer_most_central_keeps_the_best_connected_and_the_focus(max_nodes, keep, expected):
    graph = news_like(40)
    shown = most_central(graph, max_nodes, keep=keep)
    assert set(shown) == (expected if expected is not None else set(graph))


@pytest.mark.parametrize("args, page, focus, count", [
    ([str(SMALL)], "view.html", None, 5),
    ([str(SMALL), "Countess Lovelace"], "view-ada-lovelace.html", "https://example.org/kg/id/person/ada-lovelace", 4),
    ([str(SMALL), "--entity", "a 30-day truce", "--depth", "1"], "view-a-30-day-truce.html",
     "https://example.org/kg/id/proposal/00000000000000a1/truce", 3),
])
def test_viewer_kg_view_writes_a_page_and_prints_its_path(tmp_path, monkeypatch, args, page, focus, count):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["view", *args])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str((tmp_path / page).resolve())
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', (tmp_path / page).read_text(), re.S).group(1))
    assert data["focus"] == focus and data["shown"] == count


@pytest.mark.parametrize("args, message", [
    ([str(SMALL), "Nobody Atall"], "no entity named 'Nobody Atall'"),
    (["missing.ttl"], "missing.ttl"),
    ([], "no RDF files in exports/ (the default)"),
])
def test_viewer_kg_view_bad_input_is_one_line(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["view", *args])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_viewer_empty_graph_gives_a_page_with_nothing_drawn():
    assert layout(nx.MultiDiGraph()) == {}
    html = render_page(nx.MultiDiGraph(), title="empty")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))
    assert data["nodes"] == [] and data["shown"] == data["total"] == 0
