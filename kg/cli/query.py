"""`kg query`: a stored query or your own SPARQL, with bound parameters."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..core.errors import QueryError
from .app import app, friendly, table_console
from .sources import DataOption, EndpointOption, StoreOption, open_source, parse_params


@app.command("query")
@friendly
def query_cli(
    query: Annotated[Optional[str], typer.Argument(
        help="A stored query's name (see --list), a .rq file, or SPARQL text.", show_default=False)] = None,
    param: Annotated[Optional[list[str]], typer.Option(
        "--param", "-p", help="A parameter as name=value (repeatable); a value that is an http(s) IRI is bound "
                              "as an IRI, anything else as a string.", show_default=False)] = None,
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
    format: Annotated[Optional[str], typer.Option(
        "--format", "-f", help="table, csv, tsv, json, xml (SPARQL results); turtle, nt, jsonld for CONSTRUCT and "
                               "DESCRIBE. Default: table on a terminal, else csv (rows) or turtle (graphs).",
        show_default=False)] = None,
    list_queries: Annotated[bool, typer.Option("--list", "-l", help="List the stored queries and their parameters.")] = False,
    limit: Annotated[Optional[int], typer.Option(
        "--limit", min=0, help="Show at most this many rows; 0 shows them all. Default: a stored listing shows a "
                               "page (50 rows) as a table, every row in other formats.", show_default=False)] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows first (the next page: "
                                                                "--offset 50).")] = 0,
) -> None:
    """Run a stored query or your own SPARQL, with bound parameters, and print the results.

    Examples: `kg query people`, `kg query entity -p entity="Marco Rubio"`,
    `kg query proposals --store corpus/ -f csv`, `kg query quotes --offset 50`, `kg query people --limit 0`,
    `kg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'`.
    """
    from ..questions import results
    from ..questions.queries import load_query, stored_queries

    if list_queries:
        grid = Table("query", "title", "parameters (default)", "page", "description", header_style="bold")
        for stored in stored_queries():
            params = "; ".join(f"{p.name}" + (f" ({p.default})" if p.default else "") for p in stored.params)
            grid.add_row(stored.name, stored.title, params, str(stored.page or ""), stored.description)
        table_console().print(grid)
        return
    if query is None:
        raise QueryError("give a stored query's name, a .rq file or SPARQL text; `kg query --list` shows the stored queries")
    stored = load_query(query)
    values = parse_params(param)
    stored.bindings(values)  # unknown parameters are an error before any store is opened
    chosen = format or ("table" if sys.stdout.isatty() else None)
    page = limit if limit is not None else (stored.page if chosen == "table" else None)
    stored.text_for(limit=page, offset=offset)  # a query with its own LIMIT is an error before the store opens
    source = open_source(store, data, endpoint)
    if chosen == "table":  # one row more than the page says whether there is a next one
        answer = source.query(*stored.prepare(source, values, limit=page + 1 if page else None, offset=offset))
        table_console().print(results.table(answer, table_console().width, page=page or None, offset=offset))
        return
    answer = source.query(*stored.prepare(source, values, limit=page, offset=offset))
    results.write(answer, chosen, sys.stdout.buffer, table_console())
