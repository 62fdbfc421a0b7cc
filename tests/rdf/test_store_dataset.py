"""SPARQL datasets on the store: the W3C dataset cases (``FROM``, ``FROM NAMED``, ``GRAPH``) on a store
holding their files (in memory, as ``--data`` reads them, and on disk, as ``--store``), the union
of the article graphs when a query names no graph, and one file's blank nodes kept apart from
another's."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.store import GraphStore, load_files

from sparql_dataset import CASES, DATA_FILES, expected_rows, query_text, rows_of, same_rows

GRAPHS = Path(__file__).parents[1] / "data" / "graphs"
KYIV, MUNICH = GRAPHS / "starmer-in-kyiv.ttl", GRAPHS / "rubio-in-munich.ttl"
ARTICLE_A = "https://example.org/kg/article/aaaa1111aaaa1111"
COUNT = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"


@pytest.fixture(scope="module")
def memory_store() -> GraphStore:
    return load_files(DATA_FILES)


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory) -> GraphStore:
    store = GraphStore(tmp_path_factory.mktemp("dataset") / "store")
    for path in DATA_FILES:
        store.load(path)
    store.flush()
    return store


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("where", ["memory", "disk"])
def test_store_w3c_dataset_case(case, where, request):
    store = request.getfixturevalue(f"{where}_store")
    actual = rows_of(store.query(query_text(case)))
    expected = expected_rows(case)
    assert same_rows(expected, actual), f"{case}: expected {expected}, got {actual}"


def count(store: GraphStore, dataset: str = "") -> int:
    return int(next(iter(store.query(COUNT.format(dataset))))["n"].value)


def test_store_from_reads_only_the_graphs_it_names():
    store = load_files([KYIV, MUNICH])
    one_article = len(store.graph_data(ARTICLE_A).splitlines())
    assert count(store) == len(store) > one_article > 0
    assert count(store, f"FROM <{ARTICLE_A}>") == one_article
    assert count(store, "FROM <urn:nonexistent>") == 0
    assert count(store, f"FROM NAMED <{ARTICLE_A}>") == 0  # named graphs only: the default graph is empty


def test_store_graph_without_from_named_sees_every_article():
    store = load_files([KYIV, MUNICH])
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [row["g"].value for row in rows] == store.graphs()
    rows = store.query(f"SELECT DISTINCT ?g FROM NAMED <{ARTICLE_A}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [row["g"].value for row in rows] == [ARTICLE_A]


@pytest.mark.parametrize("text, reads_the_union", [
    ('SELECT (COUNT(*) AS ?n) WHERE { ?from ?p ?o FILTER(STR(?o) != "FROM <urn:x>") } # FROM <urn:y>', True),
    ("PREFIX from: <urn:x#> SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p != from:p) }", True),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p != <urn:FROM>) }", True),
    ("select (count(*) as ?n) from <urn:nonexistent> where { ?s ?p ?o }", False),
])
def test_store_from_is_found_only_as_a_keyword(text, reads_the_union):
    store = load_files([KYIV])
    n = int(next(iter(store.query(text)))["n"].value)
    assert n == (len(store) if reads_the_union else 0)


def test_store_blank_nodes_of_two_files_stay_apart(tmp_path):
    first, second = tmp_path / "one.ttl", tmp_path / "two.ttl"
    first.write_text('_:b <http://example.org/says> "one" .\n')
    second.write_text('_:b <http://example.org/says> "two" .\n')
    store = load_files([first, second])
    rows = store.query("SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b <http://example.org/says> ?what }")
    assert next(iter(rows))["n"].value == "2"
    assert store.graph_data(first.resolve().as_uri()) == b'_:b <http://example.org/says> "one" .\n'


@pytest.mark.parametrize("option", ["--data", "--store"])
def test_store_cli_query_honours_from(tmp_path, option):
    source = [str(KYIV), str(MUNICH)]
    if option == "--store":
        store = GraphStore(tmp_path / "s")
        for path in source:
            store.load(path)
        store.flush()
        del store
        args = ["--store", str(tmp_path / "s")]
    else:
        args = [arg for path in source for arg in ("--data", path)]
    runner = CliRunner()
    every = runner.invoke(app, ["query", COUNT.format(""), *args, "-f", "csv"])
    one = runner.invoke(app, ["query", COUNT.format(f"FROM <{ARTICLE_A}>"), *args, "-f", "csv"])
    none = runner.invoke(app, ["query", COUNT.format("FROM <urn:nonexistent>"), *args, "-f", "csv"])
    assert every.exit_code == one.exit_code == none.exit_code == 0, every.output + one.output + none.output
    total, article, nothing = (int(r.output.split()[-1]) for r in (every, one, none))
    assert total > article > 0 and nothing == 0
