"""Building articles into files (and a store): what ``kg build`` does.

    inputs ─loading─▶ articles ─workers─▶ Turtle per article ─▶ files, corpus TriG, store, pages

For each input article ``DIR/<id>.ttl`` (its graph) and ``DIR/<id>.html`` (its page); for a JSONL
corpus ``DIR/<id>.ttl`` per article, one ``DIR/<stem>.trig`` with every article's named graph and
one ``DIR/<stem>.html`` for the whole corpus. Articles stream through: nothing holds the corpus,
so memory does not grow with it. Every file is written atomically, so a build killed at any
moment leaves each file old or new, never truncated. A bad input is reported and skipped; the
others are built completely. Temporary folders (the corpus page's store) are removed when the
build ends, however it ends; a build killed with SIGKILL leaves its folder, and the next build
removes it (`kg.core.scratch`).
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from ..core.files import remove_leftovers
from ..core.scratch import remove_stale_folders
from ..core.records import Article
from ..rdf.store import GraphStore
from ..reading.loading import Failure, Note, load_articles
from .ingest import StoreIngest
from .merge import MergeRecord, merge_entities
from .outputs import Entry, Outputs
from .workers import BuiltArticle, Executor, open_executor

DEFAULT_OUT = Path("exports")


def example_article() -> Path:
    """The bundled example article (UK prime minister Keir Starmer in Kyiv)."""
    return Path(str(files("kg.reading").joinpath("example", "article.txt")))


@dataclass
class BuildReport:
    """What a build did: files written, counts, and what failed."""

    outputs: list[Path] = field(default_factory=list)
    articles: int = 0
    skipped: int = 0
    replaced: int = 0
    triples: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    pages: list[Path] = field(default_factory=list)
    merges: list[MergeRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every input was built."""
        return not self.failures


def build(inputs: Iterable[str | Path] = (), out_dir: str | Path = DEFAULT_OUT, *, model: str | None = None,
          store: GraphStore | None = None, html: bool = True, merge: bool = True, workers: int = 1,
          executor: str = "local", scheduler: str | None = None, batch_size: int = 64,
          on_article: Callable[[BuiltArticle | None], None] | None = None) -> BuildReport:
    """Build articles into RDF files and pages (and into ``store`` when given).

    Args:
        inputs: files, directories, glob patterns or JSONL corpora (also ``.gz``); none builds
            the bundled example.
        out_dir: where to write (created if missing).
        model: a spaCy pipeline name; None picks the default.
        store: a persistent store to add each article's named graph to. An article already there
            with the same text, whose files are in ``out_dir``, is not extracted again; a changed
            one replaces its old graph.
        html: write the interactive pages.
        merge: after adding to ``store``, merge the entities that articles name differently.
        workers: processes to extract in (``executor="local"``).
        executor: ``local`` (this machine) or ``dask`` (the cluster at ``scheduler``).
        scheduler: the Dask scheduler's address, e.g. ``tcp://10.0.0.5:8786``.
        batch_size: articles per ``nlp.pipe`` batch.
        on_article: called after each article with what building it gave (None: it was
            already in the store).

    Raises:
        KGError: the model is not installed, the store cannot be written, the executor cannot start.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    remove_stale_folders()
    report = BuildReport()
    ingest = StoreIngest(store) if store is not None else None
    writer = Outputs(out, html)
    try:
        plan = _plan(list(inputs) or [example_article()], report, ingest, writer)
        with open_executor(executor, workers=workers, model=model, scheduler=scheduler, batch_size=batch_size) as pool:
            for entry, article, built in _in_order(pool, plan):
                if article is None:
                    writer.article(entry, writer.cached(entry) or b"", fresh=False)
                else:
                    _record(entry, article, built, report, writer, ingest)
                if on_article is not None:
                    on_article(built)
        writer.finish()
    finally:
        writer.close()
        report.outputs, report.pages = writer.written, writer.pages
        report.notes += writer.notes
        if store is not None:
            store.flush()
    if store is not None and merge:
        report.merges = merge_entities(store)
        store.flush()
    report.replaced = ingest.replaced if ingest is not None else 0
    report.seconds = time.perf_counter() - started
    return report


def _plan(paths: list[str | Path], report: BuildReport, ingest: StoreIngest | None,
          writer: Outputs) -> Iterator[tuple[Entry, Article | None]]:
    """Every article with its output entry, and the article to build, or None when the store
    already holds its text and its files are in the output directory. An article whose text an
    earlier input already gave is built once (its graph is named by its text). Failures and
    notes go to the report."""
    first_source: dict[str, str] = {}
    for item in load_articles(paths):
        if isinstance(item, Failure):
            report.failures.append(item)
        elif isinstance(item, Note):
            report.notes.append(item)
        elif item.content_hash in first_source:
            report.notes.append(Note(item.source, f"{item.source}: the same text as {first_source[item.content_hash]}; "
                                                  "built once, under the first"))
        else:
            first_source[item.content_hash] = item.source
            entry = writer.entry(item)
            if ingest is not None and ingest.is_current(item) and writer.cached(entry) is not None:
                report.skipped += 1
                yield entry, None
            else:
                yield entry, item


def _in_order(pool: Executor, plan: Iterator[tuple[Entry, Article | None]]
              ) -> Iterator[tuple[Entry, Article | None, BuiltArticle | None]]:
    """The executor's results with the skipped articles put back in their places, so outputs
    keep the input order. Only entries wait in the queue, never documents."""
    queue: deque[tuple[Entry, Article | None]] = deque()

    def to_build() -> Iterator[Article]:
        for entry, article in plan:
            queue.append((entry, article))
            if article is not None:
                yield article

    for article, built in pool.map(to_build()):
        while queue[0][1] is None:
            yield queue.popleft()[0], None, None
        entry, _ = queue.popleft()
        yield entry, article, built
    while queue:
        yield queue.popleft()[0], None, None


def _record(entry: Entry, article: Article, built: BuiltArticle, report: BuildReport, writer: Outputs,
            ingest: StoreIngest | None) -> None:
    if built.error:
        report.failures.append(Failure(article.source, f"{article.source}: kg could not extract this article "
                                                       f"({built.error}); please report it; the other inputs are built"))
        return
    writer.article(entry, built.turtle)
    if ingest is not None:
        ingest.put(article, built.turtle)
    report.articles += 1
    report.triples += built.triples
    report.entities.update(built.entities)
    report.facts.update(built.facts)
