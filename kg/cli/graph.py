"""Graph questions on networkx: `kg path`, `kg neighbors`, `kg central`, `kg communities`. They read
the entity graph without its sentences (`kg.questions.network.entity_graph`); `kg path` reads the
sentences of the hops it prints."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from .app import app, friendly, out, table_console
from .sources import DataOption, EndpointOption, StoreOption, open_source


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
    """Show the shortest paths between two entities, each hop with the sentences that state it."""
    from ..questions.network import entity_graph, find_node, hop_evidence, shortest_paths

    source = open_source(store, data, endpoint)
    graph = entity_graph(source)
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
            for evidence in hop_evidence(source, hop):
                article = evidence["article"].rsplit("/", 1)[-1] or "?"
                out.print(f"      “{evidence['sentence']}” (article {article}, characters "
                          f"{evidence['start']}–{evidence['end']})", markup=False)
        if number < len(paths):
            out.print("", markup=False)


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
    from ..questions.network import entity_graph, find_node, neighbors

    graph = entity_graph(open_source(store, data, endpoint))
    node = find_node(graph, entity)
    sub = neighbors(graph, node, depth)
    grid = Table("subject", "relation", "object", "confidence", header_style="bold")
    edges = sorted(sub.edges(data=True), key=lambda e: (_name(sub, e[0]), e[2]["predicate"], _name(sub, e[1])))
    for u, v, fact in edges:
        grid.add_row(_name(sub, u), _relation(fact), _name(sub, v), f"{fact['confidence']:.2f}")
    grid.caption = f"{sub.number_of_nodes() - 1} neighbours of {_name(graph, node)} within {depth} hop(s)"
    table_console().print(grid)


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
    from ..questions.network import centrality, entity_graph

    graph = entity_graph(open_source(store, data, endpoint))
    grid = Table("#", "entity", "type", by, header_style="bold")
    for rank, (node, score) in enumerate(centrality(graph, by, top=top), 1):
        grid.add_row(str(rank), _name(graph, node), graph.nodes[node]["type"], f"{score:.4f}")
    table_console().print(grid)


@app.command("communities")
@friendly
def communities_cli(
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Group the entities into communities (networkx's greedy modularity), largest first.

    The entities of a community are more connected to each other than to the rest.
    """
    from ..questions.network import communities, entity_graph

    graph = entity_graph(open_source(store, data, endpoint))
    groups = communities(graph)
    if not groups:
        out.print("No communities: the graph has no facts between entities.", markup=False)
    for number, group in enumerate(groups, 1):
        out.print(f"Community {number} ({len(group)}): " + ", ".join(_name(graph, n) for n in group), markup=False)




def _name(graph, node: str) -> str:
    return graph.nodes[node].get("label") or node


def _relation(fact: dict) -> str:
    return f"{fact['predicate']} ({fact['title']})" if fact.get("title") else fact["predicate"]
