"""The page and the server in a real browser: Debian's Chromium, headless, driven by Playwright
(which downloads nothing: it is pointed at /usr/bin/chromium; see browsing.py). Every request
that is not for a file or for 127.0.0.1 is aborted, and each test asserts that none was even
attempted. Time on the pages (dates, a proposal's stances) is tested in test_browser_time.py.

`make test` installs Chromium (the Makefile's `browser` target); these tests fail, not skip,
when it is missing."""

from __future__ import annotations

import lzma
import os
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from browsing import browser, click_node, page, visible_nodes  # noqa: F401 (fixtures)
from playwright.sync_api import Page

from kg.building.build import build
from kg.pages.corpus_page import CorpusPage
from kg.pages.viewer import write_page
from kg.questions.views import article_view
from kg.questions.network import to_networkx
from kg.rdf.store import load_files
from kg.server.app import ServerConfig, serve_in_background

DATA = Path(__file__).parent / "data" / "viewer" / "small.ttl"
ADA = "https://example.org/kg/id/person/ada-lovelace"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
MET = "Ada Lovelace met Alan Turing in Kyiv on Monday."
HOSTILE = "Lovelace proposed a 30-day truce <script>alert(1)</script>."


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return to_networkx(load_files([DATA]))


def open_page(page: Page, graph: nx.MultiDiGraph, tmp_path: Path, **kwargs) -> None:
    path = tmp_path / "page.html"
    write_page(graph, path, **kwargs)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]")


def test_browser_page_click_a_node_shows_its_facts_and_evidence(page, graph, tmp_path):
    open_page(page, graph, tmp_path, title="small")
    click_node(page, ADA)
    panel = page.locator("#kg-panel")
    panel.get_by_text(MET).wait_for()
    assert panel.locator("h3").inner_text() == "Ada Lovelace"
    assert "Countess Lovelace" in panel.locator(".names").inner_text()
    assert panel.locator(".roles").inner_text() == "prime minister"
    evidence = panel.locator("blockquote.evidence").all_inner_texts()
    assert MET in evidence and HOSTILE in evidence  # the markup is shown as text
    assert page.locator("#kg-panel script, #kg-panel b").count() == 0


def test_browser_page_search_filter_and_focus(page, graph, tmp_path):
    open_page(page, graph, tmp_path)
    assert visible_nodes(page) == 4  # the entity with no fact is hidden until asked
    assert page.locator("#kg-isolated-text").inner_text() == "show the 1 entity with no fact shown"
    page.check("#kg-isolated")
    assert visible_nodes(page) == 5
    page.fill("#kg-search", "countess lovelace")
    page.press("#kg-search", "Enter")
    page.locator("#kg-panel h3", has_text="Ada Lovelace").wait_for()
    page.uncheck('input[data-type="Quotation"]')
    assert visible_nodes(page) == 4
    page.check('input[data-type="Quotation"]')
    page.uncheck('input[data-relation="met"]')
    assert page.evaluate("kgNetwork.body.data.edges.length") == 3
    page.check('input[data-relation="met"]')
    page.fill("#kg-search", "a 30-day truce")
    page.press("#kg-search", "Enter")
    page.click("#kg-focus")  # the truce and the two people who propose and back it
    assert visible_nodes(page) == 3
    page.click("#kg-reset")
    assert visible_nodes(page) == 5


def test_browser_page_legend_shows_each_type_with_its_shape(page, graph, tmp_path):
    open_page(page, graph, tmp_path)
    types = page.locator("#kg-types label").all_inner_texts()
    assert [t.split()[0] for t in types] == ["Country", "Person", "Proposal", "Quotation"]
    assert page.locator("#kg-types svg.shape").count() == 4


def test_browser_page_says_when_it_shows_only_the_most_connected(page, graph, tmp_path):
    open_page(page, graph, tmp_path, max_nodes=2)
    assert page.locator("#kg-notice").inner_text() == "Showing the 2 most connected of 5 nodes."
    assert visible_nodes(page) == 2


