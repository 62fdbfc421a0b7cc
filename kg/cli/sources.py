"""Where the commands that ask questions get their graph, and the options that name it.

Each command takes the graph from one source: ``--store DIR`` (a persistent store), ``--data FILE``
(RDF files or folders of them, read into memory), or ``--endpoint URL`` (a SPARQL server).
With none, it reads ``exports/`` in the current directory, where ``kg build`` writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..core.errors import QueryError, StoreError
from ..rdf.sparql import Source

DEFAULT_DATA = Path("exports")

StoreOption = Annotated[Optional[Path], typer.Option(
    "--store", help="A persistent store (the directory given to `kg build --store`).", show_default=False)]
DataOption = Annotated[Optional[list[Path]], typer.Option(
    "--data", help="RDF files written by kg (.ttl, .trig, .nt, .nq, .jsonld) or folders of them; repeat for "
                   "several. Default: exports/ when no source is given.", show_default=False)]
EndpointOption = Annotated[Optional[str], typer.Option(
    "--endpoint", help="A SPARQL 1.1 query endpoint, e.g. http://localhost:7878/query (after `kg push`); queried "
                       "over the union of its graphs, whether or not its default graph is that union.",
    show_default=False)]


def open_source(store: Path | None = None, data: list[Path] | None = None, endpoint: str | None = None) -> Source:
    """The graph to ask: a store, files read into memory, or a remote endpoint (exports/ if none).

    Raises:
        QueryError: more than one source is given.
        StoreError: the store is missing, or there are no RDF files to read.
        InputError: a data file is missing or not valid RDF.
    """
    from ..questions.remote import Endpoint
    from ..rdf.store import GraphStore, rdf_files, read_graph_files

    if sum(x is not None and x != [] for x in (store, data, endpoint)) > 1:
        raise QueryError("give only one of --store, --data and --endpoint")
    if endpoint is not None:
        return Endpoint(endpoint)
    if store is not None:
        return GraphStore.open(store)
    paths = list(rdf_files(data)) if data else list(rdf_files([DEFAULT_DATA])) if DEFAULT_DATA.is_dir() else []
    if not paths:
        where = ", ".join(map(str, data)) if data else f"{DEFAULT_DATA}/ (the default)"
        raise StoreError(f"no RDF files in {where}; give --store DIR, --data FILE or --endpoint URL, "
                         "or run `kg build` first")
    return read_graph_files(paths)


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """``["entity=Keir Starmer"]`` -> ``{"entity": "Keir Starmer"}``."""
    params = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param takes name=value, not '{pair}'")
        params[name.strip()] = value
    return params


def describe_source(store: Path | None = None, data: list[Path] | None = None, endpoint: str | None = None) -> str:
    """How a page title or a message names the source: the store, the files, the endpoint."""
    if endpoint is not None:
        return endpoint
    if store is not None:
        return f"{store}/"
    if data:
        return ", ".join(Path(d).name or str(d) for d in data)
    return f"{DEFAULT_DATA}/"
