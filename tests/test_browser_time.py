"""Time on the pages and in `kg serve`'s explorer, in headless Chromium (browsing.py: nothing is
downloaded, no request leaves the machine): a selected proposal's stances as a timeline in the
panel, and the date filter, which keeps the facts that happened (else were reported) in the range.

The corpus is tests/data/viewer/stances.trig: a toll on a harbour bridge followed across three
articles (8 March 2024, 2 April 2024 and one undated), one node as a store's proposal merge
leaves it, with stances dated by their sentences ("On Monday", "last week", "in May 2024") or by
their article; a meeting reported on 8 March happened on 12 January."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from browsing import browser, click_node, page  # noqa: F401 (fixtures)
from playwright.sync_api import Page

from kg.pages.corpus_page import CorpusPage
from kg.pages.viewer import render_page, write_page
from kg.questions.network import to_networkx
from kg.questions.views import article_view, join_views
from kg.rdf.store import load_files
from kg.server.app import ServerConfig, serve_in_background

STANCES = Path(__file__).parent / "data" / "viewer" / "stances.trig"
TOLL = "https://example.org/kg/id/proposal/cccc0001cccc/harbour-bridge-toll"
FIRST = "https://example.org/kg/article/cccc0001cccc0001"
HOSTILE = "Reyes discussed the harbour toll <img src=x onerror=alert(1)> with ferry crews."
# (date, happened or reported, who and how, sentence, article): in date order, the undated last
TIMELINE = [
    ("2024-03-04", "happened", "Mira Castell proposes", "On Monday, Mira Castell proposed a toll on the harbour bridge.",
     "Portavel weighs a toll on its harbour bridge, reported 2024-03-08"),
    ("2024-03-08", "reported", "Harbour Council considers", "The Harbour Council is considering the toll.",
     "Portavel weighs a toll on its harbour bridge, reported 2024-03-08"),
    ("2024-03-25", "happened", "Tomas Reyes opposes", "Tomas Reyes opposed the bridge toll last week.",
     "Ferry crews and the bridge toll, reported 2024-04-02"),
    ("2024-04-02", "reported", "Mira Castell backs", "Ms Castell backs the bridge toll, her office said.",
     "Ferry crews and the bridge toll, reported 2024-04-02"),
    ("2024-04-02", "reported", "Tomas Reyes opposes", "Reyes repeated his opposition to the toll.",
     "Ferry crews and the bridge toll, reported 2024-04-02"),
    ("2024-05-01", "happened", "Harbour Council commits to", "The Harbour Council committed to the harbour toll in May 2024.",
     "Council agrees the harbour toll"),
    ("no date", "undated", "Tomas Reyes discusses", HOSTILE, "Council agrees the harbour toll"),
]
EVERY_RELATION = {"met", "proposes", "considers", "opposes", "backs", "commitsTo", "discusses"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The pages kg writes of the three articles: `kg view` of a store holding them, the corpus
    page of a build (from each article's view), and the page of the first article alone."""
    folder = tmp_path_factory.mktemp("time-pages")
    graphs: dict[str, list] = defaultdict(list)
    for quad in ox.parse(STANCES.read_bytes(), format=ox.RdfFormat.TRIG):
        graphs[quad.graph_name.value].append((quad.subject.value, quad.predicate.value, quad.object.value))
    views = {name: article_view(graphs[name], name) for name in sorted(graphs)}
    write_page(to_networkx(load_files([STANCES])), folder / "view.html", title="toll")
    with CorpusPage() as corpus:
        for view in views.values():
            corpus.add(view)
        (folder / "corpus.html").write_text(corpus.render("toll"), encoding="utf-8")
    (folder / "article.html").write_text(render_page(join_views([views[FIRST]]), title="first"), encoding="utf-8")
    return {name: folder / f"{name}.html" for name in ("view", "corpus", "article")}


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")


def timeline(page: Page) -> list[tuple]:
    """The panel's timeline as it reads: each entry's date, kind, holder and relation, sentence, article."""
    page.locator("#kg-panel li.stance").first.wait_for()
    return [tuple(entry) for entry in page.evaluate("""() => [...document.querySelectorAll("#kg-panel li.stance")]
        .map((li) => [li.querySelector(".date").textContent, li.dataset.when, li.querySelector(".who").textContent,
                      li.querySelector("blockquote").textContent, li.querySelector(".source").textContent])""")]