@pytest.fixture(scope="module")
def server():
    with serve_in_background(ServerConfig(files=[DATA], port=0, time_limit=20)) as url:
        yield url


def test_browser_server_explorer_click_shows_evidence(page, server):
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]")
    click_node(page, ADA)
    page.locator("#kg-panel").get_by_text(MET).wait_for()


def test_browser_server_runs_a_stored_query_and_shows_its_rows(page, server):
    page.goto(server + "/query")
    page.wait_for_selector("body[data-ready=true]")
    page.click('#q-list button[data-query="people"]')
    page.locator("#q-table td", has_text="Ada Lovelace").wait_for()
    assert "Alan Turing" in page.locator("#q-table").inner_text()
    assert page.locator("#q-count").inner_text() == "2 rows"


def test_browser_server_draws_query_results_as_a_graph(page, server):
    page.goto(server + "/query")
    page.wait_for_selector("body[data-ready=true]")
    page.fill("#q-text", "PREFIX kg: <https://example.org/kg/ontology#>\n"
                         "SELECT ?a ?aName ?b ?bName WHERE { ?a kg:met ?b . ?a <http://www.w3.org/2000/01/rdf-schema#label> ?aName . "
                         "?b <http://www.w3.org/2000/01/rdf-schema#label> ?bName }")
    page.select_option("#q-view", "graph")
    page.press("#q-text", "Control+Enter")
    page.locator("#q-count", has_text="2 nodes, 1 links").wait_for()
    labels = page.evaluate("kgQueryNetwork.body.data.nodes.get().map((n) => n.label).sort()")
    assert labels == ["Ada Lovelace", "Alan Turing"]


def test_browser_server_shows_a_malformed_query_as_one_line(page, server):
    page.goto(server + "/query")
    page.wait_for_selector("body[data-ready=true]")
    page.fill("#q-text", "SELEC nothing")
    page.click("#q-run")
    page.locator("#q-status.error").wait_for()
    assert page.locator("#q-status").inner_text().startswith("400 malformed SPARQL: error at 1:1")


def test_browser_server_explorer_links_an_entity_to_its_facts_in_the_editor(page, server):
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]")
    click_node(page, ADA)
    page.click("#kg-panel a.query")
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator('#q-params input[name="entity"]').input_value() == ADA
    assert "https://example.org/kg/id/person/alan-turing" in page.locator("#q-table").inner_text()


def test_browser_standalone_page_has_no_editor_link(page, graph, tmp_path):
    open_page(page, graph, tmp_path)
    click_node(page, ADA)
    page.locator("#kg-panel h3", has_text="Ada Lovelace").wait_for()
    assert page.locator("#kg-panel a.query").count() == 0


# --- the pages as a person first sees them: screenshots, labels counted and checked for overlap

