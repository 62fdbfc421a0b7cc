"""What keeping a store's summary graph costs: built whole, and brought up to date after a few new
articles, with the part of each spent on the quotes listing's rows and the positions
(`kg.rdf.ranks`), which every question's order reads.

Works on a copy of a store filled by `scale.py --store DIR` (the Wikinews articles copied with
new identities); the new articles are more copies, as `kg build --store` would add them.

Usage: python benchmarks/summary_upkeep.py --store DIR --built DIR [--articles 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from itertools import islice
from pathlib import Path

from measure import machine
from store_speed import HASH, copies

from kg.rdf import ranks, summary
from kg.rdf.store import GraphStore

PARTS = {"positions": (ranks, "rank"), "quote rows": (ranks, "quote_row_quads")}


def timed_parts() -> dict[str, list[float]]:
    """Wrap the functions of PARTS so that each call adds its seconds to the returned lists."""
    spent: dict[str, list[float]] = {name: [] for name in PARTS}
    for name, (module, attribute) in PARTS.items():
        original = getattr(module, attribute)

        def wrapper(*args, _original=original, _name=name):
            started = time.perf_counter()
            try:
                return _original(*args)
            finally:
                spent[_name].append(time.perf_counter() - started)

        setattr(module, attribute, wrapper)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store filled by scale.py --store")
    parser.add_argument("--built", type=Path, required=True, help="the output of `kg build CORPUS --out DIR --no-html`")
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(machine(), flush=True)
    graphs = [(m.group(1).decode(), data) for data in (p.read_bytes() for p in sorted(args.built.glob("*.ttl")))
              if (m := HASH.search(data))]
    work = Path(tempfile.mkdtemp(prefix="kg-bench-upkeep-"))
    try:
        shutil.copytree(args.store, work / "store")
        store = GraphStore(work / "store")
        quads = len(store)
        spent = timed_parts()
        started = time.perf_counter()
        summary.build(store.store)
        store.flush()
        whole = time.perf_counter() - started
        print(f"{quads:,} quads; summary built whole in {whole:.1f} s, of which quote rows "
              f"{sum(spent['quote rows']):.1f} s, positions {sum(spent['positions']):.1f} s", flush=True)
        first = quads // sum(1 for _ in graphs) + 1000  # copies far past those in the store: new articles
        refreshes, positions = [], []
        for run in range(args.runs):
            new = list(islice(copies(graphs, 10**12, 1, first + run), args.articles))  # a new copy's first articles
            for iri, data in new:
                store.put_graph(iri, data, "turtle")
            spent["positions"].clear()
            started = time.perf_counter()
            nodes = store.refresh_summary()
            refreshes.append(time.perf_counter() - started)
            positions.append(sum(spent["positions"]))
            print(f"  {args.articles} new articles: {nodes} nodes computed again in {refreshes[-1]:.2f} s, "
                  f"positions {positions[-1]:.2f} s", flush=True)
        print(f"brought up to date after {args.articles} new articles: {statistics.median(refreshes):.2f} s "
              f"(median of {args.runs}), of which positions {statistics.median(positions):.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
