"""The page: self-contained, escaped, coloured by type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pyoxigraph as ox
import pytest
from scipy.spatial import cKDTree
from typer.testing import CliRunner

from kg.cli import app
from kg.pages.corpus_page import CorpusPage
from kg.pages.layout import layout
from kg.pages.viewer import most_central, page_data, render_page, script_json
from kg.questions.network import to_networkx
from kg.questions.views import article_view
from kg.rdf.store import load_files

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


# --- time: the dates of facts and a proposal's stances, carried in the page's data -------------------

STANCES = Path(__file__).parents[1] / "data" / "viewer" / "stances.trig"
TOLL = "https://example.org/kg/id/proposal/cccc0001cccc/harbour-bridge-toll"
ARTICLE = "https://example.org/kg/article/cccc000{0}cccc000{0}".format


def stances_corpus_page() -> dict:
    """The page data of a corpus page built from the three articles' views, through the page's
    temporary file of facts."""
    graphs: dict[str, list] = {}
    for quad in ox.parse(STANCES.read_bytes(), format=ox.RdfFormat.TRIG):
        graphs.setdefault(quad.graph_name.value, []).append((quad.subject.value, quad.predicate.value, quad.object.value))
    with CorpusPage() as page:
        for name in sorted(graphs):
            page.add(article_view(graphs[name], name))
        return page_data(page.graph()[0])


def stance_sentences(data: dict) -> list[tuple]:
    """The sentences behind the stances on the toll, with the dates they carry."""
    return sorted((f["from"].rsplit("/", 1)[1], f["predicate"], " ".join(e["sentence"].split()[:2]), e["article"][-1],
                   e.get("happened"), e.get("until"), e.get("time"))
                  for f in data["facts"] if f["to"] == TOLL and f["predicate"] in data["stances"] for e in f["evidence"])


@pytest.mark.parametrize("make", [lambda: page_data(to_networkx(load_files([STANCES]))), stances_corpus_page],
                         ids=["store view", "corpus page"])
def test_viewer_page_data_carries_the_dates_of_facts(make):
    data = make()
    assert stance_sentences(data) == [
        ("harbour-council", "commitsTo", "The Harbour", "3", "2024-05-01", "2024-05-31", "in May 2024"),
        ("harbour-council", "considers", "The Harbour", "1", None, None, None),
        ("mira-castell", "backs", "Ms Castell", "2", None, None, None),
        ("mira-castell", "proposes", "On Monday,", "1", "2024-03-04", "2024-03-04", "On Monday"),
        ("tomas-reyes", "discusses", "Reyes discussed", "3", None, None, None),
        ("tomas-reyes", "opposes", "Reyes repeated", "2", None, None, None),
        ("tomas-reyes", "opposes", "Tomas Reyes", "2", "2024-03-25", "2024-03-31", "last week"),
    ]
    assert data["dates"] == {ARTICLE(1): "2024-03-08", ARTICLE(2): "2024-04-02"}  # when the undated sentences were reported
    assert data["headlines"] == {ARTICLE(n): h for n, h in [(1, "Portavel weighs a toll on its harbour bridge"),
                                                             (2, "Ferry crews and the bridge toll"),
                                                             (3, "Council agrees the harbour toll")]}
    assert data["stances"] == {"proposes": "proposes", "backs": "backs", "opposes": "opposes", "considers": "considers",
                               "discusses": "discusses", "commitsTo": "commits to"}
    assert data["queries"] is None  # a page on its own reads the stances from its data


def test_viewer_page_data_cites_only_the_headlines_of_articles_it_shows():
    graph = to_networkx(load_files([STANCES]))
    data = page_data(graph.subgraph([TOLL, "https://example.org/kg/id/person/mira-castell"]).copy())
    assert sorted(data["headlines"]) == [ARTICLE(1), ARTICLE(2)]


def test_viewer_served_page_says_where_the_stored_queries_are():
    html = render_page(to_networkx(load_files([STANCES])), queries="/queries")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))
    assert data["queries"] == "/queries"
    assert "window.kgTime" in html  # the timeline's script is inlined, before the page's own
