"""`kg view`: the interactive page of a graph, or of one entity's neighbourhood."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..pages import DEFAULT_MAX_NODES
from .app import app, friendly, out
from .sources import DataOption, EndpointOption, StoreOption, describe_source, open_source

RDF_SUFFIXES = {".ttl", ".trig", ".nt", ".nq", ".jsonld", ".rdf", ".xml", ".n3"}


@app.command("view")
@friendly
def view_cli(
    args: Annotated[Optional[list[str]], typer.Argument(
        metavar="[FILE]... [ENTITY]",
        help="RDF files or folders written by kg (as --data), then optionally an ENTITY: a name or IRI whose "
             "neighbourhood to show. With no file and no other source, exports/.", show_default=False)] = None,
    entity: Annotated[Optional[str], typer.Option("--entity", "-e", help="The entity whose neighbourhood to show (a name or IRI).")] = None,
    depth: Annotated[int, typer.Option(min=1, max=10, help="Hops around --entity.")] = 1,
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
    output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Where to write the page (default: view.html, or view-<entity>.html).")] = None,
    max_nodes: Annotated[int, typer.Option(min=1, help="Past this many nodes, draw only the best-connected.")] = DEFAULT_MAX_NODES,
) -> None:
    """Write the interactive page of a graph, or of one entity's neighbourhood, and print its path.

    The page is one self-contained HTML file: open it in any browser, no network needed.
    """
    from ..pages.viewer import view

    files = [Path(a) for a in args or []]
    if entity is None and files and not files[-1].exists() and files[-1].suffix.lower() not in RDF_SUFFIXES:
        entity = str(files.pop())  # `kg view FILE "Keir Starmer"`, `kg view --store DIR "Keir Starmer"`
    data = [*(data or []), *files]
    source = open_source(store, data, endpoint)
    path = view(source, name=describe_source(store, data, endpoint), entity=entity, depth=depth, out=output,
                max_nodes=max_nodes)
    out.print(str(path.resolve()), markup=False)
