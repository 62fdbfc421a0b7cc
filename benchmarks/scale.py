"""Questions as the corpus grows: every stored query through `kg serve`, and the graph commands as
a user runs them, at 300,000, 1,000,000 and 3,000,000 quads; p50/p95, growth, before and after.

The Wikinews corpus is built once with `kg build` and its article graphs copied with new article
identities until the store holds each size in turn (`store_speed.py`'s replication: the entities
shared across copies as they are across articles). After each fill the store's summary graph is
brought up to date as `kg build --store` does (built whole at the first size, then the nodes the
new articles touch; timed). Then, at each size:

1. ``kg serve --store``: each stored query through ``/queries/<name>`` (a listing's first page as
   the query editor asks for it, and all its rows with ``limit=0``), and the same question as kg
   asked it before this version (``tests/data/queries/before/``, parameters bound the same way)
   through ``/sparql``; the two in turns, ``--runs`` times each;
2. ``kg path``, ``neighbors``, ``central`` and ``communities``, a fresh ``kg`` process each run
   (start-up included), and before: the same networkx question on the view `to_networkx` reads
   (every fact with its sentences, as kg built it for every command before this version), in a
   fresh Python process; in turns.

The entity is the person named in most articles, the proposal the one with most facts, the path
between the two most-named people: the heaviest questions of their kind. Listings check that
before and after give the same number of rows.

Usage: python benchmarks/scale.py [--sizes 300000 1000000 3000000] [--runs 15] [--built DIR]
                                 [--store DIR] [--only LABEL ...] [--before DIR]
  --built DIR   reuse the output of an earlier `kg build CORPUS --out DIR --no-html`
  --store DIR   fill this store and keep it: a later run with the same DIR (and --built) starts
                after the copies it holds, so a 1M store is filled once and measured many times
  --only LABEL  time only these queries or commands (a query's name, or "kg path", ...)
  --before DIR  the query texts to compare with (default tests/data/queries/before/): for instance
                another version's queries/, for the queries it ran from the article graphs
                (`git show REV:queries/evidence.rq`), with --only those queries
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
from load import Server
from measure import CORPUS, machine, python
from store_speed import HASH, article_graphs, copies, percentile

from kg.questions.queries import available, load_query, parse_query_file
from kg.rdf.sparql import with_values
from kg.rdf.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
BEFORE = ROOT / "tests" / "data" / "queries" / "before"
KG = str(Path(sys.executable).parent / "kg")
JSON = {"Accept": "application/sparql-results+json"}
# The graph commands as before this version: the whole networkx view, sentences included
# (kg.questions.network.to_networkx), then the same networkx question, in a fresh process.
BEFORE_COMMAND = """
import sys
import kg.cli.app
from kg.rdf.store import GraphStore
from kg.questions.network import to_networkx, find_node, shortest_paths, neighbors, centrality, communities
command, store, *args = sys.argv[1:]
graph = to_networkx(GraphStore(store, read_only=True))
if command == "path":
    print(len(shortest_paths(graph, find_node(graph, args[0]), find_node(graph, args[1]), limit=3)))
elif command == "neighbors":
    print(neighbors(graph, find_node(graph, args[0]), 1).number_of_nodes())
elif command == "central":
    print(len(centrality(graph, "degree", top=20)))
else:
    print(len(communities(graph)))
