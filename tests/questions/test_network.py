"""The networkx view on the two hand-written fixture articles (tests/data/graphs), whose graph is
small enough to work out by hand:

    Keir Starmer — met, visited Kyiv, prime minister of GB, commitsTo partnership, considers talks
    Volodymyr Zelensky — president of Ukraine, met by Starmer and by Rubio
    Marco Rubio — secretary of state of US, backs peace talks; Trump proposes them, Russia opposes
    Kyiv locatedIn Ukraine; partnership concerns Ukraine; Munich and Nato have no facts
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.core.errors import QueryError
from kg.questions.network import centrality, communities, find_node, neighbors, shortest_paths, to_networkx
from kg.rdf.store import load_files

ID = "https://example.org/kg/id/"
STARMER, ZELENSKY, RUBIO = ID + "person/keir-starmer", ID + "person/volodymyr-zelensky", ID + "person/marco-rubio"
TALKS = ID + "proposal/bbbb2222bbbb/peace-talks"


@pytest.fixture(scope="module")
def graph():
    return to_networkx(load_files([Path(__file__).parents[1] / "data" / "graphs"]))


def test_network_nodes_and_edges(graph):
    assert graph.number_of_nodes() == 15  # 13 entities and proposals, 2 quotations
    assert graph.number_of_edges() == 15  # every fact but Trump's role, which names no country
    role = graph.get_edge_data(STARMER, ID + "country/GB")
    assert [(d["predicate"], d["title"]) for d in role.values()] == [("holdsRole", "prime minister")]


@pytest.mark.parametrize("name, node", [
    ("Keir Starmer", STARMER), ("sir keir", STARMER), ("SIR KEIR STARMER", STARMER), (STARMER, STARMER),
    ("Rubio", RUBIO), ("Mr Zelensky", ZELENSKY), ("Nato", ID + "organization/north-atlantic-treaty-organization"),
    ("Britain", ID + "country/GB"), ("peace talks", TALKS),
])
def test_network_find_node_by_any_name(graph, name, node):
    assert find_node(graph, name) == node


@pytest.mark.parametrize("name, message", [
    ("Angela Merkel", "no entity named 'Angela Merkel'"),
    ("president", "'president' names several entities: Donald Trump .*; Volodymyr Zelensky"),
    ("a start", "no entity named"),  # quotations are not entities
])
def test_network_find_node_errors(graph, name, message):
    with pytest.raises(QueryError, match=message):
        find_node(graph, name)


def test_network_degree_centrality_by_hand(graph):
    # 13 non-quotation nodes, so a node's degree centrality is its number of neighbours / 12
    expected = [(STARMER, 5 / 12), (TALKS, 4 / 12), (RUBIO, 3 / 12), (ID + "country/UA", 3 / 12), (ZELENSKY, 3 / 12)]
    got = centrality(graph, "degree", top=5)
    assert [n for n, _ in got] == [n for n, _ in expected]
    assert [s for _, s in got] == pytest.approx([s for _, s in expected])


def test_network_betweenness_puts_the_bridges_first(graph):
    scores = dict(centrality(graph, "betweenness", top=100))
    assert [n for n, _ in centrality(graph, "betweenness", top=2)] == [STARMER, TALKS]
    for leaf in ("country/GB", "country/RU", "person/donald-trump", "place/munich"):
        assert scores[ID + leaf] == 0.0


def test_network_pagerank_sums_to_one(graph):
    assert sum(s for _, s in centrality(graph, "pagerank", top=100)) == pytest.approx(1.0)


def test_network_unknown_centrality_is_an_error(graph):
    with pytest.raises(QueryError, match="use degree, betweenness or pagerank"):
        centrality(graph, "closeness")


def test_network_shortest_paths_with_evidence(graph):
    paths = shortest_paths(graph, "Marco Rubio", "Keir Starmer")
    hops = [[(h["from"], h["predicate"], h["to"], h["forward"]) for h in path] for path in paths]
    assert hops == [
        [(RUBIO, "met", ZELENSKY, True), (ZELENSKY, "met", STARMER, False)],  # weakest hop 0.85
        [(RUBIO, "backs", TALKS, True), (TALKS, "considers", STARMER, False)],  # weakest hop 0.48
    ]
    assert [e["sentence"] for e in paths[0][1]["evidence"]] == [
        "Prime Minister Sir Keir Starmer met President Volodymyr Zelensky in Kyiv, the capital of Ukraine."]
    assert paths[0][0]["evidence"][0]["article"] == "https://example.org/kg/article/bbbb2222bbbb2222"
    assert shortest_paths(graph, "Marco Rubio", "Keir Starmer", limit=1) == paths[:1]


@pytest.mark.parametrize("a, b, length", [("Rubio", "Mr Zelensky", 1), ("Donald Trump", "Kyiv", 3), ("Britain", "Russia", 3)])
def test_network_shortest_path_lengths(graph, a, b, length):
    assert {len(path) for path in shortest_paths(graph, a, b)} == {length}


def test_network_no_path_is_empty(graph):
    assert shortest_paths(graph, "Munich", "Keir Starmer") == []


def test_network_neighbors_by_depth(graph):
    assert set(neighbors(graph, "Rubio", 1)) == {RUBIO, ZELENSKY, ID + "country/US", TALKS}
    two = set(neighbors(graph, "Rubio", 2))
    assert two == {RUBIO, ZELENSKY, ID + "country/US", TALKS, STARMER, ID + "country/UA", ID + "person/donald-trump",
                   ID + "country/RU", ID + "quote/bbbb000000000001"}
    with pytest.raises(QueryError, match="depth must be 1 or more"):
        neighbors(graph, "Rubio", 0)


def test_network_communities_partition_the_connected_entities(graph):
    groups = communities(graph)
    members = [n for group in groups for n in group]
    connected = {n for n, d in graph.nodes(data=True) if d["type"] != "Quotation" and graph.degree(n) > 0}
    assert sorted(members) == sorted(connected)  # each exactly once; Munich and Nato (no facts) left out
    assert len(groups) >= 2 and [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)
