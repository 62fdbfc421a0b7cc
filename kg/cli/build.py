"""`kg build`: articles to RDF files, pages and a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app, err, friendly, out


@app.command("build")
@friendly
def build_cli(
    inputs: Annotated[Optional[list[Path]], typer.Argument(
        help="Articles: .txt or .html files, directories of them, glob patterns (quoted), or .jsonl corpora "
             "(one JSON object a line with 'text' and optional 'id', 'title', 'url', 'date'); any of them "
             "may be gzip-compressed (.gz). None builds the bundled example article.", show_default=False)] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Where to write <id>.ttl and <id>.html.")] = Path("exports"),
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to use (default: en_core_web_sm if installed, else its PyPI re-upload).")] = None,
    store: Annotated[Optional[Path], typer.Option(help="Also add every article to this persistent store (a directory): "
                                                       "articles already there are skipped, changed ones replaced, and "
                                                       "entities named differently across articles merged.")] = None,
    html: Annotated[bool, typer.Option("--html/--no-html", help="Write the interactive pages.")] = True,
    merge: Annotated[bool, typer.Option("--merge/--no-merge", help="With --store, merge the same person, country or "
                                                                   "organisation across articles (undo with `kg merges`).")] = True,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes to extract in (one per core is best).")] = 1,
    executor: Annotated[str, typer.Option(help="local (this machine), or dask (a Dask cluster: give --scheduler).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="The Dask scheduler's address, e.g. tcp://10.0.0.5:8786.",
                                                     show_default=False)] = None,
    batch_size: Annotated[Optional[int], typer.Option("--batch-size", min=1, help="Articles per nlp.pipe batch "
                                                                                   "(default: kg's, 64).", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    title: Annotated[Optional[str], typer.Option("--title", help="The headline of the one .txt or .html article "
                                                                 "given, in place of the one kg reads in it.",
                                                 show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="The publication date of the one .txt or .html article "
                                                               "given (2019-09-24, or 24 September 2019): the base of "
                                                               "\"on Tuesday\" and \"last week\" in its sentences.",
                                                show_default=False)] = None,
) -> None:
    """Build articles into RDF (Turtle per article, TriG per corpus) and interactive HTML pages.

    Shows a progress bar on a terminal and a summary at the end. Exits 0 when every input was
    built, 1 when some failed (each named on its own line, the others built completely).
    """
    from ..building.build import build
    from ..rdf.store import GraphStore
    from ..reading.loading import count_articles
    from .progress import build_progress, failure_summary, summary_lines

    paths = [str(p) for p in inputs or []]
    graph_store = GraphStore(store) if store is not None else None
    total = (count_articles(paths) if paths else 1) if err.is_terminal and not quiet else None
    with build_progress(err, total, enabled=not quiet) as advance:
        report = build(paths, out_dir, model=model, store=graph_store, html=html, merge=merge, workers=workers,
                       executor=executor, scheduler=scheduler, on_article=advance, title=title, date=date,
                       **({"batch_size": batch_size} if batch_size else {}))
    for note in report.notes:
        err.print(f"kg: note: {note.message}", markup=False)
    for failure in report.failures:
        err.print(f"kg: error: {failure.message}", markup=False)
    if not quiet:
        for line in summary_lines(report, out_dir, store):
            out.print(line, markup=False)
    if report.failures:
        err.print(failure_summary(report), markup=False)
        raise typer.Exit(1)
