"""The command line: help text for every command, build outputs, one-line errors."""

from __future__ import annotations

import re
import subprocess
import sys

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
