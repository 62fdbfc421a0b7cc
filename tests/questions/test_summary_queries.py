"""The stored queries give the same rows as before this version, whether a store's summary graph
answers them or its article graphs do; a page of a listing is a slice of its rows; the entity
graph of the graph commands is the networkx view without its sentences, and a hop's sentences
are the view's.

"Before" is the text of each query as it was before the summary graph and the paging
(``tests/data/queries/before/``, copied from kg 0.1.0 as it was then), run on the graphs `kg
build` made of the 285 Wikinews articles (``tests/data/corpus/``).
"""

from __future__ import annotations

import lzma
import re
from itertools import combinations, islice
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.core.errors import QueryError
from kg.questions import results
from kg.questions.network import (centrality, communities, entity_graph, find_node, hop_evidence, neighbors,
                                  shortest_paths, to_networkx)
from kg.questions.queries import available, load_query, parse_query_file
from kg.questions.timeline import timeline
from kg.rdf import starts as row_starts
from kg.rdf.namespace import KG, SUMMARY_GRAPH
from kg.rdf.sparql import PAGE_MARK
from kg.rdf.store import GraphStore

DATA = Path(__file__).parents[1] / "data"
BEFORE = DATA / "queries" / "before"
# names as the articles write them (and one in lower case, one IRI): an entity bearing each name in
# all its articles, so that finding it by name in each article (before) or in any (the summary)
# finds the same facts
ENTITIES = ["Donald Trump", "https://example.org/kg/id/country/US", "European Union", "boris johnson", "Joe Biden",
            "Twitter"]
# the three proposal names whose stances are told in the most articles (then the most stances, then
# by name): each is borne by proposals of several articles, so its stances gather rows across them
SHARED_PROPOSALS = """
PREFIX kg: <https://example.org/kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?name (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?fact) AS ?stances) WHERE {
  GRAPH ?article {
    ?proposal a kg:Proposal ; rdfs:label|schema:name|schema:alternateName ?name .
    ?fact rdf:object ?proposal ; rdf:predicate ?stance .
    FILTER (?stance IN (kg:proposes, kg:backs, kg:opposes, kg:considers, kg:discusses, kg:commitsTo))
  }
}
GROUP BY ?name HAVING (COUNT(DISTINCT ?article) > 1)
ORDER BY DESC(?articles) DESC(?stances) ?name LIMIT 3
"""
SUMMARY = ox.NamedNode(SUMMARY_GRAPH)
KG_START_OF, KG_START_ARTICLE = ox.NamedNode(str(KG.startOf)), ox.NamedNode(str(KG.startArticle))


def corpus(with_summary: bool) -> GraphStore:
    store = GraphStore()
    store.store.extend(ox.parse(lzma.open(DATA / "corpus" / "wikinews-285.nq.xz").read(), format=ox.RdfFormat.N_QUADS))
    if with_summary:
        store.ensure_summary()
    return store


@pytest.fixture(scope="module")
def plain() -> GraphStore:
    return corpus(with_summary=False)


@pytest.fixture(scope="module")
def summarised() -> GraphStore:
    return corpus(with_summary=True)


@pytest.fixture(scope="module")
def proposals(plain) -> list[str]:
    names = [row["name"].value for row in plain.query(SHARED_PROPOSALS)]
    assert len(names) == 3, f"the corpus has {len(names)} proposals with stances in several articles"
    return names


def rows(answer) -> list[tuple]:
    """Rows as tuples of strings; a cell joining several names ("a; b", tab-separated) as the sorted
    names: SPARQL leaves the order of GROUP_CONCAT open, and two plans may differ in it."""
    names = [v.value for v in answer.variables]
    return [tuple("; ".join(sorted(re.split(r"; |\t", row[n].value))) if row[n] is not None else "" for n in names)
            for row in answer]


def run(store: GraphStore, query, values: dict[str, str], **page) -> list[tuple]:
    return rows(store.query(*query.prepare(store, values, **page)))


def parameter_sets(query, proposals: list[str]) -> list[dict[str, str]]:
    if not query.params:
        return [{}]
    name = query.params[0].name
    return [{name: value} for value in (ENTITIES if name == "entity" else proposals)]


