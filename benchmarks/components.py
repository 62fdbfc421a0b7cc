"""Which spaCy components the extractor needs, and what each costs: every component of kg's
pipeline timed over the corpus, and, for each one left out, how many of the corpus's triples
change (or whether the extractor fails without it).

Usage: python benchmarks/components.py [--corpus FILE] [--articles 80]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from measure import CORPUS, corpus_articles, in_child

from kg.core.records import Article
from kg.extraction.extract import extract
from kg.extraction.pipeline import load_pipeline
from kg.rdf.model import article_graph


def component_times(nlp, texts: list[str]) -> dict[str, float]:
    """Seconds each component takes over ``texts`` (the tokenizer included), run one by one."""
    times = {"tokenizer": 0.0}
    started = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    times["tokenizer"] = time.perf_counter() - started
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=64)) if hasattr(component, "pipe") else [component(d) for d in docs]
        times[name] = time.perf_counter() - started
    return times


def triples(nlp, articles: list[Article], disabled: str | None) -> set | str:
    """Every triple of the articles' graphs with ``disabled`` left out of the pipeline, or how
    the extractor fails without it (in a child process: spaCy may even crash)."""

    def run() -> set:
        found = set()
        with nlp.select_pipes(disable=[disabled] if disabled else []):
            for article, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=64)):
                found |= set(article_graph(extract(article, doc)))  # no blank nodes: triples compare as they are
        return found

    return in_child(run) or "too slow"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=80)
    args = parser.parse_args()
    articles = corpus_articles(args.corpus, args.articles)
    nlp = load_pipeline()
    list(nlp.pipe([a.text for a in articles[:5]]))  # warm up
    times = component_times(nlp, [a.text for a in articles])
    total = sum(times.values())
    full = triples(nlp, articles, None)
    print(f"| component | seconds ({len(articles)} articles) | share | triples changed without it (of {len(full)}) |")
    print("|---|---|---|---|")
    for name, seconds in times.items():
        if name == "tokenizer":
            effect = "needed"
        else:
            other = triples(nlp, articles, name)
            effect = other if isinstance(other, str) else f"{len(full ^ other)}"
        print(f"| {name} | {seconds:.2f} | {seconds / total:.0%} | {effect} |", flush=True)


if __name__ == "__main__":
    main()
