"""The page: self-contained, escaped, coloured by type."""

from __future__ import annotations

import json
import re

import networkx as nx

from kg.viewer import render_page, script_json

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