def ordered(query_text: str, got: list[tuple]) -> list[tuple]:
    code = "".join(line for line in query_text.splitlines() if not line.lstrip().startswith("#"))
    return got if "ORDER BY" in code.rsplit("}", 1)[-1] else sorted(got)


@pytest.mark.parametrize("name", sorted(p.stem for p in BEFORE.glob("*.rq")))
def test_summary_queries_give_the_rows_of_before(plain, summarised, proposals, name):
    before = parse_query_file(name, (BEFORE / f"{name}.rq").read_text(encoding="utf-8"))
    now = load_query(name)
    assert summarised.summary_ready() and not plain.summary_ready()
    for values in parameter_sets(now, proposals):
        expected = ordered(before.text, rows(plain.query(before.text, before.bindings(values, plain))))
        for store in (plain, summarised):
            got = ordered(now.text_for(store), run(store, now, values))
            if name == "co-mentions":  # it showed the first 100; the page is the first 100 now
                got = got[:100]
            assert got == expected, f"{name} {values} {'summary' if store is summarised else 'articles'}"
        assert expected or name in ("_node-degree",), f"{name} {values} finds nothing: a weak comparison"


@pytest.mark.parametrize("name", [n for n in available(internal=True) if load_query(n).summary_text])
def test_summary_queries_every_summary_text_gives_the_rows_of_the_article_graphs(plain, summarised, proposals,
                                                                                    name):
    query = load_query(name)
    several = {r["e"].value for r in plain.query(
        "SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?n } GROUP BY ?e HAVING (COUNT(DISTINCT ?n) > 1)")}
    assert several  # "Sergey M" in one article, "Sergey M․" in another
    # a limit past the last row: a summary text that takes its page early is run only for a page
    every = {"limit": 10**6} if PAGE_MARK.search(query.summary_text) else {}
    for values in parameter_sets(query, proposals):
        text, _ = query.prepare(summarised, values, **every)
        # the summary's text, its parameters bound after its WHERE
        assert text.split("WHERE", 1)[0] == query.summary_text.split("WHERE", 1)[0]
        got = ordered(query.summary_text, run(summarised, query, values, **every))
        expected = ordered(query.text, run(plain, query, values))
        if name == "co-mentions":
            # the article graphs name a companion as the articles they share with the entity do; the
            # summary, by its least name in the store: the same for a node named alike everywhere.
            # The rows are ordered by that name, so a node named otherwise may move among the rows
            # of its count: without the names, the same rows; without those nodes, the same order.
            assert sorted(r[:2] + r[3:] for r in got) == sorted(r[:2] + r[3:] for r in expected)
            got, expected = ([r for r in rows if r[1] not in several] for rows in (got, expected))
        assert got == expected, f"{name} {values}"


def test_summary_queries_a_name_finds_its_entity_in_every_article(plain, summarised):
    """A deliberate difference: "Trump" is a name of Donald Trump in some articles only. The
    article graphs give his facts of those articles; the summary, his facts of every article."""
    entity = load_query("entity")
    by_graphs = {r[1:5] for r in run(plain, entity, {"entity": "Trump"})}
    by_summary = {r[1:5] for r in run(summarised, entity, {"entity": "Trump"})}
    bearers = {r["e"].value for r in plain.query(  # Donald Trump, and the other nodes this corpus calls "Trump"
        'SELECT DISTINCT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label>|<https://schema.org/alternateName> "Trump" }')}
    everything = {r[1:5] for iri in bearers for r in run(summarised, entity, {"entity": iri})}
    assert "https://example.org/kg/id/person/donald-trump" in bearers
    assert by_graphs < by_summary == everything


PAGED = [name for name in available() if load_query(name).page]


