"""Query and analysis speed on a synthetic corpus, measured side by side in one run:

* ``--data`` (parse every file, every command) against ``--store`` (open a persistent store);
* a parameter bound by Oxigraph's substitution against the VALUES block sent to endpoints;
* the same query on the local store and through a real Oxigraph server (SPARQL protocol);
* pushing the corpus (Graph Store protocol), building the networkx view, ranking by centrality.

The corpus is the two fixture articles of tests/data/graphs copied ``--articles`` times with new
article hashes, proposals and quotations, and people drawn from a pool, so entities recur across
articles as in the news. Usage: ``python benchmarks/bench_query.py [--articles 1000]``.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import httpx

from kg.questions.network import centrality, to_networkx
from kg.questions.queries import available, load_query
from kg.questions.remote import Endpoint, push
from kg.rdf.sparql import with_values
from kg.rdf.store import GraphStore, load_files

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "data" / "graphs"
HASHES = {"starmer-in-kyiv.ttl": "aaaa1111", "rubio-in-munich.ttl": "bbbb2222"}
PEOPLE = ("keir-starmer", "volodymyr-zelensky", "marco-rubio", "donald-trump")


def write_corpus(folder: Path, articles: int, pool: int) -> list[Path]:
    """``articles`` Turtle files; person IRIs cycle through ``pool`` variants of each person."""
    paths = []
    for i in range(articles):
        name = sorted(HASHES)[i % 2]
        text = (FIXTURES / name).read_text(encoding="utf-8")
        text = text.replace(HASHES[name], f"{i:08x}").replace(f"quote/{HASHES[name][:4]}", f"quote/{i:08x}")
        for person in PEOPLE:
            text = text.replace(f"person/{person}>", f"person/{person}-{i % pool}>")
        path = folder / f"article-{i:05d}.ttl"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def timed(label: str, action, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        action()
    seconds = (time.perf_counter() - start) / repeat
    print(f"  {label:<58} {seconds * 1000:10.1f} ms")
    return seconds


def compare(label_a: str, a, label_b: str, b, repeat: int = 5) -> float:
    """Run ``a`` and ``b`` alternately (the machine is shared: load changes over time) and print
    each one's median; returns the ratio b / a."""
    times: dict[str, list[float]] = {label_a: [], label_b: []}
    for _ in range(repeat):
        for label, action in ((label_a, a), (label_b, b)):
            start = time.perf_counter()
            action()
            times[label].append(time.perf_counter() - start)
    for label, values in times.items():
        print(f"  {label:<58} {statistics.median(values) * 1000:10.1f} ms (median of {repeat})")
    return statistics.median(times[label_b]) / statistics.median(times[label_a])


def start_server(location: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or "oxigraph"
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
            return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("oxigraph did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--pool", type=int, default=0, help="variants of each person (default: articles / 20)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        pool = args.pool or max(1, args.articles // 20)
        files = write_corpus(work, args.articles, pool=pool)
        people, entity = load_query("people"), load_query("entity")
        store = GraphStore(work / "store")
        for path in files:
            store.load(path)
        store.flush()
        print(f"{args.articles} articles, {len(store)} quads, each person in {args.articles // pool // 2} articles or more")

        print("Every query, on the persistent store:")
        for name in available(internal=True):
            query = load_query(name)
            timed(name, lambda: list(store.query(query.text, query.bindings())))

        print("Where the graph comes from (open + `people`):")
        del store
        ratio = compare("--store: open the persistent store", lambda: list(GraphStore.open(work / "store").query(people.text)),
                        "--data: parse every file", lambda: list(load_files(files).query(people.text)), repeat=3)
        print(f"  ratio --data / --store: {ratio:.1f}x")

        store = GraphStore.open(work / "store")
        bindings = entity.bindings({"entity": "Sir Keir"})
        print("A bound parameter (`entity`):")
        ratio = compare("Oxigraph substitution", lambda: list(store.query(entity.text, bindings)),
                        "VALUES block (what endpoints get)", lambda: list(store.query(with_values(entity.text, bindings))))
        print(f"  ratio VALUES / substitution: {ratio:.2f}x")

        process, base = start_server(work / "server")
        try:
            print("Local store against a real Oxigraph server:")
            timed("kg push (one PUT per article graph)", lambda: push(store, f"{base}/store"))
            with Endpoint(f"{base}/query") as endpoint:
                ratio = compare("`people` on the store", lambda: list(store.query(people.text)),
                                "`people` through the SPARQL protocol", lambda: list(endpoint.query(people.text)))
            print(f"  ratio endpoint / store: {ratio:.2f}x")
        finally:
            process.terminate()
            process.wait(timeout=10)

        print("The networkx view:")
        tracemalloc.start()
        graph = to_networkx(store)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        timed("to_networkx", lambda: to_networkx(store))
        print(f"  {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, peak Python memory {peak / 2**20:.1f} MiB")
        for measure in ("degree", "betweenness", "pagerank"):
            timed(f"centrality --by {measure}", lambda: centrality(graph, measure))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
