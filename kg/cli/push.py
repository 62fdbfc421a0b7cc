"""`kg push`: a store's article graphs to a SPARQL server (Graph Store Protocol)."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, friendly, out
from .sources import DataOption, StoreOption, open_source


@app.command("push")
@friendly
def push_cli(
    endpoint: Annotated[str, typer.Option(
        "--endpoint", help="The server's Graph Store Protocol endpoint, e.g. http://localhost:7878/store "
                           "(Oxigraph) or http://localhost:3030/DATASET/data (Fuseki).", show_default=False)],
    store: StoreOption = None,
    data: DataOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Send every article graph to a SPARQL server with the Graph Store Protocol.

    One named graph at a time (HTTP PUT), replacing the graph of the same name there.
    """
    from ..questions.remote import push

    source = open_source(store, data)
    report = push(source, endpoint)
    if not quiet:
        out.print(f"Pushed {report.graphs} graph(s), {report.triples} triples, to {endpoint}", markup=False)
