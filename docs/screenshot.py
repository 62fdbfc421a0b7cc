"""Take docs/screenshot.png: the corpus page of the 285 Wikinews articles, as `kg build` draws it,
in headless Chromium at the default zoom. The page is drawn from their graphs committed for the
browser tests (tests/data/corpus/wikinews-285.nq.xz), so no spaCy run is needed; give PAGE to
take another page (exports/article.html), --select NAME to open the panel on a node.

    .venv/bin/python docs/screenshot.py [PAGE] [--select NAME] [--out docs/screenshot.png]
"""

from __future__ import annotations

import argparse
import lzma
import tempfile
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


CORPUS = ROOT / "tests" / "data" / "corpus" / "wikinews-285.nq.xz"


def corpus_page(folder: Path) -> Path:
    """The corpus page of the committed graphs, written into ``folder``."""
    from kg.pages.corpus_page import CorpusPage
    from kg.questions.views import article_view

    graphs: dict[str, list] = defaultdict(list)
    for quad in ox.parse(lzma.decompress(CORPUS.read_bytes()), format=ox.RdfFormat.N_QUADS):
        graphs[quad.graph_name.value].append((quad.subject.value, quad.predicate.value, quad.object.value))
    with CorpusPage() as page:
        for name in sorted(graphs):
            page.add(article_view(graphs[name], name))
        html = page.render(f"articles ({page.count} articles)")
    path = folder / "articles.html"
    path.write_text(html, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, help="a page (default: the corpus page of the Wikinews graphs)")
    parser.add_argument("--select", default="", help="a name to select (default: none)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--size", default="1400x860")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    work = tempfile.TemporaryDirectory()
    target = args.page or corpus_page(Path(work.name))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(target.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        if args.select:
            page.fill("#kg-search", args.select)
            page.press("#kg-search", "Enter")
        page.wait_for_timeout(300)
        page.screenshot(path=str(args.out))
        browser.close()
    work.cleanup()
    print(args.out)


if __name__ == "__main__":
    main()