@pytest.mark.parametrize("name", PAGED)
@pytest.mark.parametrize("size", [1, 3, 50])
def test_summary_queries_pages_are_slices_of_every_row(plain, summarised, proposals, name, size):
    query = load_query(name)
    for store in (plain, summarised):
        values = parameter_sets(query, proposals)[0]
        every = run(store, query, values)
        assert run(store, query, values, limit=0) == every and len(every) > 3
        pages, offset = [], 0
        while offset < min(len(every), 3 * size):
            pages += run(store, query, values, limit=size, offset=offset)
            offset += size
        assert pages == every[:offset] and pages
        assert run(store, query, values, limit=size, offset=len(every)) == []


def test_summary_queries_listings_and_co_mentions_have_a_page():
    assert set(PAGED) == {"people", "countries", "organizations", "proposals", "quotes", "roles", "meetings",
                          "co-mentions", "entity", "evidence", "timeline"}
    assert load_query("co-mentions").page == 100 and load_query("people").page == 50


@pytest.mark.parametrize("limit, offset, message", [
    (-1, 0, "the limit must be a whole number, 0 or more, not -1"),
    (5, -2, "the offset must be a whole number, 0 or more, not -2"),
    ("5; DROP ALL", 0, "the limit must be a whole number"),
])
def test_summary_queries_a_page_is_two_checked_numbers(plain, limit, offset, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        load_query("people").text_for(plain, limit=limit, offset=offset)


@pytest.mark.parametrize("text", ["SELECT * WHERE { ?s ?p ?o } LIMIT 5", "SELECT * WHERE { ?s ?p ?o } OFFSET 5",
                                  "SELECT * WHERE { ?s ?p ?o } VALUES ?s { <urn:a> }"])
def test_summary_queries_your_own_query_keeps_its_own_limit(text):
    with pytest.raises(QueryError, match="ends with its own LIMIT, OFFSET or VALUES"):
        load_query(text).text_for(limit=10)
    assert load_query(text).text_for() == text


@pytest.mark.parametrize("with_summary", [False, True], ids=["articles", "summary"])
def test_summary_queries_entity_graph_is_the_view_without_its_sentences(plain, summarised, with_summary):
    store = summarised if with_summary else plain
    full, light = to_networkx(plain), entity_graph(store)
    assert list(full.nodes(data=True)) == list(light.nodes(data=True))
    strip = lambda graph: [(u, v, k, {a: b for a, b in d.items() if a != "evidence"})  # noqa: E731
                           for u, v, k, d in graph.edges(keys=True, data=True)]
    assert strip(full) == strip(light) and light.number_of_edges() > 2000
    for u, v, key, data in list(full.edges(keys=True, data=True))[::40]:
        hop = {"from": u, "to": v, "forward": True, "predicate": data["predicate"], "title": data["title"]}
        assert hop_evidence(store, hop) == data["evidence"], (u, v, key)


def hubs(graph: nx.MultiDiGraph, count: int) -> list[str]:
    """The names of the ``count`` entities with the most neighbours (ties by IRI), among those
    their name finds (`kg path` is given names)."""
    simple = nx.Graph(graph.to_undirected(as_view=True))
    simple.remove_nodes_from([n for n, d in graph.nodes(data=True) if d["type"] == "Quotation"])
    names = []
    for node in sorted(simple, key=lambda n: (-simple.degree(n), n)):
        try:
            found = find_node(graph, graph.nodes[node]["label"])
        except QueryError:  # a name several entities bear
            continue
        if found == node:
            names.append(graph.nodes[node]["label"])
        if len(names) == count:
            return names
    return names


@pytest.fixture(scope="module")
def path_pairs(plain) -> dict[str, tuple[str, str]]:
    """Two pairs of the twelve best-connected entities joined only through others: the one with the
    longest shortest paths (many hops, each with its evidence), and the one with the most shortest
    paths (their order by support, and the cut at the limit); the first in rank order on a tie."""
    graph = to_networkx(plain)
    simple = nx.Graph(graph.to_undirected(as_view=True))
    measured = []
    for a, b in combinations(hubs(graph, 12), 2):
        u, v = find_node(graph, a), find_node(graph, b)
        hops = nx.shortest_path_length(simple, u, v) if nx.has_path(simple, u, v) else 0
        if hops > 1:
            paths = len(list(islice(nx.all_shortest_paths(simple, u, v), 10)))
            measured.append((hops, paths, a, b))
    assert measured, "no two of the best-connected entities are joined through others"
    longest = max(measured, key=lambda m: m[0])  # max keeps the first of equals
    most = max(measured, key=lambda m: m[1])
    assert longest[0] > 2 and most[1] > 1, (longest, most)
    return {"longest": longest[2:], "most paths": most[2:]}


@pytest.mark.parametrize("pair", ["longest", "most paths"])
def test_summary_queries_paths_are_the_paths_of_the_view(plain, summarised, path_pairs, pair):
    a, b = path_pairs[pair]
    expected = shortest_paths(to_networkx(plain), a, b, limit=3)
    got = shortest_paths(entity_graph(summarised), a, b, limit=3)
    for path in got:
        for hop in path:
            hop["evidence"] = hop_evidence(summarised, hop)
    assert got == expected and expected


@pytest.mark.parametrize("question", [
    lambda graph: centrality(graph, "degree"),
    lambda graph: centrality(graph, "pagerank", top=10),
    lambda graph: communities(graph),
    lambda graph: sorted(neighbors(graph, "Boris Johnson", 2).edges(keys=True)),
], ids=["degree", "pagerank", "communities", "neighbors"])
def test_summary_queries_graph_commands_answer_as_on_the_view(plain, summarised, question):
    """kg central, communities and neighbors read the entity graph from the summary: the same
    answers as on the networkx view of the article graphs (communities: Louvain, seeded)."""
    expected = question(to_networkx(plain))
    assert question(entity_graph(summarised)) == expected and expected


def test_summary_queries_rows_serialise_as_before(summarised):
    """What kg query prints: the TSV bytes of a listing read from the summary are the article graphs'."""
    query = load_query("countries")
    text, bindings = query.prepare(summarised, {})
    assert results.serialize(summarised.query(text, bindings), "tsv") == \
        results.serialize(summarised.query(query.text), "tsv")


STATUSES = """PREFIX kg: <https://example.org/kg/ontology#>
SELECT ?proposal (SAMPLE(?status) AS ?iri) WHERE { ?proposal a kg:Proposal OPTIONAL { ?proposal kg:status ?status } }
GROUP BY ?proposal"""


@pytest.mark.parametrize("with_summary", [False, True], ids=["articles", "summary"])
def test_summary_queries_a_proposal_without_a_status_shows_none(plain, summarised, with_summary):
    """The status column is the label of the proposal's kg:status, and empty when it has none
    (a label joined outside the status's OPTIONAL gave every such proposal "agreed")."""
    store = summarised if with_summary else plain
    labels = {"Proposed": "proposed", "UnderConsideration": "under consideration", "Agreed": "agreed",
              "Withdrawn": "withdrawn", "Rejected": "rejected"}
    expected = {row["proposal"].value: labels[row["iri"].value.rsplit("#", 1)[1]] if row["iri"] is not None else None
                for row in plain.query(STATUSES)}
    query = load_query("proposals")
    got = {row["proposal"].value: row["status"].value if row["status"] is not None else None
           for row in store.query(*query.prepare(store, {}, limit=10**6))}
    assert got == expected
    # both kinds are there: proposals with a status, and without
    assert None in got.values() and {"agreed", "proposed"} <= set(got.values())


@pytest.mark.parametrize("name", ["Donald Trump", "boris johnson", "https://example.org/kg/id/country/US"])
def test_summary_queries_kg_timeline_reads_the_summary_text_and_gives_the_same_entries(plain, summarised, name):
    """`kg timeline` (kg.questions.timeline) runs the summary's timeline text on a store with a
    summary: the same entries as from the article graphs, for a name in any case and an IRI."""
    entries = timeline(summarised, name)
    assert entries == timeline(plain, name) and len(entries) > 10


@pytest.mark.parametrize("name", ["evidence", "timeline"])
def test_summary_queries_an_entity_page_read_from_its_first_articles_is_a_slice_of_every_row(summarised, name):
    """A page of evidence or timeline reads only the articles whose rows come first
    (kg:evidenceIn, kg:TimelineStart): every page, for an entity of one node or a name of several
    ("Trump"), is the slice of every row, and the pages together are every row."""
    query = load_query(name)
    for entity in [*ENTITIES, "Trump"]:
        values = {"entity": entity}
        every = run(summarised, query, values, limit=0)
        assert every, entity
        size = max(1, len(every) // 6)
        pages = [run(summarised, query, values, limit=size, offset=at) for at in range(0, len(every) + size, size)]
        assert [row for page in pages for row in page] == every, entity
        assert all(len(page) == size for page in pages[:len(every) // size]), entity


@pytest.mark.parametrize("name", ["evidence", "timeline"])
def test_summary_queries_rows_before_an_article_are_counted_without_overshooting(summarised, name):
    """kg:evidenceBefore and kg:timelineBefore (kg.rdf.starts) never exceed the rows that come
    before the article's first row, for the nodes with rows in the most articles; and they are
    exact for nearly every article (rows that differ only in a name count once)."""
    counted = ox.NamedNode(str(KG[f"{name}Before"]))
    starts = [quad.subject for quad in summarised.store.quads_for_pattern(None, counted, None, SUMMARY)]
    of = {start: next(summarised.store.quads_for_pattern(start, KG_START_OF, None, SUMMARY)).object for start in starts}
    busiest = sorted(set(of.values()), key=lambda node: (-list(of.values()).count(node), node.value))[:5]
    exact = total = 0
    for node in busiest:
        every = run(summarised, load_query(name), {"entity": node.value}, limit=0)
        column = list(summarised.query(*load_query(name).prepare(summarised, {"entity": node.value}, limit=1))
                      .variables).index(ox.Variable("article"))
        first: dict[str, int] = {}
        for at, row in enumerate(every):
            first.setdefault(row[column], at)
        stored = {next(summarised.store.quads_for_pattern(start, KG_START_ARTICLE, None, SUMMARY)).object.value:
                  int(next(summarised.store.quads_for_pattern(start, counted, None, SUMMARY)).object.value)
                  for start in starts if of[start] == node}
        assert stored.keys() == first.keys(), node
        assert all(stored[article] <= first[article] for article in first), node
        exact += sum(stored[article] == first[article] for article in first)
        total += len(first)
    assert total > 50 and exact >= 0.9 * total, (exact, total)


def test_summary_queries_rows_before_an_article_count_as_oxigraph_orders_them(summarised):
    """The timeline's rows counted in Python's order (kg.rdf.starts) are counted as in Oxigraph's
    order, which a node with a date of another form is counted by."""
    nodes = sorted({quad.object for quad in summarised.store.quads_for_pattern(None, KG_START_OF, None, SUMMARY)},
                   key=str)[::40]
    python = row_starts.row_start_quads(summarised.store, nodes)
    for node in nodes:
        counted = {quad.subject: quad.object.value for quad in python[node] if quad.predicate == row_starts.START_ARTICLE}
        before = {counted[quad.subject]: int(quad.object.value) for quad in python[node]
                  if quad.predicate == row_starts.TIMELINE_BEFORE}
        assert before == row_starts._sparql_before(summarised.store, node), node
    assert len(nodes) > 20


def test_summary_queries_row_starts_read_from_every_fact_or_from_the_nodes_are_the_same(summarised, monkeypatch):
    """Many nodes (a whole build) read every fact of the store once, a few read their own facts:
    the same starts either way."""
    nodes = sorted({quad.object for quad in summarised.store.quads_for_pattern(None, KG_START_OF, None, SUMMARY)},
                   key=str)[::7]
    monkeypatch.setattr(row_starts, "SCAN_FROM", 1)
    scanned = row_starts.row_start_quads(summarised.store, nodes)
    monkeypatch.setattr(row_starts, "SCAN_FROM", 10 ** 9)
    looked_up = row_starts.row_start_quads(summarised.store, nodes)
    assert {node: set(quads) for node, quads in scanned.items()} == {node: set(quads) for node, quads in looked_up.items()}
    assert len(scanned) == len(nodes) > 100
