"""Commands for asking questions: `kg query`, `kg neighbors`, `kg path`, `kg central`,
`kg communities`, `kg push`.

Each takes the graph from one source: ``--store DIR`` (a persistent store), ``--data FILE``
(RDF files or folders of them, read into memory), or ``--endpoint URL`` (a SPARQL server).
With none, it reads ``exports/`` in the current directory, where ``kg build`` writes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .cli import app, friendly, out
from .errors import QueryError, StoreError
from .queries import Source

DEFAULT_DATA = Path("exports")

StoreOption = Annotated[Optional[Path], typer.Option(
    "--store", help="A persistent store (the directory given to `kg build --store`).", show_default=False)]
DataOption = Annotated[Optional[list[Path]], typer.Option(
    "--data", help="RDF files written by kg (.ttl, .trig, .nt, .nq, .jsonld) or folders of them; repeat for "
                   "several. Default: exports/ when no source is given.", show_default=False)]
EndpointOption = Annotated[Optional[str], typer.Option(
    "--endpoint", help="A SPARQL 1.1 query endpoint, e.g. http://localhost:7878/query; its default graph must be "
                       "the union of the article graphs (oxigraph serve --union-default-graph).", show_default=False)]


def open_source(store: Path | None = None, data: list[Path] | None = None, endpoint: str | None = None) -> Source:
    """The graph to ask: a store, files read into memory, or a remote endpoint (exports/ if none).

    Raises:
        QueryError: more than one source is given.
        StoreError: the store is missing, or there are no RDF files to read.
        InputError: a data file is missing or not valid RDF.
    """
    from .exporting import read_graph_files
    from .remote import Endpoint
    from .store import GraphStore, rdf_files

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


# ------------------------------------------------------------------------------------------ query

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
) -> None:
    """Run a stored query or your own SPARQL, with bound parameters, and print the results.

    Examples: `kg query people`, `kg query entity -p entity="Marco Rubio"`,
    `kg query proposals --store corpus/ -f csv`, `kg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'`.
    """
    from . import results
    from .queries import load_query, stored_queries

    if list_queries:
        grid = Table("query", "title", "parameters (default)", "description", header_style="bold")
        for stored in stored_queries():
            params = "; ".join(f"{p.name}" + (f" ({p.default})" if p.default else "") for p in stored.params)
            grid.add_row(stored.name, stored.title, params, stored.description)
        _console().print(grid)
        return
    if query is None:
        raise QueryError("give a stored query's name, a .rq file or SPARQL text; `kg query --list` shows the stored queries")
    stored = load_query(query)
    values = parse_params(param)
    stored.bindings(values)  # unknown parameters are an error before any store is opened
    source = open_source(store, data, endpoint)
    bindings = stored.bindings(values, source)
    answer = source.query(stored.text, bindings)
    chosen = format or ("table" if sys.stdout.isatty() else None)
    results.write(answer, chosen, sys.stdout.buffer, _console())


def _console() -> Console:
    """Tables fit the terminal; written to a file or a pipe, they keep long cells on one line."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 240)


# -------------------------------------------------------------------------------- graph commands

