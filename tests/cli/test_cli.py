"""The command line: help text for every command, build outputs, one-line errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def commands():
    import typer.main

    return sorted(typer.main.get_command(app).commands)


def test_cli_has_the_documented_commands():
    assert {"build", "export", "stats"} <= set(commands())


@pytest.mark.parametrize("command", commands())
def test_cli_every_command_has_help_text(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    usage = result.output.split("Options")[0]
    assert len(usage.strip().splitlines()) >= 2, f"'{command}' has no description"


def test_cli_build_writes_turtle_and_page(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("Sir Keir Starmer met President Volodymyr Zelensky in Kyiv.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(article), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(tmp_path / "out" / "story.ttl")
    assert len(graph) > 10
    html = (tmp_path / "out" / "story.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html)
    assert "Open the graph:" in result.output and "Entities:" in result.output and "Facts:" in result.output


def test_cli_bad_input_is_one_line_error_without_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(empty), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"kg: error: {empty}: the file holds no text" in proc.stderr


def test_cli_missing_model_says_what_to_install(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Text.")
    result = runner.invoke(app, ["build", str(article), "--model", "xx_no_such_model", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "not installed" in result.output and "install" in result.output


def test_cli_stats_counts_facts_by_the_relation_they_state():
    """Relations count facts (a pair met twice is two), named as the graph names them."""
    from collections import Counter
    from pathlib import Path

    from rdflib import RDF, URIRef

    path = Path(__file__).resolve().parents[2] / "exports" / "article.ttl"
    graph = Graph().parse(path)
    facts = set(graph.subjects(RDF.type, URIRef("https://example.org/kg/ontology#Fact")))
    expected = Counter(str(graph.value(f, RDF.predicate)).rsplit("#", 1)[-1] for f in facts)
    result = runner.invoke(app, ["stats", str(path)])
    assert result.exit_code == 0, result.output
    line = next(l for l in result.output.splitlines() if l.startswith("Relations:"))
    shown = {name: int(n) for name, n in re.findall(r"(\w+) (\d+)", line.removeprefix("Relations:"))}
    assert shown == dict(expected) and f"Facts:     {len(facts)}" in result.output


def test_cli_build_summary_counts_what_the_graph_holds(tmp_path):
    """The summary's entities by type and facts by relation are those of the Turtle written,
    as `kg stats` reads them (not the extractor's records before facts are merged)."""
    article = tmp_path / "a.txt"
    article.write_text("Prime Minister Keir Starmer met President Volodymyr Zelensky in Kyiv on Thursday. "
                       "Mr Starmer met Mr Zelensky again in London. \"We stand with Ukraine,\" Mr Starmer said.\n")
    built = runner.invoke(app, ["build", str(article), "--out", str(tmp_path / "out")])
    stats = runner.invoke(app, ["stats", str(tmp_path / "out" / "a.ttl")])
    assert built.exit_code == 0 and stats.exit_code == 0, built.output + stats.output

    def counts(output: str, prefix: str) -> dict[str, int]:
        line = next(l for l in output.splitlines() if l.startswith(prefix))
        return {name: int(n) for name, n in re.findall(r"(\w+) (\d+)", line.removeprefix(prefix))}

    facts = counts(built.output, "Facts:")
    assert facts == counts(stats.output, "Relations:") and facts["met"] >= 1 and facts["said"] == 1
    assert counts(built.output, "Entities:") == counts(stats.output, "Entities:")


# --- one way to name a graph: every command that reads one, from every kind of source ----------

GRAPHS = Path(__file__).parents[1] / "data" / "graphs"
READERS = [  # a command that reads a graph, with its own arguments
    ["query", "people", "-f", "tsv"],
    ["neighbors", "Keir Starmer"],
    ["path", "Marco Rubio", "Keir Starmer"],
    ["central"],
    ["communities"],
    ["stats"],
    ["export", "-f", "csv"],
    ["export", "-f", "trig"],
    ["view", "--out", "page.html"],
]
SOURCES = {  # how a user names the graph (the graph is the same in each)
    "--store": lambda work: ["--store", str(work / "store")],
    "--data FILE x2": lambda work: ["--data", str(GRAPHS / "rubio-in-munich.ttl"), "--data", str(GRAPHS / "starmer-in-kyiv.ttl")],
    "--data DIR": lambda work: ["--data", str(GRAPHS)],
    "exports/": lambda work: [],
}


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    from kg.rdf.store import GraphStore

    work = tmp_path_factory.mktemp("sources")
    store = GraphStore(work / "store")
    for path in sorted(GRAPHS.glob("*.ttl")):
        store.load(path)
    store.flush()
    del store
    (work / "exports").mkdir()
    for path in GRAPHS.glob("*.ttl"):
        (work / "exports" / path.name).write_bytes(path.read_bytes())
    return work


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c[:2]))
def test_cli_every_reader_takes_every_source_and_answers_the_same(sources, command, monkeypatch):
    monkeypatch.chdir(sources)
    answers = {}
    for name, source in SOURCES.items():
        result = runner.invoke(app, [*command, *source(sources)])
        assert result.exit_code == 0, f"{' '.join(command)} {name}: {result.output}"
        answers[name] = (sources / "page.html").read_text(encoding="utf-8") if command[0] == "view" else result.stdout
        answers[name] = re.sub(r"<title>.*?</title>|<h1 .*?</h1>", "", answers[name])  # the title names the source
    assert answers["--store"].strip()
    assert len(set(answers.values())) == 1, f"{' '.join(command)} differs by source: {sorted(answers)}"


def test_cli_build_summary_stats_legend_and_csv_count_alike(tmp_path):
    """A corpus whose entities recur across articles: the build summary, `kg stats` on the output
    folder, the corpus page's legend and the CSV export's rows all give the same counts."""
    import json

    corpus = tmp_path / "news.jsonl"
    texts = ["Prime Minister Keir Starmer met President Volodymyr Zelensky in Kyiv. Starmer backed a truce plan.",
             "Keir Starmer, the British prime minister, visited Paris. Starmer met Emmanuel Macron there.",
             "Volodymyr Zelensky visited London. Zelensky met Keir Starmer, the prime minister of Britain."]
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    built = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    stats = runner.invoke(app, ["stats", str(tmp_path / "out")])
    rows = runner.invoke(app, ["export", "--data", str(tmp_path / "out" / "news.trig"), "-f", "csv"])
    assert built.exit_code == stats.exit_code == rows.exit_code == 0, built.output + stats.output + rows.output

    def counts(output: str, prefix: str) -> dict[str, int]:
        line = next(l for l in output.splitlines() if l.startswith(prefix))
        return {name: int(n) for name, n in re.findall(r"(\w+) (\d+)", line.removeprefix(prefix))}

    page = (tmp_path / "out" / "news.html").read_text(encoding="utf-8")
    legend = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))["counts"]
    entities, relations = counts(built.output, "Entities:"), counts(built.output, "Facts:")
    assert entities["Person"] == 3 and relations["met"] >= 2  # Starmer is one person in three articles
    assert entities == counts(stats.output, "Entities:") == legend["types"]
    assert relations == counts(stats.output, "Relations:") == legend["relations"]
    assert len(rows.stdout.splitlines()) - 1 == sum(relations.values())
    assert f"{sum(relations.values())}" in stats.output.splitlines()[2]