def shown_relations(page: Page) -> set[str]:
    """The relations of the facts drawn on the graph."""
    return set(page.evaluate("""() => {
        const facts = JSON.parse(document.getElementById("kg-data").textContent).facts;
        return kgNetwork.body.data.edges.getIds().map((id) => facts[id].predicate);
    }"""))


def set_dates(page: Page, first: str, last: str) -> None:
    for field, value in (("#kg-from", first), ("#kg-to", last)):
        page.fill(field, value)
        page.dispatch_event(field, "change")


@pytest.mark.parametrize("kind", ["view", "corpus"])
def test_browser_time_clicking_a_proposal_shows_its_stances_in_date_order(page, pages, kind):
    open_page(page, pages[kind].as_uri())
    click_node(page, TOLL)
    assert timeline(page) == TIMELINE
    assert page.locator("#kg-panel .stances").get_attribute("data-source") == "page"
    assert page.locator("#kg-panel img").count() == 0  # the markup of a sentence stays text
    page.locator("#kg-panel li.stance a.node", has_text="Tomas Reyes").first.click()  # a holder is a link
    page.locator("#kg-panel h3", has_text="Tomas Reyes").wait_for()
    assert page.locator("#kg-panel .stances").count() == 0  # a person has no stances of its own


def test_browser_time_one_article_page_shows_the_stances_it_reports(page, pages):
    open_page(page, pages["article"].as_uri())
    click_node(page, TOLL)
    assert timeline(page) == TIMELINE[:2]


@pytest.mark.parametrize("kind, first, last, shown", [
    ("corpus", "2024-03-01", "2024-04-30", {"proposes", "considers", "opposes", "backs"}),
    ("corpus", "2024-01-01", "2024-01-31", {"met"}),  # reported on 8 March, it happened on 12 January
    ("corpus", "2024-05-15", "2024-06-30", {"commitsTo"}),  # "in May 2024": a month reaching into the range
    ("view", "2024-03-27", "2024-03-28", {"opposes"}),  # "last week": the week of 25 March
    ("view", "2024-04-03", "2024-04-30", set()),
    ("article", "2024-03-01", "2024-03-31", {"proposes", "considers"}),  # the meeting of January is hidden
])
def test_browser_time_date_filter_hides_facts_outside_the_range(page, pages, kind, first, last, shown):
    open_page(page, pages[kind].as_uri())
    everything = EVERY_RELATION if kind != "article" else {"met", "proposes", "considers"}
    assert shown_relations(page) == everything  # the whole span at first: undated facts too
    assert page.input_value("#kg-from") == "2024-01-12"
    assert page.input_value("#kg-to") == ("2024-05-31" if kind != "article" else "2024-03-08")
    set_dates(page, first, last)
    assert shown_relations(page) == shown


@pytest.fixture(scope="module")
def server():
    """`kg serve` of the three articles, its explorer drawing the 3 most connected nodes only:
    the Harbour Council is not drawn, but the server's stored query knows its stances."""
    with serve_in_background(ServerConfig(files=[STANCES], port=0, time_limit=20, max_nodes=3)) as url:
        yield url


def test_browser_time_server_explorer_asks_the_stored_stances_query(page, server):
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    open_page(page, server + "/")
    assert page.evaluate("kgNetwork.body.data.nodes.getIds().length") == 3
    click_node(page, TOLL)
    page.locator("#kg-panel .stances[data-source=server]").wait_for()
    assert timeline(page) == TIMELINE
    assert f"{server}/queries/stances?proposal={quote(TOLL, safe='')}" in asked
    holders = page.locator("#kg-panel li.stance .who").filter(has_text="Harbour Council")
    assert holders.locator("a.node").count() == 0 and holders.locator(".holder").count() == 2  # not drawn: text


def test_browser_time_server_explorer_falls_back_to_the_page_when_the_query_fails(page, server):
    page.route("**/queries/stances?**", lambda route: route.fulfill(status=503, body="the server is busy; try again"))
    open_page(page, server + "/")
    click_node(page, TOLL)
    page.locator("#kg-panel .stances[data-source=page]").wait_for()
    assert page.locator("#kg-panel .stances .hint").inner_text().startswith("The server did not answer (503 the server is busy")
    assert timeline(page) == [entry for entry in TIMELINE if not entry[2].startswith("Harbour Council")]


def test_browser_time_server_explorer_filters_by_the_dates_of_facts(page, server):
    open_page(page, server + "/")
    set_dates(page, "2024-01-01", "2024-01-31")
    assert shown_relations(page) == {"met"}
