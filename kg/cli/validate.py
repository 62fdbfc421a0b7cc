"""`kg validate`: check graphs against the SHACL shapes of `kg/rdf/shapes.ttl`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app, err, friendly, out


@app.command("validate")
@friendly
def validate_cli(
    files: Annotated[list[Path], typer.Argument(help="RDF files written by kg (.ttl, .trig, .nt, .nq, .jsonld).",
                                                show_default=False)],
) -> None:
    """Check RDF files against kg's SHACL shapes (kg/rdf/shapes.ttl).

    The shapes ask for facts with evidence, entities with labels and one type, countries with ISO
    codes, quotations with speakers, roles with titles.

    Prints FILE: conforms, or one line per violation (focus node, path, message); exits 1 if not.
    """
    from ..rdf.validate import describe, validate_files

    unreadable = failing = violations = 0
    for report in validate_files(files):
        if report.error is not None:
            err.print(f"kg: error: {report.error}", markup=False)
            unreadable += 1
        elif report.conforms:
            out.print(f"{report.path}: conforms", markup=False)
        else:
            failing += 1
            violations += len(report.violations)
        for violation in report.violations:
            out.print(f"{report.path}: {describe(violation)}", markup=False)
    if failing or unreadable:
        err.print(f"kg: {failing} of {len(files)} file(s) do not conform ({violations} violation(s))"
                  + (f", {unreadable} could not be read" if unreadable else ""), markup=False)
        raise typer.Exit(1)
