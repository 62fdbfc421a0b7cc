"""Headless Chromium for the browser tests: Debian's Chromium, driven by Playwright (which
downloads nothing: it is pointed at /usr/bin/chromium). Every request that is not for a file or
for 127.0.0.1 is aborted, and each test asserts that none was even attempted.

A test module imports the fixtures it uses (``from browsing import browser, page``): the browser
lives as long as the module (not longer: other modules start Playwright of their own)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
