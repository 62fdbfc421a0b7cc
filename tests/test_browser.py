"""The page and the server in a real browser: Debian's Chromium, headless, driven by Playwright
(which downloads nothing: it is pointed at /usr/bin/chromium). Every request that is not for a
file or for 127.0.0.1 is aborted, and each test asserts that none was even attempted.

`make test` installs Chromium (the Makefile's `browser` target); these tests fail, not skip,
when it is missing."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Page, sync_playwright

from kg.pages.viewer import write_page
from kg.questions.network import to_networkx
from kg.rdf.store import load_files
from kg.server.app import ServerConfig, serve_in_background

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DATA = Path(__file__).parent / "data" / "viewer" / "small.ttl"
ADA = "https://example.org/kg/id/person/ada-lovelace"
MET = "Ada Lovelace met Alan Turing in Kyiv on Monday."
HOSTILE = "Lovelace proposed a 30-day truce <script>alert(1)</script>."


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make browser` (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page whose requests may go to files and 127.0.0.1 only; the test fails if any other was
    attempted, or if a dialog (an injected alert) opened."""
    context = browser.new_context(viewport={"width": 1300, "height": 800})
    attempted: list[str] = []
    dialogs: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith("file://") or url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert attempted == [], f"the page tried to reach other hosts: {attempted}"
    assert dialogs == [], f"a script injected through the data ran: {dialogs}"
    assert errors == [], f"the page raised: {errors}"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return to_networkx(load_files([DATA]))


def open_page(page: Page, graph: nx.MultiDiGraph, tmp_path: Path, **kwargs) -> None:
    path = tmp_path / "page.html"
    write_page(graph, path, **kwargs)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]")


def click_node(page: Page, node: str) -> None:
    """Click where the node is drawn on the canvas, as a person would."""
    x, y = page.evaluate("""(id) => {
        const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
        const box = document.querySelector("#kg-network canvas").getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", node)
    page.mouse.click(x, y)


def visible_nodes(page: Page) -> int:
    return page.evaluate("kgNetwork.body.data.nodes.length")


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