CORPUS = Path(__file__).parent / "data" / "corpus" / "wikinews-285.nq.xz"  # scripts/make_corpus_graphs.py


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the screenshots go: $KG_SCREENSHOTS if set (to look at them), else a temporary folder."""
    folder = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def corpus_page(tmp_path_factory) -> Path:
    """The page `kg build` writes for the 285 Wikinews articles, drawn from their committed graphs
    (the same views the build's workers give, without running spaCy)."""
    graphs: dict[str, list] = defaultdict(list)
    for quad in ox.parse(lzma.decompress(CORPUS.read_bytes()), format=ox.RdfFormat.N_QUADS):
        graphs[quad.graph_name.value].append((quad.subject.value, quad.predicate.value, quad.object.value))
    with CorpusPage() as corpus:
        for name in sorted(graphs):
            corpus.add(article_view(graphs[name], name))
        html = corpus.render(f"articles ({corpus.count} articles)")
    path = tmp_path_factory.mktemp("corpus") / "articles.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def article_page(tmp_path_factory) -> Path:
    """The page `kg build` writes for the bundled article."""
    out = tmp_path_factory.mktemp("article")
    assert build([], out).ok
    return out / "article.html"


def labels(page: Page) -> list[dict]:
    """The labels the page drew, each with its box on screen, checked against the browser's own
    measure of the text at the page's font and the node's position: below, above, or beside it,
    or, for a label set apart, at the far end of a line starting on the node and ending on the box."""
    boxes = page.evaluate("window.kgLabels")
    checked = page.evaluate("""(boxes) => {
        const ctx = document.createElement("canvas").getContext("2d");
        ctx.font = boxes.length ? boxes[0].px + "px system-ui, -apple-system, 'Segoe UI', sans-serif" : "";
        const ids = boxes.filter((b) => b.kind === "node").map((b) => b.id);
        const pos = kgNetwork.getPositions(ids);
        return boxes.map((b) => {
            const wide = Math.abs(ctx.measureText(b.text).width + 2 - b.w) < 1.5;
            if (b.kind !== "node") return wide;
            const p = kgNetwork.canvasToDOM(pos[b.id]);
            if (b.leader) {
                const l = b.leader, on = (v, lo, hi) => lo - 0.5 <= v && v <= hi + 0.5;
                const starts = Math.hypot(l.x1 - p.x, l.y1 - p.y) < 1.5;
                const ends = on(l.x2, b.x, b.x + b.w) && on(l.y2, b.y, b.y + b.h) &&
                    (Math.abs(l.x2 - b.x) < 0.5 || Math.abs(l.x2 - b.x - b.w) < 0.5 ||
                     Math.abs(l.y2 - b.y) < 0.5 || Math.abs(l.y2 - b.y - b.h) < 0.5);
                return wide && starts && ends;
            }
            const touches = b.x - 40 <= p.x && p.x <= b.x + b.w + 40 && b.y - 40 <= p.y && p.y <= b.y + b.h + 40;
            return wide && touches;
        });
    }""", boxes)
    assert all(checked), "a label's box is not where its text is drawn"
    return boxes


def overlapping(boxes: list[dict]) -> int:
    return sum(1 for a, b in combinations(boxes, 2)
               if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


def most_connected_on_screen(page: Page, count: int) -> list[str]:
    """The ``count`` shown nodes with the most facts (the page data's count; ties by IRI) among
    those drawn inside the canvas."""
    return page.evaluate("""(count) => {
        const details = JSON.parse(document.getElementById("kg-data").textContent).details;
        const box = document.querySelector("#kg-network canvas").getBoundingClientRect();
        const ids = kgNetwork.body.data.nodes.getIds(), pos = kgNetwork.getPositions(ids);
        const inside = ids.filter((id) => {
            const p = kgNetwork.canvasToDOM(pos[id]);
            return 0 <= p.x && p.x <= box.width && 0 <= p.y && p.y <= box.height;
        });
        inside.sort((a, b) => details[b].facts - details[a].facts || (a < b ? -1 : 1));
        return inside.slice(0, count);
    }""", count)


@pytest.mark.parametrize("zoom", [1, 0.2, 5], ids=["default", "out", "in"])
def test_browser_corpus_page_labels_the_most_connected_readably_and_apart_at_every_zoom(page, corpus_page, screenshots,
                                                                                       zoom):
    page.goto(corpus_page.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    if zoom != 1:  # about the centre of the view, as the mouse wheel would; redraw() draws at once
        page.evaluate("(f) => { kgNetwork.moveTo({ scale: kgNetwork.getScale() * f }); kgNetwork.redraw(); }", zoom)
    page.screenshot(path=screenshots / ("corpus.png" if zoom == 1 else f"corpus-zoom-{zoom}.png"))
    boxes = labels(page)
    named = {b["id"] for b in boxes if b["kind"] == "node"}
    assert overlapping(boxes) == 0
    assert min(b["px"] for b in boxes) >= 12 and min(b["h"] for b in boxes) >= 12
    top = most_connected_on_screen(page, 10)
    assert len(top) == 10 and set(top) <= named, f"unlabelled among the ten most connected: {set(top) - named}"
    if zoom == 1:
        assert len(named) >= 60, f"only {len(named)} labels drawn"


def test_browser_corpus_page_hides_entities_with_no_fact_until_asked(page, corpus_page):
    page.goto(corpus_page.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    details = page.evaluate("JSON.parse(document.getElementById('kg-data').textContent).details")
    lonely = sum(1 for d in details.values() if d["facts"] == 0)
    assert lonely > 1000 and visible_nodes(page) == len(details) - lonely
    assert f"show the {lonely} entities with no fact shown" == page.locator("#kg-isolated-text").inner_text()
    page.check("#kg-isolated")
    assert visible_nodes(page) == len(details)


def test_browser_corpus_page_connected_part_fills_the_canvas(page, corpus_page):
    page.goto(corpus_page.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    width, height, spread_x, spread_y = page.evaluate("""() => {
        const box = document.querySelector("#kg-network canvas").getBoundingClientRect();
        const points = Object.values(kgNetwork.getPositions(kgNetwork.body.data.nodes.getIds())).map((p) => kgNetwork.canvasToDOM(p));
        const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
        return [box.width, box.height, Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    }""")
    assert spread_x > 0.8 * width or spread_y > 0.8 * height


def test_browser_corpus_page_focus_lays_out_the_neighbourhood_afresh(page, corpus_page, screenshots):
    page.goto(corpus_page.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    page.fill("#kg-list-filter", "Joe Biden")
    page.locator("#kg-list li", has_text="Joe Biden").first.click()
    page.click("#kg-focus")
    page.screenshot(path=screenshots / "corpus-focus.png")
    shown = page.evaluate("kgNetwork.body.data.nodes.getIds()")
    neighbours = page.evaluate("(id) => kgNetwork.getConnectedNodes(id)", "https://example.org/kg/id/person/joe-biden")
    assert set(shown) == {"https://example.org/kg/id/person/joe-biden", *neighbours}
    points = page.evaluate("(ids) => Object.values(kgNetwork.getPositions(ids)).map((p) => kgNetwork.canvasToDOM(p))", shown)
    closest = min(((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 for a, b in combinations(points, 2))
    assert closest > 15, "two neighbours are drawn on top of each other"
    boxes = labels(page)
    assert overlapping(boxes) == 0 and len([b for b in boxes if b["kind"] == "node"]) >= len(shown) // 2


def test_browser_corpus_page_filters_by_confidence_and_date(page, corpus_page):
    page.goto(corpus_page.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    edges = lambda: page.evaluate("kgNetwork.body.data.edges.length")  # noqa: E731
    everything = edges()
    page.locator("#kg-confidence").fill("0.9")
    confident = edges()
    page.locator("#kg-confidence").fill("0")
    assert 0 < confident < everything and edges() == everything
    page.fill("#kg-from", "2020-01-01")
    page.dispatch_event("#kg-from", "change")
    page.fill("#kg-to", "2020-06-30")
    page.dispatch_event("#kg-to", "change")
    assert 0 < edges() < everything


def test_browser_corpus_page_entity_list_sorts_searches_and_selects(page, corpus_page):
    page.goto(corpus_page.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    counts = [int(c) for c in page.locator("#kg-list li .count").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and len(counts) == 300
    page.select_option("#kg-list-sort", "name")
    in_order = page.evaluate("""() => [...document.querySelectorAll("#kg-list li .name")].map((e) => e.textContent)
        .every((name, i, all) => i === 0 || all[i - 1].localeCompare(name) <= 0)""")
    assert in_order, "the list is not sorted by name"
    page.fill("#kg-list-filter", "sadiq")
    page.locator("#kg-list li").first.click()
    page.locator("#kg-panel h3", has_text="Sadiq Khan").wait_for()
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["https://example.org/kg/id/person/sadiq-khan"]


def test_browser_article_page_has_the_headline_and_labels_that_do_not_overlap(page, article_page, screenshots):
    page.goto(article_page.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    page.screenshot(path=screenshots / "article.png")
    assert page.title().startswith("Sir Keir Starmer is considering plans to send British troops")
    boxes = labels(page)
    named = [b for b in boxes if b["kind"] == "node"]
    assert overlapping(boxes) == 0 and min(b["px"] for b in boxes) >= 12
    assert len(named) >= 0.8 * visible_nodes(page), f"{len(named)} labels for {visible_nodes(page)} nodes"
    assert max(len(b["text"]) for b in named) <= 40


def test_browser_server_editor_draws_entities_with_relation_names(page, server):
    page.goto(server + "/query?query=entity&entity=Ada+Lovelace")
    page.wait_for_selector("body[data-ready=true]")
    page.select_option("#q-view", "graph")
    page.locator("#q-count", has_text="nodes").wait_for()
    nodes = page.evaluate("kgQueryNetwork.body.data.nodes.get().map((n) => n.id)")
    relations = page.evaluate("kgQueryNetwork.body.data.edges.get().map((e) => e.label)")
    assert ADA in nodes and all(n.startswith("https://example.org/kg/id/") for n in nodes)
    assert relations and set(relations) <= {"met", "proposes", "backs", "said", "holdsRole", "concerns", "visited"}


def test_browser_server_editor_clears_the_results_on_an_error(page, server):
    page.goto(server + "/query")
    page.wait_for_selector("body[data-ready=true]")
    page.click('#q-list button[data-query="people"]')
    page.locator("#q-table td", has_text="Ada Lovelace").wait_for()
    page.fill("#q-text", "SELECT ?x WHERE { ?x ")
    page.click("#q-run")
    page.locator("#q-status.error").wait_for()
    assert page.locator("#q-table tr").count() == 0 and page.locator("#q-count").inner_text() == ""


def test_browser_server_editor_shows_stored_queries_without_comments(page, server):
    page.goto(server + "/query")
    page.wait_for_selector("body[data-ready=true]")
    page.click('#q-list button[data-query="entity"]')
    text = page.locator("#q-text").input_value()
    assert "SELECT" in text and not [line for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.fixture(scope="module")
def corpus_people() -> int:
    """How many people the corpus names, counted from its quads without SPARQL: the IRIs typed
    schema:Person that have an rdfs:label (the rows `kg query people` lists)."""
    typed, labelled = set(), set()
    for quad in ox.parse(lzma.decompress(CORPUS.read_bytes()), format=ox.RdfFormat.N_QUADS):
        if quad.predicate.value == RDF_TYPE and quad.object.value == "https://schema.org/Person":
            typed.add(quad.subject.value)
        elif quad.predicate.value == RDFS_LABEL:
            labelled.add(quad.subject.value)
    return len(typed & labelled)


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    """kg serve over the graphs of the 285 Wikinews articles."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.nq"
    path.write_bytes(lzma.decompress(CORPUS.read_bytes()))
    with serve_in_background(ServerConfig(files=[path], port=0, time_limit=30)) as url:
        yield url


def test_browser_server_editor_pages_a_listing(page, corpus_server, corpus_people):
    assert corpus_people > 100, "too few people for three pages of 50"
    page.goto(corpus_server + "/query")
    page.wait_for_selector("body[data-ready=true]")
    page.click('#q-list button[data-query="people"]')
    page.locator("#q-count", has_text="rows 1–50, more follow").wait_for()
    assert page.locator("#q-table tr").count() == 51 and page.locator("#q-pager").is_visible()
    first = page.locator("#q-table tr").nth(1).inner_text()
    page.click("#q-next")
    page.locator("#q-count", has_text="rows 51–100, more follow").wait_for()
    assert page.locator("#q-table tr").nth(1).inner_text() != first
    page.click("#q-prev")
    page.locator("#q-count", has_text="rows 1–50").wait_for()
    assert page.locator("#q-table tr").nth(1).inner_text() == first and page.locator("#q-prev").is_disabled()
    page.click("#q-all")
    page.locator("#q-count", has_text=f"{corpus_people} rows").wait_for()
    assert page.locator("#q-count").inner_text() == f"{corpus_people} rows"
    assert page.locator("#q-table tr").count() == corpus_people + 1 and not page.locator("#q-pager").is_visible()
