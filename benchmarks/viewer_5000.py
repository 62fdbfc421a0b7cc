"""How fast a 5,000-node page becomes interactive in headless Chromium (not a test).

A synthetic news-shaped graph (benchmarks/synthetic.py) is rendered by `kg.pages.viewer.render_page`,
opened from a file in Debian's Chromium with every non-file request aborted, and timed:

- Python: layout and the template (``render_page``);
- browser: from navigation to the first drawing being done (the page sets
  ``body[data-ready=true]``), then a click on a node until the panel shows its facts, then a
  search until the panel shows the found node; "interactive" is the sum of the three.

With ``--compare-layouts`` it also times networkx's own layouts on the same graph, side by side
in the same run (they take minutes).

    .venv/bin/python benchmarks/viewer_5000.py [--nodes 5000] [--runs 3] [--compare-layouts]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import news_graph  # noqa: E402

from kg.pages.layout import layout  # noqa: E402
from kg.pages.viewer import render_page  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def browser_times(path: Path, node: str, name: str, runs: int) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            blocked: list[str] = []
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else (blocked.append(r.request.url), r.abort()))
            page = context.new_page()
            page.goto(path.as_uri(), wait_until="commit", timeout=120_000)
            page.wait_for_selector("body[data-ready=true]", timeout=120_000)
            ready = page.evaluate("performance.now()") / 1000  # since navigation started
            started = time.perf_counter()
            page.evaluate("(id) => kgNetwork.moveTo({position: kgNetwork.getPositions([id])[id], scale: 1, animation: false})", node)
            x, y = page.evaluate("""(id) => { const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
                const b = document.querySelector('#kg-network canvas').getBoundingClientRect(); return [b.left + p.x, b.top + p.y]; }""", node)
            page.mouse.click(x, y)
            page.locator("#kg-panel .facts li").first.wait_for()
            clicked = time.perf_counter() - started
            started = time.perf_counter()
            page.fill("#kg-search", name)
            page.press("#kg-search", "Enter")
            page.locator("#kg-panel h3", has_text=name).wait_for()
            searched = time.perf_counter() - started
            assert not blocked, blocked
            results.append({"ready": ready, "click": clicked, "search": searched, "interactive": ready + clicked + searched})
            context.close()
        browser.close()
    return results


def compare_layouts(graph) -> None:
    import networkx as nx

    simple = nx.Graph(graph.to_undirected(as_view=True))
    for name, run in [("kg.pages.layout (grid force)", lambda: layout(graph)),
                      ("nx.spring_layout (auto: energy)", lambda: nx.spring_layout(simple, seed=7)),
                      ("nx.spring_layout (force)", lambda: nx.spring_layout(simple, seed=7, method="force")),
                      ("nx.forceatlas2_layout", lambda: nx.forceatlas2_layout(simple, seed=7, max_iter=100))]:
        tracemalloc.start()
        started = time.perf_counter()
        run()
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"  {name:34s} {seconds:7.1f} s  peak {peak / 1e6:6.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare-layouts", action="store_true")
    args = parser.parse_args()

    graph = news_graph(args.nodes)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    started = time.perf_counter()
    html = render_page(graph, title=f"synthetic {args.nodes}", max_nodes=args.nodes)
    print(f"render_page: {time.perf_counter() - started:.2f} s, {len(html) / 1e6:.1f} MB page")
    hub = max(graph.degree(), key=lambda nd: nd[1])[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(html, encoding="utf-8")
        runs = browser_times(path, hub, "Person 7", args.runs)
    for key in ("ready", "click", "search", "interactive"):
        values = [r[key] for r in runs]
        print(f"{key:12s} median {statistics.median(values):5.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})")
    verdict = "under" if statistics.median(r["interactive"] for r in runs) < 5 else "NOT under"
    print(f"A {graph.number_of_nodes()}-node page becomes interactive {verdict} 5 s in headless Chromium.")
    if args.compare_layouts:
        print("layouts of the same graph, one after another:")
        compare_layouts(graph)


if __name__ == "__main__":
    main()
