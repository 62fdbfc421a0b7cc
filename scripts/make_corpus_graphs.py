"""Write tests/data/corpus/wikinews-285.nq.xz: the graphs `kg build` makes of the 285 Wikinews
articles of ../shared/data/wikinews/articles.jsonl, as sorted N-Quads, xz-compressed (about 800 KB).

The browser tests draw the corpus page from it without running spaCy (a build takes a minute),
so they test the page of a real corpus, as extracted when the file was made; re-run this script
after an extraction change to refresh it.

Usage: python scripts/make_corpus_graphs.py [CORPUS] [OUT]
"""

from __future__ import annotations

import lzma
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.building.build import build
from kg.rdf.namespace import SUMMARY_GRAPH
from kg.rdf.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "tests" / "data" / "corpus" / "wikinews-285.nq.xz"
    with tempfile.TemporaryDirectory() as work:
        store = GraphStore()
        report = build([corpus], work, store=store, html=False, merge=False)
        if not report.ok:
            raise SystemExit(f"{len(report.failures)} article(s) failed")
        # the articles' graphs only: the summary graph is the store's own index, rebuilt from them
        quads = sorted((q for q in store.store if q.graph_name != ox.NamedNode(SUMMARY_GRAPH)), key=str)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(lzma.compress(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), preset=9))
    print(f"{out}: {len(quads)} quads of {report.articles} articles")


if __name__ == "__main__":
    main()
