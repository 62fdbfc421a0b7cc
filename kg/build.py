"""Building articles into files (and a store): what ``kg build`` does.

For each input article ``DIR/<id>.ttl`` (its graph) and ``DIR/<id>.html`` (its page); for a JSONL
corpus ``DIR/<id>.ttl`` per article, one ``DIR/<stem>.trig`` with every article's named graph and
one ``DIR/<stem>.html`` for the whole corpus. Every file is written atomically. A bad input is
reported and skipped; the others are built completely.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from .extract import extract
from .files import atomic_output, write_atomic
from .loading import Failure, Note, is_jsonl, load_articles, stem_of
from .model import PREFIXES, article_graph
from .namespace import article_iri
from .network import to_networkx
from .pipeline import load_pipeline, parse
from .records import Article, Extraction
from .store import GraphStore
from .viewer import render_page

DEFAULT_OUT = Path("exports")


def example_article() -> Path:
    """The bundled example article (UK prime minister Keir Starmer in Kyiv)."""
    return Path(str(files("kg").joinpath("data", "example", "article.txt")))


@dataclass
class BuildReport:
    """What a build did: files written, counts, and what failed."""

    outputs: list[Path] = field(default_factory=list)
    articles: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    pages: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class _Corpus:
    """A JSONL input being built: its TriG file is written as the articles come."""

    stem: str
    trig: Path
    handle: object
    store: GraphStore
    manager: object
    count: int = 0


def build(inputs: Iterable[str | Path] = (), out_dir: str | Path = DEFAULT_OUT, *, model: str | None = None,
          store: GraphStore | None = None, html: bool = True, batch_size: int = 16,
          on_article: Callable[[Extraction], None] | None = None) -> BuildReport:
    """Build articles into RDF files and pages (and into ``store`` when given).

    Args:
        inputs: files, directories, glob patterns or JSONL corpora; none builds the example.
        out_dir: where to write (created if missing).
        model: a spaCy pipeline name; None picks the default.
        store: a store to add each article's named graph to (replacing an older version).
        html: write the interactive pages.
        on_article: called after each article is built (for progress reporting).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    paths = list(inputs) or [example_article()]
    nlp = load_pipeline(model)
    corpora: dict[str, _Corpus] = {}
    names: dict[str, str] = {}  # output name -> source, to keep two inputs from overwriting each other
    try:
        for doc, (article, group) in parse(nlp, _texts(paths, report, store), batch_size=batch_size):
            extraction = extract(article, doc)
            name = _unique(article.id, article.source, names, report)
            graph = article_graph(extraction)
            turtle = graph.serialize(format="turtle", encoding="utf-8")
            _write(out / f"{name}.ttl", turtle, report)
            if store is not None:
                store.put_graph(str(article_iri(article.content_hash)), turtle, "turtle")
            if group is None:
                if html:
                    page = GraphStore()
                    page.put_graph(str(article_iri(article.content_hash)), turtle, "turtle")
                    _write(out / f"{name}.html", render_page(to_networkx(page), title=article.title or article.id), report)
                    report.pages.append(out / f"{name}.html")
            else:
                corpus = corpora.get(group) or _open_corpus(out, group, corpora)
                corpus.handle.write(_trig_block(graph, article))
                corpus.store.put_graph(str(article_iri(article.content_hash)), turtle, "turtle")
                corpus.count += 1
            report.articles += 1
            report.entities.update(e.type for e in extraction.entities.values())
            report.facts.update(f.relation for f in extraction.facts)
            report.facts.update(["holdsRole"] * len(extraction.roles) + ["said"] * len(extraction.quotes))
            if on_article is not None:
                on_article(extraction)
        for corpus in corpora.values():
            corpus.manager.__exit__(None, None, None)
            report.outputs.append(corpus.trig)
            if html:
                page = out / f"{corpus.stem}.html"
                _write(page, render_page(to_networkx(corpus.store), title=f"{corpus.stem} ({corpus.count} articles)"), report)
                report.pages.append(page)
        corpora.clear()
    finally:
        for corpus in corpora.values():  # interrupted: drop the partial TriG, keep the old one
            corpus.manager.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
        if store is not None:
            store.flush()
    return report


def _texts(paths: list[str | Path], report: BuildReport, store: GraphStore | None) -> Iterator[tuple[str, tuple[Article, str | None]]]:
    """The articles to parse, with the JSONL stem they belong to; failures and notes go to the
    report; with a store, articles already in it (same content hash) are skipped."""
    for item in load_articles(paths):
        if isinstance(item, Failure):
            report.failures.append(item)
        elif isinstance(item, Note):
            report.notes.append(item)
        elif store is not None and store.has_article(item.content_hash):
            report.skipped += 1
        else:
            source = item.source.rsplit(":", 1)[0] if ":" in item.source else item.source
            group = stem_of(Path(source)) if is_jsonl(Path(source)) else None
            yield item.text, (item, group)


def _unique(name: str, source: str, names: dict[str, str], report: BuildReport) -> str:
    base, n = name, 2
    while name in names and names[name] != source:
        name, n = f"{base}-{n}", n + 1
    if name != base:
        report.notes.append(Note(source, f"{source}: another input is also named '{base}'; written as '{name}'"))
    names[name] = source
    return name


def _write(path: Path, data: str | bytes, report: BuildReport) -> None:
    write_atomic(path, data)
    report.outputs.append(path)


def _open_corpus(out: Path, stem: str, corpora: dict[str, _Corpus]) -> _Corpus:
    trig = out / f"{stem}.trig"
    manager = atomic_output(trig, "w")
    handle = manager.__enter__()
    for prefix, namespace in PREFIXES.items():
        handle.write(f"@prefix {prefix}: <{namespace}> .\n")
    handle.write("\n")
    corpora[stem] = corpus = _Corpus(stem, trig, handle, GraphStore(), manager)
    return corpus


def _trig_block(graph, article: Article) -> str:
    """One article's graph as a TriG block (the file's prefixes are written once, at its top).

    The lines are left as rdflib wrote them, not indented: a line may be inside a multi-line
    literal, whose text would change."""
    body = graph.serialize(format="turtle")
    if body.startswith("@prefix"):
        body = body.split("\n\n", 1)[1]  # rdflib writes the prefixes first, then a blank line
    return f"<{article_iri(article.content_hash)}> {{\n{body.strip(chr(10))}\n}}\n\n"
