"""`kg export` and `kg stats`: kg's RDF files converted to other formats, and counted."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app, err, fail, friendly, out


@app.command("export")
@friendly
def export_cli(
    files: Annotated[list[Path], typer.Argument(help="RDF files written by kg (.ttl, .trig, .nt, .nq, .jsonld).")],
    format: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nt, nquads, jsonld, graphml or csv.")] = "turtle",
    output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of to standard output.")] = None,
) -> None:
    """Convert kg's RDF to another RDF format, to GraphML (the entity graph) or to CSV (the facts).

    The CSV has one row per fact and evidence sentence.
    """
    from ..core.files import write_atomic
    from ..questions.exporting import EXPORT_FORMATS, export
    from ..rdf.store import read_graph_files

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
    from ..questions.exporting import stats
    from ..rdf.store import read_graph_files

    counts = stats(read_graph_files(files))
    out.print(f"Triples:   {counts['triples']}", markup=False)
    out.print(f"Articles:  {counts['articles']}", markup=False)
    out.print(f"Facts:     {counts['facts']}", markup=False)
    out.print("Entities:  " + (", ".join(f"{k} {v}" for k, v in counts["entities"].items()) or "none"), markup=False)
    out.print("Relations: " + (", ".join(f"{k} {v}" for k, v in counts["relations"].items()) or "none"), markup=False)
