"""SHACL validation speed (`kg validate`), measured side by side in one run:

* pySHACL on an rdflib graph against pySHACL on the Oxigraph store (what kg uses), on the
  bundled article: rdflib parses each SPARQL constraint again for every focus node;
* corpora of 1, 10, 100 ... copies of the bundled article (each with its own content hash),
  validated graph by graph (what `kg validate` does) and as one union, to show how the time
  grows with the corpus: in the union, every check on a shared person or country grows with it.

Usage: ``python benchmarks/bench_validate.py [--articles 300]``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import time
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate
from rdflib import Graph

from kg.rdf.validate import shapes_graph, validate_store

ARTICLE = Path(__file__).resolve().parent.parent / "exports" / "article.ttl"


def corpus(copies: int) -> ox.Store:
    """``copies`` of the bundled article, each renamed after a content hash of its own: every
    person, country and organisation is in every article, the worst case for shared nodes."""
    text = ARTICLE.read_text(encoding="utf-8")
    digest = re.search(r'kg:contentHash "([0-9a-f]{64})"', text).group(1)
    store = ox.Store()
    for i in range(copies):
        new = hashlib.sha256(f"copy {i}".encode()).hexdigest()
        copy = text.replace(digest, new).replace(digest[:16], new[:16]).replace(digest[:12], new[:12])
        # quotations are the article's own (their IRI hashes the article's hash); people are shared
        copy = re.sub(r"id/quote/([0-9a-f]{16})", lambda m: "id/quote/" + hashlib.sha1(f"{i}{m[1]}".encode()).hexdigest()[:16], copy)
        store.load(copy.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"urn:copy:{i}"))
    return store


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="the largest corpus, in copies of the article")
    args = parser.parse_args()
    shapes = shapes_graph()
    graph = Graph().parse(ARTICLE)
    validate(graph, shacl_graph=shapes)  # warm both paths (imports, shape parsing)
    validate_store(corpus(1))

    rdflib_s, (conforms_rdflib, _, _) = timed(lambda: validate(graph, shacl_graph=shapes))
    oxigraph_s, violations = timed(validate_store, corpus(1))
    print(f"bundled article ({len(graph)} triples): rdflib {rdflib_s:.2f} s, Oxigraph {oxigraph_s:.2f} s, "
          f"ratio {rdflib_s / oxigraph_s:.1f}x; conforms: {conforms_rdflib} / {not violations}")

    sizes = sorted({*(10 ** k for k in range(8) if 10 ** k <= args.articles), args.articles})
    for size in sizes:
        store = corpus(size)
        each, violations = timed(validate_store, store)
        union, _ = timed(lambda: validate_store(store, each_graph=False))
        print(f"{size:>6} articles, {len(store):>8} quads: graph by graph {each:7.2f} s ({each / size * 1000:5.1f} ms an "
              f"article), as one union {union:7.2f} s ({union / size * 1000:5.1f} ms an article); {len(violations)} violations",
              flush=True)

if __name__ == "__main__":
    main()
