"""The networkx view read from each article's triples (kg.questions.views, what a build's workers
do) against the view a store gives by SPARQL (kg.questions.network.to_networkx), and the dates
each sentence behind a fact carries: when it says the fact happened, else nothing (the fact is
then dated by its article's day).

Fixtures: tests/data/graphs (two articles; "Russia rejected the talks on Tuesday" is one of the
two sentences of Russia's opposition) and tests/data/viewer/stances.trig (one proposal followed
across three articles, dated by day, week and month, the third article undated)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.questions.network import to_networkx
from kg.questions.views import article_view, dated_evidence, join_views, last_day
from kg.rdf.store import load_files

DATA = Path(__file__).parents[1] / "data"
GRAPHS, STANCES = DATA / "graphs", DATA / "viewer" / "stances.trig"
ID = "https://example.org/kg/id/"
TOLL = ID + "proposal/cccc0001cccc/harbour-bridge-toll"


def article_views(paths: list[Path]) -> nx.MultiDiGraph:
    """The view joined from each article graph's triples, as a build joins its workers' views."""
    graphs: dict[str, list] = defaultdict(list)
    for path in paths:
        fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
        for quad in ox.parse(path.read_bytes(), format=fmt, base_iri="https://example.org/kg/"):
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else path.name
            graphs[name].append((quad.subject.value, quad.predicate.value, quad.object.value))
    views = []
    for name, triples in sorted(graphs.items()):
        articles = [s for s, p, o in triples if o == "https://schema.org/NewsArticle"]
        views.append(article_view(triples, articles[0] if articles else name))
    return join_views(views)


@pytest.mark.parametrize("paths", [sorted(GRAPHS.glob("*.ttl")), [STANCES]])
def test_views_from_triples_are_the_view_of_the_store(paths):
    joined, stored = article_views(paths), to_networkx(load_files(paths))
    assert joined.graph == stored.graph
    assert sorted(joined.nodes(data=True)) == sorted(stored.nodes(data=True))
    edges = lambda g: sorted((u, v, k, repr(d)) for u, v, k, d in g.edges(keys=True, data=True))  # noqa: E731
    assert edges(joined) == edges(stored)
    assert any("happened" in e for _, _, d in stored.edges(data=True) for e in d["evidence"]), "no dated sentence"


@pytest.mark.parametrize("view", [article_views, lambda paths: to_networkx(load_files(paths))])
def test_views_only_the_sentence_with_the_time_words_is_dated(view):
    graph = view(sorted(GRAPHS.glob("*.ttl")))
    evidence = graph.get_edge_data(ID + "country/RU", ID + "proposal/bbbb2222bbbb/peace-talks")["opposes"]["evidence"]
    assert [(e["sentence"], e.get("happened"), e.get("until"), e.get("time")) for e in evidence] == [
        ("President Donald Trump proposed peace talks, which Mr Rubio backed and Russia questioned.", None, None, None),
        ("Russia rejected the talks on Tuesday.", "2025-02-11", "2025-02-11", "on Tuesday"),
    ]


@pytest.mark.parametrize("holder, relation, expected", [
    ("person/mira-castell", "proposes", [("2024-03-04", "2024-03-04", "On Monday")]),  # a day
    ("person/tomas-reyes", "opposes", [("2024-03-25", "2024-03-31", "last week"), (None, None, None)]),  # a week; its other sentence
    ("organization/harbour-council", "commitsTo", [("2024-05-01", "2024-05-31", "in May 2024")]),  # a month, undated article
    ("organization/harbour-council", "considers", [(None, None, None)]),  # dated by its article only
])
def test_views_a_sentence_carries_the_period_it_says(holder, relation, expected):
    graph = to_networkx(load_files([STANCES]))
    evidence = graph.get_edge_data(ID + holder, TOLL)[relation]["evidence"]
    assert [(e.get("happened"), e.get("until"), e.get("time")) for e in evidence] == expected


def test_views_graph_knows_the_articles_dates_and_headlines():
    graph = to_networkx(load_files([STANCES]))
    article = "https://example.org/kg/article/cccc000{0}cccc000{0}".format
    assert graph.graph["dates"] == {article(1): "2024-03-08", article(2): "2024-04-02"}  # the third has none
    assert graph.graph["headlines"][article(3)] == "Council agrees the harbour toll"


@pytest.mark.parametrize("first, precision, last", [
    ("2024-03-04", "day", "2024-03-04"),
    ("2024-03-25", "week", "2024-03-31"),
    ("2024-12-30", "week", "2025-01-05"),
    ("2024-02-01", "month", "2024-02-29"),
    ("2023-02-01", "month", "2023-02-28"),
    ("2019-01-01", "year", "2019-12-31"),
    ("2024-03-04", None, "2024-03-04"),
    ("2024-03-04Z", "day", "2024-03-04Z"),  # not an ISO day: given back as it is
])
def test_views_last_day_of_a_period(first, precision, last):
    assert last_day(first, precision) == last


@pytest.mark.parametrize("sentence, dated", [
    ("They met in Portavel on Monday.", True),
    ("They met in Portavel.", False),
    ("They met in Portavel on monday.", False),  # the words as written, as CONTAINS in stances.rq
])
def test_views_dated_evidence_needs_the_time_words_in_the_sentence(sentence, dated):
    evidence = dated_evidence(sentence, 0, len(sentence), "a", happened="2024-03-04", precision="day", time="on Monday")
    assert (evidence.happened == "2024-03-04") == dated and (evidence.time is not None) == dated


def test_views_fixture_of_dated_stances_is_in_kgs_model():
    from kg.rdf.validate import validate_files

    (report,) = validate_files([STANCES])
    assert report.conforms, report.violations or report.error
