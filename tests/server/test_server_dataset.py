"""SPARQL datasets on `kg serve`: the W3C dataset cases (``FROM``, ``FROM NAMED``, ``GRAPH``) over the
SPARQL 1.1 Protocol, the protocol's ``default-graph-uri``/``named-graph-uri`` taking precedence
over the query's own clauses, and the union of the graphs only when neither names one."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest
from sparql_dataset import BASE, CASES, DATA_FILES, expected_rows, query_text, rows_of, same_rows

from kg.server.app import ServerConfig, serve_in_background

JSON = {"Accept": "application/sparql-results+json"}
G1, G2 = BASE + "data-g1.ttl", BASE + "data-g2.ttl"
EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def endpoint():
    with serve_in_background(ServerConfig(files=DATA_FILES, port=0, workers=1, time_limit=20)) as url:
        yield url


def ask(endpoint: str, query: str, **params) -> list[dict[str, str]]:
    response = httpx.post(f"{endpoint}/sparql", data={"query": query, **params}, headers=JSON)
    assert response.status_code == 200, response.text
    return rows_of(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON))


@pytest.mark.parametrize("case", CASES)
def test_server_w3c_dataset_case(endpoint, case):
    actual, expected = ask(endpoint, query_text(case)), expected_rows(case)
    assert same_rows(expected, actual), f"{case}: expected {expected}, got {actual}"


def test_server_default_graph_is_the_union_when_nothing_names_one(endpoint):
    every_triple = sum(len(list(ox.parse(path=str(path)))) for path in DATA_FILES)
    assert len(ask(endpoint, EVERYTHING)) == every_triple == 12


@pytest.mark.parametrize("query, params, expected", [
    # the protocol's graphs replace the query's own FROM (SPARQL 1.1 Protocol 2.1.4)
    (f"SELECT ?s ?p ?o FROM <{G1}> WHERE {{ ?s ?p ?o }}", {"default-graph-uri": G2}, [("x", "q", "2")]),
    (EVERYTHING, {"default-graph-uri": G2}, [("x", "q", "2")]),
    # named graphs alone: the default graph is empty
    (EVERYTHING, {"named-graph-uri": G1}, []),
    (f"SELECT ?s ?p ?o FROM <{G1}> WHERE {{ ?s ?p ?o }}", {}, [("a", "p", "9"), ("x", "p", "1")]),
    (f"SELECT ?s ?p ?o FROM <{G1}> FROM <{G2}> WHERE {{ ?s ?p ?o }}", {},
     [("a", "p", "9"), ("x", "p", "1"), ("x", "q", "2")]),
    ("SELECT ?s ?p ?o FROM <urn:nonexistent> WHERE { ?s ?p ?o }", {}, []),
])
def test_server_dataset_of_the_protocol_then_of_the_query(endpoint, query, params, expected):
    rows = ask(endpoint, query, **params)
    short = sorted((r["s"].rsplit("/", 1)[1][:-1], r["p"].rsplit("/", 1)[1][:-1], r["o"].split('"')[1]) for r in rows)
    assert short == expected


def test_server_graph_reads_the_protocol_named_graphs_only(endpoint):
    rows = ask(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": G2})
    assert [r["g"] for r in rows] == [f"<{G2}>"]


def test_server_graph_name_that_is_not_an_iri_is_400(endpoint):
    response = httpx.post(f"{endpoint}/sparql", data={"query": EVERYTHING, "default-graph-uri": "not an iri"})
    assert response.status_code == 400
    assert "not an absolute IRI" in response.text
