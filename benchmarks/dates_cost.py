"""What the time pass costs the extractor: extraction of the corpus's articles with and without
`kg.extraction.dates` (find_times and date_facts), the parse done once beforehand, the two
variants in turns (the machine is shared), medians of the rounds.

Usage: python benchmarks/dates_cost.py [--corpus FILE] [--limit N] [--rounds R]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from measure import CORPUS, corpus_articles

import kg.extraction.extract as extract_module
from kg.extraction.dates import normalise
from kg.extraction.pipeline import load_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = corpus_articles(args.corpus, args.limit)
    nlp = load_pipeline()
    docs = list(nlp.pipe([a.text for a in articles]))
    real = extract_module.date_facts, extract_module.find_times
    timings: dict[str, list[float]] = {"with dates": [], "without dates": []}
    for _ in range(args.rounds):
        for variant in timings:
            if variant == "without dates":
                extract_module.date_facts, extract_module.find_times = (lambda facts, *_: facts), (lambda *_, **__: [])
            normalise.cache_clear()  # each round starts cold, as a build does
            started = time.perf_counter()
            dated = sum(1 for a, d in zip(articles, docs) for f in extract_module.extract(a, d).facts if f.time)
            timings[variant].append(time.perf_counter() - started)
            extract_module.date_facts, extract_module.find_times = real
            if variant == "with dates":
                facts_dated = dated
    with_, without = (statistics.median(timings[v]) for v in ("with dates", "without dates"))
    print(f"{len(articles)} articles: extraction {with_:.2f} s with the time pass, {without:.2f} s without "
          f"({with_ / without:.2f}x); {facts_dated} facts dated")


if __name__ == "__main__":
    main()
