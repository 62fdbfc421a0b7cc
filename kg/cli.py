"""The ``kg`` command line: a thin layer over the Python API.

Each command parses its arguments, calls the library, and prints. Errors from the library
(`kg.errors.KGError`) become one line on stderr and a non-zero exit; nobody sees a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .errors import KGError

app = typer.Typer(
    name="kg",
    help="Turn news articles into an RDF knowledge graph: query it with SPARQL, explore it in a browser.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# no emoji codes: ":label:" in a name or an IRI must print as it is, not as a picture
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def fail(message: str, code: int = 1) -> None:
    err.print(f"kg: error: {message}", markup=False)
    raise typer.Exit(code)


def friendly(command: Callable) -> Callable:
    """Turn kg's errors into one-line messages, and Ctrl-C into a quiet exit."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KGError as error:
            fail(str(error))
        except KeyboardInterrupt:
            err.print("kg: interrupted; finished files are complete, unfinished ones were not written", markup=False)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None

    return wrapper


def version_callback(value: bool) -> None:
    if value:
        out.print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=version_callback, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """kg: news articles to a knowledge graph."""


# --------------------------------------------------------------------------------------- build

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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Build articles into RDF (Turtle per article, TriG per corpus) and interactive HTML pages.

    Shows a progress bar on a terminal and a summary at the end. Exits 0 when every input was
    built, 1 when some failed (each named on its own line, the others built completely).
    """
    from .build import build
    from .loading import count_articles
    from .progress import build_progress, failure_summary, summary_lines
    from .store import GraphStore

    paths = [str(p) for p in inputs or []]
    graph_store = GraphStore(store) if store is not None else None
    total = (count_articles(paths) if paths else 1) if err.is_terminal and not quiet else None
    with build_progress(err, total, enabled=not quiet) as advance:
        report = build(paths, out_dir, model=model, store=graph_store, html=html, merge=merge, workers=workers,
                       executor=executor, scheduler=scheduler, on_article=advance)
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


# -------------------------------------------------------------------------------- export, stats

@app.command("export")
@friendly
def export_cli(
    files: Annotated[list[Path], typer.Argument(help="RDF files written by kg (.ttl, .trig, .nt, .nq, .jsonld).")],
    format: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nt, nquads, jsonld, graphml or csv.")] = "turtle",
    output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of to standard output.")] = None,
) -> None:
    """Convert kg's RDF to another RDF format, to GraphML (the entity graph), or to CSV (one row
    per fact and evidence sentence)."""
    from .exporting import EXPORT_FORMATS, export, read_graph_files
    from .files import write_atomic

    if format not in EXPORT_FORMATS:
        fail(f"unknown format '{format}'; use one of {', '.join(EXPORT_FORMATS)}")
    data = export(read_graph_files(files), format)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)
        err.print(f"Wrote {output}", markup=False)


@app.command("stats")
@friendly
def stats_cli(
    files: Annotated[list[Path], typer.Argument(help="RDF files written by kg.")],
) -> None:
    """Count what the graphs hold: triples, articles, facts, entities by type, facts by relation."""
    from .exporting import read_graph_files, stats

    counts = stats(read_graph_files(files))
    out.print(f"Triples:   {counts['triples']}", markup=False)
    out.print(f"Articles:  {counts['articles']}", markup=False)
    out.print(f"Facts:     {counts['facts']}", markup=False)
    out.print("Entities:  " + (", ".join(f"{k} {v}" for k, v in counts["entities"].items()) or "none"), markup=False)
    out.print("Relations: " + (", ".join(f"{k} {v}" for k, v in counts["relations"].items()) or "none"), markup=False)


def main() -> None:
    """Entry point of the ``kg`` script."""
    app()


# the other command groups live in their own modules; importing them registers their commands
from . import cli_eval, cli_merge, cli_query, cli_serve, cli_validate  # noqa: E402,F401

