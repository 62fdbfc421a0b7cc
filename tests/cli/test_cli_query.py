"""`kg query`, `kg neighbors`, `kg path`, `kg central`, `kg communities` on the fixture graphs:
output formats, the stored-query list, the default source, and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.questions.queries import available

DATA = Path(__file__).parents[1] / "data"
GRAPHS = DATA / "graphs"
SOURCE = ["--data", str(GRAPHS)]
runner = CliRunner()


def kg(*args: str):
    return runner.invoke(app, list(args))


def test_cli_query_tsv_is_the_golden_result():
    result = kg("query", "people", *SOURCE, "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout == (DATA / "queries" / "people.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize("format, results_format", [
    ("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML), ("tsv", ox.QueryResultsFormat.TSV),
])
def test_cli_query_sparql_results_formats(format, results_format):
    result = kg("query", "entity", "-p", "entity=Marco Rubio", *SOURCE, "-f", format)
    assert result.exit_code == 0, result.output
    rows = list(ox.parse_query_results(result.stdout_bytes, results_format))
    assert sorted(r["predicate"].value.rsplit("#")[1] for r in rows) == ["backs", "holdsRole", "met"]


def test_cli_query_csv_is_the_default_off_a_terminal():
    result = kg("query", "countries", *SOURCE)
    assert result.stdout.splitlines() == [
        "country,name,iso,articles",
        "https://example.org/kg/id/country/GB,United Kingdom,GB,2",
        "https://example.org/kg/id/country/RU,Russia,RU,1",
        "https://example.org/kg/id/country/UA,Ukraine,UA,1",
        "https://example.org/kg/id/country/US,United States,US,1",
    ]


def test_cli_query_table_is_readable():
    result = kg("query", "roles", *SOURCE, "-f", "table")
    assert result.exit_code == 0, result.output
    for text in ("Marco Rubio", "secretary of state", "id:country/US", "4 rows"):
        assert text in result.stdout


@pytest.mark.parametrize("format, parse_as", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")])
def test_cli_query_construct_gives_rdf(format, parse_as):
    query = "CONSTRUCT { ?c ?p ?o } WHERE { ?c a <https://schema.org/Country> ; ?p ?o }"
    result = kg("query", query, *SOURCE, "-f", format)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout_bytes, format=parse_as)
    assert len(set(graph.subjects())) == 4


def test_cli_query_ask_answers_yes_or_no():
    assert "│ yes    │" in kg("query", "ASK { ?p a <https://schema.org/Person> }", *SOURCE, "-f", "table").stdout
    assert json.loads(kg("query", "ASK { ?p a <https://schema.org/Event> }", *SOURCE, "-f", "json").stdout)["boolean"] is False


def test_cli_query_a_rq_file(tmp_path):
    path = tmp_path / "titles.rq"
    path.write_text("# title: Titles\n# param name: a person (default: Keir Starmer)\n"
                    "SELECT ?name ?title WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name ;"
                    " <https://schema.org/jobTitle> ?title }\n")
    result = kg("query", str(path), "-p", "name=Marco Rubio", *SOURCE)
    assert result.stdout.splitlines() == ["name,title", "Marco Rubio,secretary of state"]


@pytest.mark.parametrize("text, param, expected", [
    ("SELECT ?title WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name ; <https://schema.org/jobTitle> ?title }",
     "name=Marco Rubio", ["title", "secretary of state"]),
    ("# title: Titles of one person\n# param who: a person's name\n"
     "SELECT ?title WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?who ; <https://schema.org/jobTitle> ?title }",
     "who=Marco Rubio", ["title", "secretary of state"]),
])
def test_cli_query_own_rq_file_binds_any_variable_it_uses(tmp_path, text, param, expected):
    path = tmp_path / "mine.rq"
    path.write_text(text + "\n", encoding="utf-8")
    result = kg("query", str(path), "-p", param, *SOURCE)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == expected


@pytest.mark.parametrize("width", [80, 120])
def test_cli_query_table_wraps_long_cells_at_terminal_width(width):
    """Every cell is printed whole (wrapped, never cut), and no line is wider than the terminal."""
    from rich.console import Console

    from kg.questions import results
    from kg.questions.queries import load_query
    from kg.rdf.store import read_graph_files

    store = read_graph_files(sorted(GRAPHS.glob("*.ttl")))
    query = load_query("entity")
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    results.write(store.query(query.text, query.bindings({"entity": "Keir Starmer"}, store)), "table", None, console)
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= width
    expected = results.rows(store.query(query.text, query.bindings({"entity": "Keir Starmer"}, store)))
    words = set(text.replace("│", " ").split())
    for row in expected:
        for column in ("subjectName", "objectName"):
            assert set(row[column].split()) <= words, f"{row[column]!r} was cut"
    assert "…" not in text


def test_cli_query_list_shows_every_stored_query():
    result = kg("query", "--list")
    assert result.exit_code == 0
    for name in available():
        assert name in result.stdout
    assert "_graph" not in result.stdout


def test_cli_query_reads_exports_by_default(tmp_path, monkeypatch):
    shutil.copytree(GRAPHS, tmp_path / "exports")
    monkeypatch.chdir(tmp_path)
    result = kg("query", "people", "-f", "tsv")
    assert result.stdout == (DATA / "queries" / "people.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["query", "nonsense", *SOURCE], "no stored query named 'nonsense'"),
    (["query", "SELECT ?x WHERE {", *SOURCE], "the SPARQL query is malformed"),
    (["query", "people", "-p", "entity", *SOURCE], "--param takes name=value, not 'entity'"),
    (["query", "people", "-f", "turtle", *SOURCE], "a SELECT query gives rows, not a graph"),
    (["query", "people", "-f", "yaml", *SOURCE], "unknown format 'yaml'"),
    (["query", "CONSTRUCT WHERE { ?s ?p ?o }", "-f", "csv", *SOURCE], "gives a graph, not rows"),
    (["query", "people", "--store", "nowhere", *SOURCE], "give only one of --store, --data and --endpoint"),
    (["query", "people", "--store", "nowhere"], "nowhere: no store there"),
    (["query", "people", "--data", "missing.ttl"], "missing.ttl: no such file"),
    (["query"], "give a stored query's name"),
    (["path", "Angela Merkel", "Rubio", *SOURCE], "no entity named 'Angela Merkel'"),
    (["neighbors", "president", *SOURCE], "'president' names several entities"),
    (["central", "--by", "closeness", *SOURCE], "unknown centrality 'closeness'"),
    (["query", "entity", *SOURCE], "query 'entity' needs its parameter entity"),
    (["query", "evidence", "-p", "entity=", *SOURCE], "query 'evidence' needs its parameter entity"),
    (["query", "entity", "-p", "entity=Nobody Atall", *SOURCE],
     "no entity named 'Nobody Atall' in the graph; try `kg query people` for the names it knows"),
    (["neighbors", "Nobody Atall", *SOURCE],
     "no entity named 'Nobody Atall' in the graph; try `kg query people` for the names it knows"),
    (["query", "SELECT ?a WHERE { ?a ?b ?c }", "-p", "d=1", *SOURCE], "the query uses no variable ?d"),
])
def test_cli_query_errors_are_one_line(args, message):
    result = kg(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_query_empty_folder_says_what_to_give(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = kg("query", "people")
    assert result.exit_code == 1
    assert "no RDF files in exports/ (the default); give --store DIR, --data FILE or --endpoint URL" in result.stderr


def test_cli_path_prints_each_hop_with_its_evidence():
    result = kg("path", "Marco Rubio", "Keir Starmer", *SOURCE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "Path 1 (2 hops): Marco Rubio → Volodymyr Zelensky → Keir Starmer",
        "  Marco Rubio —met→ Volodymyr Zelensky  (confidence 0.85)",
        "      “US Secretary of State Marco Rubio met Mr Zelensky in Munich.” (article bbbb2222bbbb2222, characters 0–60)",
        "  Volodymyr Zelensky ←met— Keir Starmer  (confidence 0.85)",
        "      “Prime Minister Sir Keir Starmer met President Volodymyr Zelensky in Kyiv, the capital of Ukraine.” "
        "(article aaaa1111aaaa1111, characters 0–97)",
    ]
    assert "Path 2 (2 hops): Marco Rubio → peace talks → Keir Starmer" in lines


def test_cli_path_without_a_connection_says_so():
    result = kg("path", "Munich", "Keir Starmer", *SOURCE)
    assert result.exit_code == 0
    assert result.stdout.strip() == "No path between Munich and Keir Starmer: no chain of facts connects them."


def test_cli_neighbors_lists_the_facts_around_an_entity():
    result = kg("neighbors", "Rubio", *SOURCE)
    assert result.exit_code == 0, result.output
    for text in ("backs", "peace talks", "holdsRole (secretary of state)", "United States", "3 neighbours of Marco Rubio"):
        assert text in result.stdout
    assert "Donald Trump" not in result.stdout  # two hops away


def test_cli_central_ranks_entities():
    lines = kg("central", "--top", "2", *SOURCE).stdout.splitlines()
    assert any("1 │ Keir Starmer" in line and "0.4167" in line for line in lines)
    assert any("2 │ peace talks" in line and "0.3333" in line for line in lines)


def test_cli_communities_lists_groups():
    lines = kg("communities", *SOURCE).stdout.splitlines()
    assert lines and all(line.startswith("Community ") for line in lines)
    assert "Marco Rubio" in "".join(lines) and "Munich" not in "".join(lines)


# --- pages ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The graphs of the 285 Wikinews articles (1,400 people), as one N-Quads file."""
    import lzma

    path = tmp_path_factory.mktemp("corpus") / "corpus.nq"
    path.write_bytes(lzma.open(DATA / "corpus" / "wikinews-285.nq.xz").read())
    return path