@app.command("neighbors")
@friendly
def neighbors_cli(
    entity: Annotated[str, typer.Argument(help="Any of the entity's names (any case), or its IRI.")],
    depth: Annotated[int, typer.Option("--depth", "-d", help="How many hops away to look.")] = 1,
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """List the facts around an entity: everything within --depth hops of it, in either direction."""
    from .network import find_node, neighbors, to_networkx

    graph = to_networkx(open_source(store, data, endpoint))
    node = find_node(graph, entity)
    sub = neighbors(graph, node, depth)
    grid = Table("subject", "relation", "object", "confidence", header_style="bold")
    edges = sorted(sub.edges(data=True), key=lambda e: (_name(sub, e[0]), e[2]["predicate"], _name(sub, e[1])))
    for u, v, fact in edges:
        grid.add_row(_name(sub, u), _relation(fact), _name(sub, v), f"{fact['confidence']:.2f}")
    grid.caption = f"{sub.number_of_nodes() - 1} neighbours of {_name(graph, node)} within {depth} hop(s)"
    _console().print(grid)


@app.command("path")
@friendly
def path_cli(
    source_entity: Annotated[str, typer.Argument(metavar="A", help="The first entity (any of its names, or its IRI).")],
    target_entity: Annotated[str, typer.Argument(metavar="B", help="The second entity.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many shortest paths.")] = 3,
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Show the shortest paths between two entities, each hop with its relation and the sentences
    that state it."""
    from .network import find_node, shortest_paths, to_networkx

    graph = to_networkx(open_source(store, data, endpoint))
    a, b = find_node(graph, source_entity), find_node(graph, target_entity)
    paths = shortest_paths(graph, a, b, limit=limit)
    if not paths:
        out.print(f"No path between {_name(graph, a)} and {_name(graph, b)}: no chain of facts connects them.", markup=False)
        return
    for number, hops in enumerate(paths, 1):
        names = [_name(graph, a)] + [_name(graph, hop["to"]) for hop in hops]
        out.print(f"Path {number} ({len(hops)} hop{'' if len(hops) == 1 else 's'}): {' → '.join(names)}", markup=False)
        for hop in hops:
            arrow = f"—{_relation(hop)}→" if hop["forward"] else f"←{_relation(hop)}—"
            out.print(f"  {_name(graph, hop['from'])} {arrow} {_name(graph, hop['to'])}"
                      f"  (confidence {hop['confidence']:.2f})", markup=False)
            for evidence in hop["evidence"]:
                article = evidence["article"].rsplit("/", 1)[-1] or "?"
                out.print(f"      “{evidence['sentence']}” (article {article}, characters "
                          f"{evidence['start']}–{evidence['end']})", markup=False)
        if number < len(paths):
            out.print("", markup=False)


@app.command("central")
@friendly
def central_cli(
    by: Annotated[str, typer.Option("--by", help="degree, betweenness or pagerank.")] = "degree",
    top: Annotated[int, typer.Option("--top", "-n", help="How many entities to show.")] = 20,
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Rank the most central entities (networkx's degree, betweenness or PageRank centrality)."""
    from .network import centrality, to_networkx

    graph = to_networkx(open_source(store, data, endpoint))
    grid = Table("#", "entity", "type", by, header_style="bold")
    for rank, (node, score) in enumerate(centrality(graph, by, top=top), 1):
        grid.add_row(str(rank), _name(graph, node), graph.nodes[node]["type"], f"{score:.4f}")
    _console().print(grid)


@app.command("communities")
@friendly
def communities_cli(
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Group the entities into communities, more connected to each other than to the rest
    (networkx's greedy modularity), largest first."""
    from .network import communities, to_networkx

    graph = to_networkx(open_source(store, data, endpoint))
    groups = communities(graph)
    if not groups:
        out.print("No communities: the graph has no facts between entities.", markup=False)
    for number, group in enumerate(groups, 1):
        out.print(f"Community {number} ({len(group)}): " + ", ".join(_name(graph, n) for n in group), markup=False)


# ------------------------------------------------------------------------------------------ push

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
    """Send every article graph to a SPARQL server, one named graph at a time (HTTP PUT), replacing
    the graph of the same name there."""
    from .remote import push

    source = open_source(store, data)
    report = push(source, endpoint)
    if not quiet:
        out.print(f"Pushed {report.graphs} graph(s), {report.triples} triples, to {endpoint}", markup=False)


# ---------------------------------------------------------------------------------------- helpers

def _name(graph, node: str) -> str:
    return graph.nodes[node].get("label") or node


def _relation(fact: dict) -> str:
    return f"{fact['predicate']} ({fact['title']})" if fact.get("title") else fact["predicate"]
