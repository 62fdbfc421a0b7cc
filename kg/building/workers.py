"""Turning articles into RDF: in this process, in worker processes, or on a Dask cluster.

    articles ──chunks──▶ executor ──▶ (Article, BuiltArticle) in input order

Every executor runs the same code, `build_stream`: parse with ``nlp.pipe``, extract, serialise
the article's graph as Turtle. Only articles go out and bytes come back, never a spaCy `Doc` or
an rdflib graph, and at most a few chunks are in flight, so memory does not grow with the corpus.
Results come back in input order whatever the executor, so outputs are the same bytes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import NamedTuple

from spacy.language import Language

from ..core.errors import KGError
from ..core.records import Article, Evidence, Extraction
from ..extraction.extract import extract
from ..extraction.pipeline import load_pipeline, parse, split_long_text
from ..questions.views import ArticleView, article_view
from ..rdf.model import article_triples, to_turtle
from ..rdf.namespace import article_iri

SECTION_CHARS = 100_000
"""Longer articles are extracted in sections of about this many characters, joined into one
graph. The extractor's cost grows faster than the text past it (measured: 60,000 characters
3.6 s, 120,000 characters 14.6 s), and a 3 MB text must still finish."""
CHUNK_ARTICLES = 16
CHUNK_CHARS = 200_000
EXECUTORS = ("local", "dask")


class BuiltArticle(NamedTuple):
    """What building one article gave: its graph as Turtle and its view (what the pages draw
    and the summary counts), or an error."""

    turtle: bytes
    view: ArticleView | None
    error: str | None = None


def build_stream(nlp: Language, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[tuple[Article, BuiltArticle]]:
    """Parse, extract and serialise articles in order, one at a time.

    An article the extractor fails on gives a `BuiltArticle` with ``error`` set; the others go on.
    """

    def sections() -> Iterator[tuple[str, tuple[Article, str, int, int]]]:
        for article in articles:
            if len(article.text) <= SECTION_CHARS:
                yield article.text, (article, article.text, 0, 1)
                continue
            offset, parts = 0, list(split_long_text(article.text, SECTION_CHARS))
            for part in parts:
                yield part, (article, part, offset, len(parts))
                offset += len(part)

    done: list[tuple[int, Extraction | str]] = []
    for doc, (article, text, offset, count) in parse(nlp, sections(), batch_size=batch_size):
        try:
            done.append((offset, extract(article if count == 1 else replace(article, text=text), doc)))
        except Exception as error:  # noqa: BLE001 -- one article's bug must not stop the batch
            done.append((offset, f"{type(error).__name__}: {error}"))
        if len(done) == count:
            yield article, _serialise(article, done)
            done = []


def _serialise(article: Article, sections: list[tuple[int, Extraction | str]]) -> BuiltArticle:
    errors = [part for _, part in sections if isinstance(part, str)]
    if errors:
        return BuiltArticle(b"", None, errors[0])
    try:
        extraction = sections[0][1] if len(sections) == 1 else combine_sections(article, sections)
        triples = article_triples(extraction)
        turtle = to_turtle(triples)
        view = article_view(triples, str(article_iri(extraction.article.content_hash)))
    except Exception as error:  # noqa: BLE001
        return BuiltArticle(b"", None, f"{type(error).__name__}: {error}")
    return BuiltArticle(turtle, view)


def combine_sections(article: Article, sections: Sequence[tuple[int, Extraction]]) -> Extraction:
    """One extraction of a long article from those of its sections (``offset`` is where each
    section starts in the article): offsets shifted, entities and proposals of the same key
    joined. References across sections are not resolved."""
    whole = Extraction(article=article)
    for offset, part in sections:
        for key, entity in part.entities.items():
            mentions = [m._replace(start=m.start + offset, end=m.end + offset) for m in entity.mentions]
            if key in whole.entities:
                whole.entities[key].aliases |= entity.aliases | ({entity.name} - {whole.entities[key].name})
                whole.entities[key].mentions.extend(mentions)
            else:
                whole.entities[key] = replace(entity, aliases=set(entity.aliases), mentions=mentions)
        for key, proposal in part.proposals.items():
            evidence = [_shift(e, offset) for e in proposal.evidence]
            if key in whole.proposals:
                whole.proposals[key].names |= proposal.names
                whole.proposals[key].evidence.extend(evidence)
            else:
                whole.proposals[key] = replace(proposal, names=set(proposal.names), evidence=evidence)
        whole.roles += [r._replace(evidence=_shift(r.evidence, offset)) for r in part.roles]
        whole.quotes += [q._replace(evidence=_shift(q.evidence, offset)) for q in part.quotes]
        whole.facts += [f._replace(evidence=_shift(f.evidence, offset)) for f in part.facts]
    return whole


def _shift(evidence: Evidence, offset: int) -> Evidence:
    return evidence._replace(start=evidence.start + offset, end=evidence.end + offset)


def chunks(articles: Iterable[Article], *, size: int = CHUNK_ARTICLES, chars: int = CHUNK_CHARS) -> Iterator[list[Article]]:
    """Groups of consecutive articles: at most ``size`` of them, and past ``chars`` characters of
    text a group ends (a long article travels alone)."""
    chunk: list[Article] = []
    total = 0
    for article in articles:
        chunk.append(article)
        total += len(article.text)
        if len(chunk) >= size or total >= chars:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def build_chunk(chunk: list[Article], model: str | None, batch_size: int) -> list[BuiltArticle]:
    """What a worker runs: build a chunk of articles with its own (cached) pipeline."""
    nlp = load_pipeline(model)
    return [built for _, built in build_stream(nlp, chunk, batch_size=batch_size)]


class Executor:
    """Builds articles in this process; the subclasses farm chunks out and keep the order."""

    def __init__(self, model: str | None = None, *, batch_size: int = 64) -> None:
        self.model = model
        self.batch_size = batch_size
        self.nlp = load_pipeline(model)

    def map(self, articles: Iterable[Article]) -> Iterator[tuple[Article, BuiltArticle]]:
        yield from build_stream(self.nlp, articles, batch_size=self.batch_size)

    def close(self, *, abort: bool = False) -> None:
        """Stop the workers, if any; ``abort`` (an interrupted build) does not wait for them."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, kind: type | None, *exc: object) -> None:
        self.close(abort=kind is not None)


