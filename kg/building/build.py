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

import dataclasses
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from ..core.errors import InputError
from ..core.files import remove_leftovers
from ..core.scratch import remove_stale_folders
from ..core.records import Article
from ..rdf.counting import GraphCounts
from ..rdf.store import GraphStore
from ..reading.datelines import user_date
from ..reading.loading import Failure, Note, expand_inputs, is_jsonl, load_articles
from .ingest import StoreIngest
from .merge import MergeRecord, merge_entities
from .outputs import Entry, Outputs
from .proposal_merge import merge_proposals
from .workers import BuiltArticle, Executor, open_executor

DEFAULT_OUT = Path("exports")
DEFAULT_BATCH = 64
"""Articles per ``nlp.pipe`` batch (benchmarks/build_speed.py measures 32, 64 and 256)."""


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
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    counts: GraphCounts = field(default_factory=GraphCounts)
    pages: list[Path] = field(default_factory=list)
    merges: list[MergeRecord] = field(default_factory=list)

    @property
    def triples(self) -> int:
        """Triples written, as `kg stats` counts them."""
        return self.counts.triples

    @property
    def ok(self) -> bool:
        """True when every input was built."""
        return not self.failures


def build(inputs: Iterable[str | Path] = (), out_dir: str | Path = DEFAULT_OUT, *, model: str | None = None,
          store: GraphStore | None = None, html: bool = True, merge: bool = True, workers: int = 1,
          executor: str = "local", scheduler: str | None = None, batch_size: int = DEFAULT_BATCH,
          on_article: Callable[[BuiltArticle | None], None] | None = None,
          title: str | None = None, date: str | None = None) -> BuildReport:
    """Build articles into RDF files and pages (and into ``store`` when given).

    Args:
        inputs: files, directories, glob patterns or JSONL corpora (also ``.gz``); none builds
            the bundled example.
        out_dir: where to write (created if missing).
        model: a spaCy pipeline name; None picks the default.
        store: a persistent store to add each article's named graph to. An article already there
            with the same text, whose files are in ``out_dir``, is not extracted again; a changed
            one replaces its old graph. Its summary graph (`kg.rdf.summary`) is brought up to
            date at the end (built whole the first time).
        html: write the interactive pages.
        merge: after adding to ``store``, merge the entities that articles name differently,
            then the same proposal reported by several articles.
        workers: processes to extract in (``executor="local"``).
        executor: ``local`` (this machine) or ``dask`` (the cluster at ``scheduler``).
        scheduler: the Dask scheduler's address, e.g. ``tcp://10.0.0.5:8786``.
        batch_size: articles per ``nlp.pipe`` batch.
        on_article: called after each article with what building it gave (None: it was
            already in the store).
        title, date: the headline and publication date of the one article file given, in place
            of what kg reads in it (a date as ``2019-09-24`` or ``24 September 2019``).

    Raises:
        KGError: the model is not installed, the store cannot be written, the executor cannot start.
        InputError: ``title`` or ``date`` given for other than one article file, or a date that
            names no day.
    """
    started = time.perf_counter()
    overrides = _metadata_overrides(list(inputs), title, date)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    remove_stale_folders()
    report = BuildReport()
    ingest = StoreIngest(store) if store is not None else None
    writer = Outputs(out, html)
    try:
        plan = _plan(list(inputs) or [example_article()], report, ingest, writer, overrides)
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
        report.merges += merge_proposals(store)
    if store is not None:
        store.ensure_summary()  # after the merges: the summary follows what they changed
        store.flush()
    report.replaced = ingest.replaced if ingest is not None else 0
    report.seconds = time.perf_counter() - started
    return report


def _metadata_overrides(inputs: list[str | Path], title: str | None, date: str | None) -> dict[str, str]:
    """The metadata the user gives for a single article file, checked."""
    overrides = {key: value for key, value in (("title", title), ("date", date)) if value is not None}
    if not overrides:
        return {}
    files = list(expand_inputs(inputs))
    if len(files) != 1 or not isinstance(files[0], Path) or is_jsonl(files[0]):
        raise InputError("--title and --date describe one article: give them with a single .txt or .html file "
                         "(a JSONL corpus gives them on each line as \"title\" and \"date\")")
    if "title" in overrides and not overrides["title"].strip():
        raise InputError("--title is empty; give the article's headline")
    if "date" in overrides:
        overrides["date"] = user_date(overrides["date"])
    return overrides


def _plan(paths: list[str | Path], report: BuildReport, ingest: StoreIngest | None,
          writer: Outputs, overrides: dict[str, str] | None = None) -> Iterator[tuple[Entry, Article | None]]:
    """Every article with its output entry, and the article to build, or None when the store
    already holds its text and its files are in the output directory. An article whose text an
    earlier input already gave is built once (its graph is named by its text). Failures and
    notes go to the report."""
    first_source: dict[str, str] = {}
    for item in load_articles(paths):
        if overrides and isinstance(item, Article):
            item = dataclasses.replace(item, **overrides)
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
    writer.article(entry, built.turtle, view=built.view)
    if ingest is not None:
        ingest.put(article, built.turtle)
    report.articles += 1
    report.counts.add(*built.view.counted, triples=built.view.triples)
