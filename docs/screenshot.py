"""Take docs/screenshot.png: the page of the bundled article (exports/article.html) in headless
Chromium, with a node selected so that the panel shows its facts and evidence.

    .venv/bin/python docs/screenshot.py [PAGE] [--select NAME] [--out docs/screenshot.png]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, default=ROOT / "exports" / "article.html")
    parser.add_argument("--select", default="Keir Starmer", help="a name to select (empty: none)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--size", default="1400x860")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(args.page.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]")
        if args.select:
            page.fill("#kg-search", args.select)
            page.press("#kg-search", "Enter")
        page.wait_for_timeout(300)
        page.screenshot(path=str(args.out))
        browser.close()
    print(args.out)


if __name__ == "__main__":
    main()
