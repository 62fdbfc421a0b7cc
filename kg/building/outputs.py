"""The files a build writes: ``<name>.ttl`` and ``<name>.html`` per article file, and per JSONL
corpus ``<name>.ttl`` per article, ``<stem>.trig`` and ``<stem>.html``.

Every file is written atomically (`kg.core.files`). A corpus's TriG is written as its articles come
and moved into place only when the build finishes; an interrupted build keeps the old one.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, NamedTuple

from ..core.files import atomic_output, write_atomic
from ..core.records import Article
from ..pages.corpus_page import CorpusPage
from ..pages.viewer import render_page
from ..questions.views import ArticleView, join_views, view_of_turtle
from ..rdf.counting import GraphCounts
from ..rdf.model import PREFIXES
from ..rdf.namespace import article_iri
from ..reading.loading import Note, is_jsonl, stem_of


class Entry(NamedTuple):
    """An article as the outputs know it: its output name, graph IRI, page title and corpus."""

    name: str
    iri: str
    title: str
    corpus: str | None
    content_hash: str


def corpus_of(article: Article) -> str | None:
    """The JSONL corpus an article comes from (its output stem), or None for an article file."""
    source = article.source.rsplit(":", 1)[0] if ":" in article.source else article.source
    return stem_of(Path(source)) if is_jsonl(Path(source)) else None


class _Corpus:
    """A JSONL input being built: its TriG is written as the articles come, and its articles are
    gathered on disk for its page."""

    def __init__(self, out: Path, stem: str, html: bool) -> None:
        self.stem, self.trig = stem, out / f"{stem}.trig"
        self.page: CorpusPage | None = None
        self.count = 0
        self._manager = atomic_output(self.trig, "w")
        try:
            self.handle: IO = self._manager.__enter__()
            for prefix, namespace in PREFIXES.items():
                self.handle.write(f"@prefix {prefix}: <{namespace}> .\n")
            self.handle.write("\n")
            self.page = CorpusPage() if html else None
        except BaseException:  # interrupted while starting: nothing of it is left
            self.abort()
            raise

    def add(self, entry: Entry, turtle: bytes, view: ArticleView | None) -> None:
        self.handle.write(trig_block(turtle, entry.iri))
        if self.page is not None:
            self.page.add(view if view is not None else view_of_turtle(turtle, entry.iri))
        self.count += 1

    def commit(self) -> None:
        self._manager.__exit__(None, None, None)

    def abort(self) -> None:
        """Interrupted: drop the partial TriG, keep the old one."""
        self._manager.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
        if self.page is not None:
            self.page.close()


class Outputs:
    """Writes each article's files as it comes, and each corpus's TriG and page at the end.

    Args:
        out: the output directory.
        html: write pages.
    """

    def __init__(self, out: Path, html: bool) -> None:
        self.out, self.html = out, html
        self.written: list[Path] = []
        self.pages: list[Path] = []
        self.notes: list[Note] = []
        self._corpora: dict[str, _Corpus] = {}
        self._names: dict[str, str] = {}  # output name -> source, so two inputs never overwrite each other

    def entry(self, article: Article) -> Entry:
        """The article's entry, with an output name no other input of the build has."""
        base, name, n = article.id, article.id, 2
        while name in self._names and self._names[name] != article.source:
            name, n = f"{base}-{n}", n + 1
        if name != base:
            self.notes.append(Note(article.source, f"{article.source}: another input is also named '{base}'; "
                                                   f"written as '{name}'"))
        self._names[name] = article.source
        return Entry(name, str(article_iri(article.content_hash)), article.title or lead_sentence(article.text) or article.id,
                     corpus_of(article), article.content_hash)

    def cached(self, entry: Entry) -> bytes | None:
        """The Turtle an earlier build wrote for this very text, if it is there."""
        path = self.out / f"{entry.name}.ttl"
        try:
            turtle = path.read_bytes()
        except OSError:
            return None
        return turtle if entry.content_hash.encode() in turtle else None

    def article(self, entry: Entry, turtle: bytes, *, fresh: bool = True, view: ArticleView | None = None) -> None:
        """Write an article's files (``fresh``: just built; else only what is missing) and add it
        to its corpus. ``view`` is the article's view when the build just made it."""
        ttl = self.out / f"{entry.name}.ttl"
        if fresh:
            self._write(ttl, turtle)
        if entry.corpus is not None:
            if entry.corpus not in self._corpora:
                self._corpora[entry.corpus] = _Corpus(self.out, entry.corpus, self.html)
            self._corpora[entry.corpus].add(entry, turtle, view)
        elif self.html:
            page = self.out / f"{entry.name}.html"
            if fresh or not page.is_file():
                view = view if view is not None else view_of_turtle(turtle, entry.iri)
                counts = GraphCounts()
                counts.add(*view.counted, triples=view.triples)
                self._write(page, render_page(join_views([view]), title=entry.title, counts=counts))
            self.pages.append(page)

    def finish(self) -> None:
        """Close every corpus: its TriG goes in place, its page is written."""
        while self._corpora:
            stem, corpus = next(iter(self._corpora.items()))
            corpus.commit()
            self.written.append(corpus.trig)
            if corpus.page is not None:
                path = self.out / f"{stem}.html"
                self._write(path, corpus.page.render(f"{stem} ({corpus.count} articles)"))
                self.pages.append(path)
                corpus.page.close()
            del self._corpora[stem]

    def close(self) -> None:
        """Drop what an interrupted build left unfinished."""
        for corpus in self._corpora.values():
            corpus.abort()
        self._corpora.clear()

    def _write(self, path: Path, data: str | bytes) -> None:
        write_atomic(path, data)
        self.written.append(path)


def lead_sentence(text: str, limit: int = 90) -> str:
    """A title for an article that has no headline: its first sentence, cut at a word before
    ``limit`` characters.

    >>> lead_sentence("The council met on Monday. It voted twice.")
    'The council met on Monday.'
    """
    first = " ".join(text.split())
    end = next((i + 1 for i, c in enumerate(first) if c in ".?!" and (i + 1 == len(first) or first[i + 1] == " ")), len(first))
    first = first[:end]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def trig_block(turtle: bytes, graph_iri: str) -> str:
    """One article's graph as a TriG block (the file's prefixes are written once, at its top).

    The ``@prefix`` lines that open the Turtle are dropped and the body is left as written, not
    indented: kg's Turtle writes every literal on one line (`kg.rdf.model.to_turtle`), but a
    Turtle file written by another tool may hold multi-line literals, whose text would change."""
    lines = turtle.decode("utf-8").split("\n")
    start = 0
    while start < len(lines) and (lines[start].startswith("@prefix") or not lines[start].strip()):
        start += 1
    body = "\n".join(lines[start:])
    return f"<{graph_iri}> {{\n{body.strip(chr(10))}\n}}\n\n"
