"""`kg export` and `kg stats`: a graph converted to other formats, and counted."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app, err, fail, friendly, out
from .sources import DataOption, EndpointOption, StoreOption, open_source

FilesArgument = Annotated[Optional[list[Path]], typer.Argument(
    metavar="[FILE]...", help="RDF files or folders written by kg (the same as --data).", show_default=False)]


@app.command("export")
@friendly
def export_cli(
    files: FilesArgument = None,
    format: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nt, nquads, jsonld, graphml or csv.")] = "turtle",
    output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of to standard output.")] = None,
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Convert a graph to another RDF format, to GraphML (the entity graph) or to CSV (the facts).

    The CSV has one row per fact (as `kg stats` counts them), its sentences joined.
    """
    from ..core.files import write_atomic
    from ..questions.exporting import EXPORT_FORMATS, export

    if format not in EXPORT_FORMATS:
        fail(f"unknown format '{format}'; use one of {', '.join(EXPORT_FORMATS)}")
    data_out = export(open_source(store, [*(data or []), *(files or [])], endpoint), format)
    if output is None:
        sys.stdout.buffer.write(data_out)
        sys.stdout.flush()
    else:
        write_atomic(output, data_out)
        err.print(f"Wrote {output}", markup=False)


@app.command("stats")
@friendly
def stats_cli(
    files: FilesArgument = None,
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Count what a graph holds: triples, articles, facts, entities by type, facts by relation.

    The build summary and the page's legend count the same way (kg/rdf/counting.py).
    """
    from ..questions.exporting import stats

    counts = stats(open_source(store, [*(data or []), *(files or [])], endpoint))
    for line in stats_lines(counts):
        out.print(line, markup=False)


def stats_lines(counts: dict) -> list[str]:
    """What `kg stats` prints."""
    return [f"Triples:   {counts['triples']}", f"Articles:  {counts['articles']}", f"Facts:     {counts['facts']}",
            "Entities:  " + (", ".join(f"{k} {v}" for k, v in counts["entities"].items()) or "none"),
            "Relations: " + (", ".join(f"{k} {v}" for k, v in counts["relations"].items()) or "none")]
