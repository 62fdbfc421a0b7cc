"""One entity's facts in date order (queries/timeline.rq, kg.questions.timeline, `kg timeline`), and
one proposal's stances (queries/stances.rq), on the hand-written fixture articles: Starmer in
Kyiv (16 January 2025) and Rubio in Munich (14 February 2025, "Russia rejected the talks on
Tuesday")."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.core.errors import QueryError
from kg.questions import results
from kg.questions.queries import load_query
from kg.questions.timeline import timeline
from kg.rdf.store import load_files

GRAPHS = Path(__file__).parents[1] / "data" / "graphs"
runner = CliRunner()


@pytest.fixture(scope="module")
def store():
    return load_files([GRAPHS])


@pytest.mark.parametrize("name", ["Russia", "russia", "https://example.org/kg/id/country/RU"])
def test_timeline_sentence_that_says_when_comes_at_that_day(store, name):
    entries = timeline(store, name)
    assert [(e.date, e.when, e.time, e.reported, e.sentence) for e in entries] == [
        ("2025-02-11", "happened", "on Tuesday", "2025-02-14", "Russia rejected the talks on Tuesday."),
        ("2025-02-14", "reported", "", "2025-02-14",
         "President Donald Trump proposed peace talks, which Mr Rubio backed and Russia questioned."),
    ]


def test_timeline_orders_articles_by_their_dates(store):
    entries = timeline(store, "Keir Starmer")
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert [(e.headline, e.relation, e.object) for e in entries][-2:] == [
        ("Starmer in Kyiv", "said", "We are with you for a hundred years"), ("Rubio in Munich", "considers", "peace talks")]


def test_timeline_a_word_of_one_name_finds_the_entity(store):
    assert {e.subject for e in timeline(store, "Rubio")} == {"Marco Rubio"}


@pytest.mark.parametrize("name", ["Nobody At All", "Munich\" } ; DROP ALL ; {", "Rubio in Munich"])
def test_timeline_unknown_entity_is_a_query_error(store, name):
    with pytest.raises(QueryError, match="no entity named"):
        timeline(store, name)


def test_timeline_command_prints_a_readable_list():
    result = runner.invoke(app, ["timeline", "russia", "--data", str(GRAPHS)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Timeline of russia: 2 sentence(s) from 1 article(s)",
        "2025-02-11  Russia opposes peace talks (on Tuesday)",
        "            “Russia rejected the talks on Tuesday.” (Rubio in Munich, reported 2025-02-14)",
        "2025-02-14  Russia opposes peace talks",
        "            “President Donald Trump proposed peace talks, which Mr Rubio backed and Russia questioned.” "
        "(Rubio in Munich)",
    ]


def test_timeline_command_unknown_entity_is_one_line():
    result = runner.invoke(app, ["timeline", "Nobody", "--data", str(GRAPHS)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "no entity named 'Nobody'" in result.stderr


@pytest.mark.parametrize("value", ["peace talks", "PEACE TALKS", "https://example.org/kg/id/proposal/bbbb2222bbbb/peace-talks"])
def test_stances_of_a_proposal_by_any_name_in_date_order(store, value):
    query = load_query("stances")
    rows = results.rows(store.query(query.text, query.bindings({"proposal": value}, store)))
    assert [(r["date"], r["holderName"], r["stance"].rsplit("#", 1)[1]) for r in rows] == [
        ("2025-02-11", "Russia", "opposes"), ("2025-02-14", "Marco Rubio", "backs"), ("2025-02-14", "Russia", "opposes"),
        ("2025-02-14", "Donald Trump", "proposes"), ("2025-02-14", "Keir Starmer", "considers")]


def test_stances_relations_are_those_the_query_lists():
    """The pages draw a proposal's timeline from the relations of `STANCES`; the server's
    explorer asks stances.rq: both must mean the same stances."""
    import re

    from kg.questions.timeline import STANCES

    listed = re.search(r"FILTER \(\?stance IN \(([^)]*)\)\)", load_query("stances").text).group(1)
    assert [term.strip().removeprefix("kg:") for term in listed.split(",")] == list(STANCES)
