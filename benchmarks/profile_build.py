"""Where `kg build`'s time goes: spaCy's parse, the extractor, the RDF model, Turtle, each
article's view and the corpus page, timed over the corpus stage by stage; then the extractor
profiled (cProfile), its time shared out among kg's modules, to see whether one extraction
module dominates.

Usage: python benchmarks/profile_build.py [--corpus FILE] [--articles 285]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from pathlib import Path

from measure import CORPUS, corpus_articles

from kg.core.records import Article
from kg.extraction.extract import extract
from kg.extraction.pipeline import load_pipeline, parse
from kg.pages.corpus_page import CorpusPage
from kg.questions.views import article_view
from kg.rdf.model import article_triples, to_turtle
from kg.rdf.namespace import article_iri


def stages(nlp, articles: list[Article]) -> tuple[dict[str, float], list]:
    """Seconds in each stage (no profiler), and the parsed docs for the profile."""
    spent = defaultdict(float)
    docs = []
    page = CorpusPage()
    mark = time.perf_counter()
    for doc, article in parse(nlp, ((a.text, a) for a in articles)):
        now = time.perf_counter()
        spent["spaCy parse (nlp.pipe)"] += now - mark
        extraction = extract(article, doc)
        spent["extraction (kg.extraction.extract)"] += time.perf_counter() - now
        now = time.perf_counter()
        graph = article_triples(extraction)  # what the build serialises and views
        spent["RDF model (kg.rdf.model)"] += time.perf_counter() - now
        now = time.perf_counter()
        to_turtle(graph)
        spent["Turtle (kg.rdf.model.to_turtle)"] += time.perf_counter() - now
        now = time.perf_counter()
        page.add(article_view(graph, str(article_iri(article.content_hash))))
        spent["page: the article's view, gathered (kg.questions.views)"] += time.perf_counter() - now
        docs.append((article, doc))
        mark = time.perf_counter()
    now = time.perf_counter()
    page.render("corpus")
    page.close()
    spent["page: layout and HTML (kg.pages)"] += time.perf_counter() - now
    return dict(spent), docs


def extractor_modules(docs: list) -> list[tuple[str, float]]:
    """The extractor's profiled time by kg module: the time of its own functions, and of the
    library functions (spaCy, the standard library) it called, traced up the call graph to the
    kg module that made the call."""
    profile = cProfile.Profile()
    profile.enable()
    for article, doc in docs:
        extract(article, doc)
    profile.disable()
    stats = pstats.Stats(profile).stats
    memo: dict[tuple, dict[str, float]] = {}

    def owners(func: tuple, seen: frozenset = frozenset()) -> dict[str, float]:
        """Which kg modules a function's time belongs to, as fractions."""
        module = _module(func[0])
        if module is not None:
            return {module: 1.0}
        if func in memo:
            return memo[func]
        callers = stats[func][4]
        weights = {caller: values[3] for caller, values in callers.items() if caller not in seen and caller in stats}
        total = sum(weights.values())
        share: dict[str, float] = defaultdict(float)
        for caller, weight in weights.items():
            for owner, fraction in owners(caller, seen | {func}).items():
                share[owner] += fraction * weight / (total or 1)
        memo[func] = dict(share)
        return memo[func]

    own: dict[str, float] = defaultdict(float)
    for func, values in stats.items():
        for module, fraction in owners(func).items():
            own[module] += values[2] * fraction
    total = sum(own.values()) or 1
    return sorted(((m, t / total) for m, t in own.items()), key=lambda kv: -kv[1])


def _module(filename: str) -> str | None:
    parts = Path(filename).parts
    if "kg" not in parts or "site-packages" in parts:
        return None
    return "/".join(parts[len(parts) - 1 - parts[::-1].index("kg"):])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    articles = corpus_articles(args.corpus, args.articles)
    nlp = load_pipeline()
    list(nlp.pipe([a.text for a in articles[:5]]))
    spent, docs = stages(nlp, articles)
    total = sum(spent.values())
    print(f"| stage ({len(articles)} articles) | seconds | share |\n|---|---|---|")
    for name, seconds in spent.items():
        print(f"| {name} | {seconds:.1f} | {seconds / total:.0%} |")
    print("\n| extraction module (cProfile) | share of extraction |\n|---|---|")
    for module, share in extractor_modules(docs)[:8]:
        print(f"| {module} | {share:.0%} |")


if __name__ == "__main__":
    main()