"""


def fill(store: GraphStore, graphs: list[tuple[str, bytes]], per_copy: int, size: int, first: int) -> float:
    """Add copies of every article graph from copy ``first`` until ``size`` quads; seconds."""
    started = time.perf_counter()
    for iri, data in copies(graphs, size, per_copy, first):
        store.put_graph(iri, data, "turtle")
    store.flush()
    return time.perf_counter() - started


def subjects(store: GraphStore) -> dict[str, str]:
    """The most-named people (entity, other) and the proposal with most facts, from the summary."""
    top = lambda kind, by, n: [row["label"].value for row in store.query(  # noqa: E731
        f"PREFIX kg: <https://example.org/kg/ontology#> SELECT ?label WHERE {{ GRAPH <https://example.org/kg/summary> "
        f"{{ ?n kg:nodeType {kind} ; kg:nodeLabel ?label ; {by} ?c }} }} ORDER BY DESC(?c) ?label LIMIT {n}")]
    people = top("<https://schema.org/Person>", "kg:articleCount", 2)
    return {"entity": people[0], "other": people[1], "proposal": top("kg:Proposal", "kg:factCount", 1)[0]}


def timed_get(url: str, params: dict | None = None, data: dict | None = None) -> tuple[float, int]:
    """Seconds for one request on a new connection, as curl sends it, and the rows answered.
    (httpx's Client costs 20 ms to create, and a kept-alive connection waits for delayed ACKs:
    40 ms a request on loopback, more than the queries themselves.)"""
    parts = urllib.parse.urlsplit(url)
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    target = parts.path + ("?" + urllib.parse.urlencode(params) if params else "")
    headers = {**JSON, **({"Content-Type": "application/x-www-form-urlencoded"} if body else {})}
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    try:
        connection.request("POST" if body else "GET", target, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    if response.status != 200:
        raise SystemExit(f"{url} {params or ''}: {response.status} {payload[:300]!r}")
    return seconds, len(json.loads(payload)["results"]["bindings"])


def query_plans(values: dict[str, str], store: GraphStore,
                before_dir: Path = BEFORE) -> list[tuple[str, str, dict, str | None]]:
    """(label, name, parameters, before's text or None) for every stored query: a listing's
    first page and all its rows, the others once. Before's text has the same terms bound as kg
    binds (a name in another case looked up first), for /sparql."""
    plans = []
    for name in available():
        query = load_query(name)
        mine = {p.name: values[p.name] for p in query.params if p.name in values}
        before = None
        if (before_dir / f"{name}.rq").is_file():
            old = parse_query_file(name, (before_dir / f"{name}.rq").read_text(encoding="utf-8"))
            before = with_values(old.text, old.bindings(mine, store)) if old.params else old.text
        if query.page:
            # before, co-mentions showed its first 100 rows (its own LIMIT), the first page now
            capped = before is not None and re.search(r"\bLIMIT\s+\d+\s*$", before)
            plans += [(f"{name} (first page)", name, {**mine, "limit": query.page}, before if capped else None),
                      (f"{name} (all rows)", name, {**mine, "limit": 0}, None if capped else before)]
        else:
            plans.append((name, name, mine, before))
    return plans


def query_requests(url: str, plans: list[tuple[str, str, dict, str | None]]) -> dict[str, tuple]:
    """label -> (after, before): callables returning (seconds, rows)."""
    return {label: (lambda n=name, p=params: timed_get(f"{url}/queries/{n}", params=p),
                    (lambda t=before: timed_get(f"{url}/sparql", data={"query": t})) if before else None)
            for label, name, params, before in plans}


def in_turns(requests: dict[str, tuple], runs: int) -> dict[str, dict]:
    """Each request ``runs`` times after a warm-up, after and before taking turns."""
    found = {}
    for label, (after, before) in requests.items():
        times = {"after": [], "before": []}
        rows = {}
        for side, action in (("after", after), ("before", before)):
            if action is not None:
                rows[side] = action()[1]  # warm-up
        for _ in range(runs):
            for side, action in (("after", after), ("before", before)):
                if action is not None:
                    seconds, rows[side] = action()
                    times[side].append(seconds)
        found[label] = {"times": times, "rows": rows}
        print(f"    {label}: {summary_cell(times['after'])} ms" + (f", before {summary_cell(times['before'])} ms"
                                                                    if times["before"] else ""), flush=True)
    return found


def graph_commands(store_dir: Path, values: dict[str, str], runs: int, only: set[str]) -> dict[str, dict]:
    """Wall seconds of each graph command in a fresh process, this version's `kg` and before's."""
    commands = {"path": [values["entity"], values["other"]], "neighbors": [values["entity"]],
                "central": [], "communities": []}
    found = {}
    for name, args in commands.items():
        if runs < 1 or (only and f"kg {name}" not in only):
            continue
        variants = {"after": [KG, name, *args, "--store", str(store_dir)],
                    "before": [python(), "-c", BEFORE_COMMAND, name, str(store_dir), *args]}
        times = {"after": [], "before": []}
        for _ in range(runs):
            for side, command in variants.items():
                started = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
                times[side].append(time.perf_counter() - started)
        found[f"kg {name}"] = {"times": times, "rows": {}}
        print(f"    kg {name}: {summary_cell(times['after'], 1)} s, before {summary_cell(times['before'], 1)} s",
              flush=True)
    return found


def summary_cell(times: list[float], digits: int = 0, scale: float = 1000) -> str:
    if not times:
        return ""
    factor = 1 if digits else scale
    return f"{statistics.median(times) * factor:,.{digits}f} / {percentile(times, 0.95) * factor:,.{digits}f}"


def report(sizes: list[int], results: dict[int, dict[str, dict]], loads: dict[int, str]) -> list[str]:
    """One row per query or command: p50/p95 at each size, growth, and before at each size."""
    head = " | ".join(f"{size / 1e6:g}M p50 / p95" for size in sizes)
    befores = " | ".join(f"before {size / 1e6:g}M p50" for size in sizes)
    lines = [f"| query or command | {head} | growth {sizes[0] / 1e6:g}M→{sizes[-1] / 1e6:g}M (p50) | {befores} |",
             "|---|" + "---|" * (2 * len(sizes) + 1)]
    for label in results[sizes[0]]:
        command = label.startswith("kg ")
        unit = " s" if command else " ms"
        cells, before = [], []
        for size in sizes:
            entry = results[size].get(label)
            if entry is None:
                cells.append("")
                before.append("")
                continue
            rows = entry["rows"]
            shown = f" ({rows['after']:,} rows" if "after" in rows else ""
            shown += (f"; before {rows['before']:,}" if "before" in rows and rows["before"] != rows["after"] else "")
            cells.append(summary_cell(entry["times"]["after"], 2 if command else 0) + unit + shown + (")" if shown else ""))
            before.append(f"{statistics.median(entry['times']['before']) * (1 if command else 1000):,.{2 if command else 0}f}"
                          + unit if entry["times"]["before"] else "")
        first, last = results[sizes[0]].get(label), results[sizes[-1]].get(label)
        growth = (f"{statistics.median(last['times']['after']) / statistics.median(first['times']['after']):.1f}x"
                  if first and last else "")
        lines.append(f"| {label} | {' | '.join(cells)} | {growth} | {' | '.join(before)} |")
    lines += ["", *(f"- {size:,} quads: {loads[size]}" for size in sizes)]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300_000, 1_000_000, 3_000_000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--command-runs", type=int, default=5)
    parser.add_argument("--built", type=Path, help="the output of `kg build CORPUS --out DIR --no-html`")
    parser.add_argument("--store", type=Path, help="fill this store and keep it (reused by a later run)")
    parser.add_argument("--only", nargs="+", default=[], help="only these queries or commands")
    parser.add_argument("--before", type=Path, default=BEFORE, help="the query texts to compare with")
    args = parser.parse_args()
    only = set(args.only)
    print(machine(), flush=True)
    work = Path(tempfile.mkdtemp(prefix="kg-bench-scale-"))
    try:
        if args.built:
            graphs = [(m.group(1).decode(), data) for data in (p.read_bytes() for p in sorted(args.built.glob("*.ttl")))
                      if (m := HASH.search(data))]
        else:
            graphs = article_graphs(args.corpus, work)
        per_copy = sum(len(list(ox.parse(data, format=ox.RdfFormat.TURTLE))) for _, data in graphs)
        store_dir = args.store or work / "store"
        done = len(GraphStore(store_dir, read_only=True)) // per_copy if (store_dir / "CURRENT").is_file() else 0
        results, loads = {}, {}
        for size in sorted(args.sizes):
            store = GraphStore(store_dir)
            rounds = max(-(-size // per_copy), done)
            seconds = fill(store, graphs, per_copy, size, done)
            quads = len(store)
            started = time.perf_counter()
            how = store.ensure_summary()
            store.flush()
            summary_seconds = time.perf_counter() - started
            values = subjects(store)
            loads[size] = (f"{quads:,} quads ({rounds} copies of {len(graphs)} articles); {quads - done * per_copy:,} "
                           f"added in {seconds:.1f} s ({(quads - done * per_copy) / seconds:,.0f} quads/s); summary "
                           f"{how} in {summary_seconds:.1f} s; entity {values['entity']!r}, other "
                           f"{values['other']!r}, proposal {values['proposal']!r}")
            print(f"- {loads[size]}", flush=True)
            done = rounds
            plans = [plan for plan in query_plans(values, store, args.before) if not only or plan[1] in only]
            del store  # closed: kg serve and the commands open it
            server = Server(KG, ["--store", str(store_dir)], [])
            try:
                results[size] = in_turns(query_requests(server.url, plans), args.runs)
            finally:
                server.stop()
            results[size].update(graph_commands(store_dir, values, args.command_runs, only))
        print()
        print("\n".join(report(sorted(args.sizes), results, loads)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
