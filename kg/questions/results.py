"""Query results to bytes or to a readable table.

SELECT and ASK results go out in the SPARQL 1.1 results formats, written by Oxigraph itself
(``json``, ``xml``, ``csv``, ``tsv``); CONSTRUCT and DESCRIBE results are RDF (``turtle``, ``nt``,
``jsonld``, and ``json``/``xml`` meaning JSON-LD/RDF-XML). ``table`` is a Rich table, the default
on a terminal; elsewhere the default is CSV for rows and Turtle for graphs.

Results from a remote endpoint are parsed into the same pyoxigraph objects (`kg.questions.remote`), so
both are written the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..core.errors import QueryError
from ..rdf.model import PREFIXES

ROW_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld")
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def kind(results) -> str:
    """``rows`` (SELECT), ``boolean`` (ASK) or ``graph`` (CONSTRUCT, DESCRIBE)."""
    if isinstance(results, ox.QuerySolutions):
        return "rows"
    if isinstance(results, ox.QueryBoolean):
        return "boolean"
    return "graph"


def serialize(results, format: str | None = None) -> bytes:
    """Results in a machine format (not ``table``); None picks CSV for rows, Turtle for graphs.

    Raises:
        QueryError: the format does not fit the kind of result, or the query fails while running.
    """
    what = kind(results)
    try:
        if what == "graph":
            fmt = GRAPH_FORMATS.get(format or "turtle")
            if fmt is None:
                raise QueryError(f"a CONSTRUCT or DESCRIBE query gives a graph, not rows: use --format "
                                 f"turtle, nt, jsonld, json, xml or table (not {format})")
            # not id:, whose local names would need escaped slashes
            prefixes = {p: ns for p, ns in _PREFIXES.items() if p != "id"} if fmt == ox.RdfFormat.TURTLE else None
            return ox.serialize(sorted(results, key=str), format=fmt, prefixes=prefixes)
        fmt = ROW_FORMATS.get(format or "csv")
        if fmt is None:
            raise QueryError(f"a {'SELECT' if what == 'rows' else 'ASK'} query gives rows, not a graph: "
                             f"use --format table, csv, tsv, json or xml (not {format})")
        return results.serialize(format=fmt)
    except (OSError, RuntimeError) as err:
        raise QueryError(f"the query failed while running: {str(err).splitlines()[0] if str(err) else err}") from None


def compact(term) -> str:
    """A term as a person reads it: a literal's text, an IRI shortened by kg's prefixes.

    >>> compact(ox.NamedNode("https://example.org/kg/id/person/keir-starmer"))
    'id:person/keir-starmer'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in _PREFIXES.items():
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    if isinstance(term, ox.Triple):
        return f"<< {compact(term.subject)} {compact(term.predicate)} {compact(term.object)} >>"
    return term.value


COLUMN_WIDTH = 13
"""Below this many characters a column, a table is printed as one block per row instead (field:
value lines): at 80 columns, eight columns of five characters each could not be read."""


def table(results, width: int | None = None, *, page: int | None = None, offset: int = 0):
    """A Rich table of SELECT rows, an ASK answer, or CONSTRUCT triples. Long cells wrap (never
    cut); when ``width`` leaves fewer than `COLUMN_WIDTH` characters a column, each row is
    printed as a block of ``name  value`` lines instead. With a ``page`` size, the results were
    asked for one row more than the page (after ``offset`` rows): the caption says whether
    there is a next page and how to see it."""
    what = kind(results)
    if what == "boolean":
        grid = Table("answer")
        grid.add_row("yes" if bool(results) else "no")
        return grid
    if what == "graph":
        columns: list[str] = ["subject", "predicate", "object"]
        rows: Iterable = ((t.subject, t.predicate, t.object) for t in sorted(results, key=str))
    else:
        columns = [v.value for v in results.variables]
        rows = (tuple(row[c] for c in columns) for row in results)
    try:
        cells = [[compact(term) for term in row] for row in rows]
    except (OSError, RuntimeError) as err:
        raise QueryError(f"the query failed while running: {err}") from None
    caption = f"{len(cells)} {'triple' if what == 'graph' else 'row'}{'' if len(cells) == 1 else 's'}"
    if page is not None and len(cells) > page:
        cells = cells[:page]
        caption = (f"rows {offset + 1}–{offset + page}, more follow: --offset {offset + page} for the next page, "
                   "--limit 0 for all")
    elif offset and cells:
        caption += f" ({offset + 1}–{offset + len(cells)})"
    if width is not None and width < COLUMN_WIDTH * len(columns):
        return _records(columns, cells, caption)
    grid = Table(show_lines=False, header_style="bold", caption=caption)
    for name in columns:
        grid.add_column(name, overflow="fold")
    for row in cells:
        grid.add_row(*row)
    return grid


def _records(columns: list[str], cells: list[list[str]], caption: str) -> Group:
    """Rows as blocks of ``name  value`` lines, one block a row, values wrapped."""
    blocks = []
    for number, row in enumerate(cells, 1):
        block = Table.grid(padding=(0, 2))
        block.add_column(style="bold", no_wrap=True)
        block.add_column(overflow="fold")
        for name, value in zip(columns, row):
            block.add_row(name, value)
        blocks += [Text(f"— row {number}", style="dim"), block]
    return Group(*blocks, Text(caption, style="dim"))


def write(results, format: str | None, stream: BinaryIO, console: Console) -> None:
    """Write results to ``stream`` in ``format``, or as a table on ``console``.

    Raises:
        QueryError: the format is unknown or does not fit the kind of result.
    """
    if format is not None and format not in FORMATS:
        raise QueryError(f"unknown format '{format}'; use one of {', '.join(FORMATS)}")
    if format == "table":
        console.print(table(results, console.width))
        return
    stream.write(serialize(results, format))
    stream.flush()


def rows(results) -> list[dict[str, str]]:
    """SELECT results as dicts of plain strings ('' for an unbound variable)."""
    names = [v.value for v in results.variables]
    return [{n: (row[n].value if row[n] is not None else "") for n in names} for row in results]