class _ChunkedExecutor(Executor):
    in_flight = 4

    def submit(self, chunk: list[Article]):
        raise NotImplementedError

    def result(self, future) -> list[BuiltArticle]:
        return future.result()

    def map(self, articles: Iterable[Article]) -> Iterator[tuple[Article, BuiltArticle]]:
        pending: deque = deque()
        for chunk in chunks(articles):
            pending.append((chunk, self.submit(chunk)))
            if len(pending) >= self.in_flight:
                yield from self._take(pending.popleft())
        while pending:
            yield from self._take(pending.popleft())

    def _take(self, item) -> Iterator[tuple[Article, BuiltArticle]]:
        chunk, future = item
        yield from zip(chunk, self.result(future))


class ProcessExecutor(_ChunkedExecutor):
    """``workers`` processes, each with its own pipeline. On Linux they are forked after the
    pipeline is loaded here, so they start at once and share its memory pages."""

    def __init__(self, model: str | None = None, *, workers: int = 2, batch_size: int = 64) -> None:
        super().__init__(model, batch_size=batch_size)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_setup, initargs=(os.getpid(),))
        self.in_flight = 2 * workers

    def submit(self, chunk: list[Article]):
        return self.pool.submit(build_chunk, chunk, self.model, self.batch_size)

    def close(self, *, abort: bool = False) -> None:
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=not abort, cancel_futures=True)
        if abort:  # Ctrl-C: do not wait for the chunks being built
            for process in processes:
                process.terminate()
            # let the pool's manager thread finish closing its pipes now: at interpreter exit,
            # Python 3.11 may otherwise wake it through a pipe it is closing ("Bad file descriptor")
            manager = getattr(self.pool, "_executor_manager_thread", None)
            if manager is not None:
                manager.join(timeout=10)


def _worker_setup(parent: int) -> None:
    """In a worker: Ctrl-C is the parent's to handle (a worker never prints a traceback), SIGTERM
    (sent by the parent when a build is interrupted) ends it quietly, whatever handler it was
    forked with, and a worker whose parent was killed exits instead of lingering."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class DaskExecutor(_ChunkedExecutor):
    """Chunks run on a Dask cluster (``dask.distributed``); each worker loads the pipeline once.
    The workers need kg and the spaCy model installed."""

    def __init__(self, scheduler: str, model: str | None = None, *, batch_size: int = 64) -> None:
        self.model, self.batch_size, self.nlp = model, batch_size, None
        try:
            from distributed import Client
        except ImportError:
            raise KGError("the Dask executor needs dask.distributed; install it with: pip install 'kg[dask]'") from None
        try:
            self.client = Client(scheduler, timeout="20s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise KGError(f"cannot reach the Dask scheduler at {scheduler} ({error}); check the address "
                          "(tcp://HOST:8786) and that the scheduler is running") from None
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.in_flight = 2 * workers

    def submit(self, chunk: list[Article]):
        return self.client.submit(build_chunk, chunk, self.model, self.batch_size, pure=False)

    def close(self, *, abort: bool = False) -> None:
        self.client.close()


def open_executor(kind: str = "local", *, workers: int = 1, model: str | None = None,
                  scheduler: str | None = None, batch_size: int = 64) -> Executor:
    """The executor for ``kind`` (``local``: this process, or ``workers`` processes; ``dask``:
    the cluster whose scheduler is at ``scheduler``).

    Raises:
        KGError: an unknown kind, a bad worker count, or a Dask cluster that cannot be reached.
    """
    if kind not in EXECUTORS:
        raise KGError(f"unknown executor '{kind}'; use one of {', '.join(EXECUTORS)}")
    if workers < 1:
        raise KGError(f"--workers must be 1 or more, not {workers}")
    if kind == "dask":
        if not scheduler:
            raise KGError("the Dask executor needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
        return DaskExecutor(scheduler, model, batch_size=batch_size)
    if workers == 1:
        return Executor(model, batch_size=batch_size)
    return ProcessExecutor(model, workers=workers, batch_size=batch_size)