def test_cli_query_a_listing_shows_a_page_on_a_terminal_and_every_row_elsewhere(corpus):
    table = kg("query", "people", "--data", str(corpus), "-f", "table")
    assert table.exit_code == 0, table.output
    assert "rows 1–50, more follow: --offset 50 for the next page, --limit 0 for all" in table.stdout
    every = kg("query", "people", "--data", str(corpus), "-f", "csv").stdout.splitlines()
    assert len(every) > 1000
    second = kg("query", "people", "--data", str(corpus), "-f", "csv", "--limit", "50", "--offset", "50").stdout.splitlines()
    assert second == every[:1] + every[51:101]
    rows = len(every) - 1  # the header
    last = kg("query", "people", "--data", str(corpus), "-f", "table", "--offset", str(rows - 3))
    assert f"3 rows ({rows - 2}–{rows})" in last.stdout
    assert kg("query", "people", "--data", str(corpus), "-f", "table", "--limit", "0").stdout.count("id:person/") == len(every) - 1


@pytest.mark.parametrize("args, message", [
    (["--limit", "-1"], "Invalid value for '--limit'"),
    (["SELECT * WHERE { ?s ?p ?o } LIMIT 3", "--limit", "2"], "the query ends with its own LIMIT, OFFSET or VALUES"),
])
def test_cli_query_bad_pages_are_one_line_errors(args, message):
    result = kg("query", *(args if args[0].startswith("SELECT") else ["people", *args]), *SOURCE)
    assert result.exit_code != 0 and message in result.output
