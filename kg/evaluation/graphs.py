"""The graphs that are scored: what ``kg build`` writes for the gold files' articles.

    article files ──kg build──▶ <folder>/<name>.ttl ──rdflib──▶ Graph

The reference suite runs the ``kg build`` command into a temporary folder and scores the Turtle
files it finds there; `build_articles` does the same with kg's own build function, so what is
scored is what a user's ``kg build`` would have written, bytes and all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Graph

from ..building.build import build
from ..core.errors import InputError, KGError
from ..reading.loading import stem_of


def build_articles(articles: Iterable[Path], out: Path, *, model: str | None = None) -> dict[Path, Path]:
    """Build article files with ``kg build`` into folders under ``out``, and say which Turtle
    file holds each article's graph.

    One build writes ``<stem>.ttl`` per article, so articles of the same stem (``a/news.txt`` and
    ``b/news.txt``), or of the same text (built once, under the first name), go to later builds
    in folders of their own.

    Raises:
        InputError: an article cannot be read, or kg cannot extract it.
        KGError: the model is not installed.
    """
    turtle: dict[Path, Path] = {}
    pending, rounds = list(dict.fromkeys(articles)), 0
    while pending:
        rounds += 1
        group = list(_distinct_stems(pending))
        folder = out / f"build-{rounds}"
        report = build(group, folder, model=model, html=False)
        if report.failures:
            raise InputError(report.failures[0].message)
        written = {article: folder / f"{stem_of(article)}.ttl" for article in group}
        written = {article: path for article, path in written.items() if path.is_file()}
        if not written:  # each build writes at least its first article; never loop for ever
            raise KGError(f"{group[0]}: kg build wrote no graph for this article; please report it")
        turtle.update(written)
        pending = [article for article in pending if article not in turtle]
    return turtle


def _distinct_stems(articles: list[Path]) -> Iterator[Path]:
    """The articles whose output stem no earlier one of them has."""
    seen: set[str] = set()
    for article in articles:
        if stem_of(article) not in seen:
            seen.add(stem_of(article))
            yield article


def read_turtle(path: Path) -> Graph:
    """The graph a Turtle file holds."""
    return Graph().parse(path, format="turtle")
