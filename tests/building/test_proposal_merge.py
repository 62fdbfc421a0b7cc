"""Cross-article proposal merging in a store: the same proposal reported by several articles
becomes one node (its facts and evidence from every article kept), different proposals sharing
common words stay apart, and each merge is recorded and undone like an entity merge.

The articles are extractions written by hand and turned into RDF by `kg.rdf.model`, so the tests
do not depend on what the extractor finds. Their sentences are our own.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.building.merge import MERGES_GRAPH, list_merges, undo_merge
from kg.building.proposal_merge import date_factor, merge_proposals, proposals_in, stems
from kg.cli import app
from kg.core.records import Article, Entity, Evidence, Extraction, Fact, Proposal
from kg.questions import results
from kg.questions.queries import load_query
from kg.rdf.model import article_graph
from kg.rdf.namespace import ID, KG
from kg.rdf.store import GraphStore

VARGA, REHN, HALM = "Person:ilse varga", "Person:tomas rehn", "Person:petra halm"
PEOPLE = {VARGA: "Ilse Varga", REHN: "Tomas Rehn", HALM: "Petra Halm"}


def extraction(number: int, date: str, proposals: dict[str, tuple[str, list[tuple[str, str]]]]) -> Extraction:
    """An article of ``proposals``: key -> (label, [(person key, relation)]), one sentence each."""
    sentences, facts, found = [], [], {}
    for key, (label, stances) in proposals.items():
        sentence = f"Article {number}: " + "; ".join(f"{PEOPLE[p]} {r} the {label}" for p, r in stances) + "."
        start = sum(len(s) + 1 for s in sentences)
        evidence = Evidence(sentence, start, start + len(sentence))
        sentences.append(sentence)
        found[key] = Proposal(key, label, {label}, "proposed", [evidence])
        facts += [Fact(p, relation, key, evidence, 0.9) for p, relation in stances]
    people = {p for _, stances in proposals.values() for p, _ in stances}
    return Extraction(article=Article(id=f"a{number}", text=" ".join(sentences), date=date),
                      entities={p: Entity(p, "Person", PEOPLE[p]) for p in sorted(people)},
                      proposals=found, facts=facts)


ARTICLES = [
    extraction(1, "2021-03-01", {"proposal:a": ("suspension of the assembly", [(VARGA, "proposes"), (REHN, "opposes")]),
                                 "proposal:w": ("plan to build a sea wall", [(VARGA, "proposes")]),
                                 "proposal:g": ("plan to reopen the government offices", [(HALM, "proposes")])}),
    extraction(2, "2021-03-04", {"proposal:b": ("request to suspend the assembly", [(VARGA, "proposes"), (HALM, "opposes")]),
                                 "proposal:w2": ("sea wall plan", [(VARGA, "backs")]),
                                 "proposal:g2": ("plan to reopen the government offices", [(HALM, "backs")])}),
    extraction(3, "2021-03-10", {"proposal:c": ("assembly suspension", [(VARGA, "proposes"), (REHN, "opposes")])}),
    # a year later: another suspension, the same words, too far apart to be the same one
    extraction(4, "2022-06-01", {"proposal:d": ("suspension of the assembly", [(VARGA, "proposes")])}),
]


def iri(number: int, key: str) -> str:
    article = ARTICLES[number - 1].article
    return str(ID[f"proposal/{article.content_hash[:12]}/{key.removeprefix('proposal:')}"])


@pytest.fixture
def store() -> GraphStore:
    store = GraphStore()
    for ex in ARTICLES:
        store.put_graph(f"https://example.org/kg/article/{ex.article.content_hash[:16]}",
                        article_graph(ex).serialize(format="turtle"), "turtle")
    return store


def final(store: GraphStore) -> dict[str, str]:
    return {r.removed: r.kept for r in list_merges(store) if not r.undone}


def test_proposal_merge_same_proposal_of_three_articles_becomes_one_node(store):
    merge_proposals(store)
    into = final(store)
    suspension = {into.get(iri(n, k), iri(n, k)) for n, k in ((1, "proposal:a"), (2, "proposal:b"), (3, "proposal:c"))}
    assert len(suspension) == 1 and suspension == {iri(1, "proposal:a")}  # the earliest is kept
    assert into.get(iri(1, "proposal:w"), iri(1, "proposal:w")) == into.get(iri(2, "proposal:w2"), iri(2, "proposal:w2"))


def test_proposal_merge_keeps_apart_common_words_and_far_dates(store):
    merge_proposals(store)
    into = final(store)
    wall = into.get(iri(1, "proposal:w"), iri(1, "proposal:w"))
    offices = {into.get(iri(n, k), iri(n, k)) for n, k in ((1, "proposal:g"), (2, "proposal:g2"))}
    assert wall not in offices  # "plan" is generic: the wall and the offices share nothing else
    assert iri(4, "proposal:d") not in into  # 15 months later


def test_proposal_merge_stances_of_every_article_meet_in_date_order(store):
    merge_proposals(store)
    query = load_query("stances")
    rows = results.rows(store.query(query.text, query.bindings({"proposal": "Suspension of the Assembly"}, store)))
    kept = iri(1, "proposal:a")
    merged = [(r["date"], r["holderName"], r["stance"].rsplit("#", 1)[1]) for r in rows if r["proposalIri"] == kept]
    # by date; within a sentence, by relation
    assert merged == [("2021-03-01", "Tomas Rehn", "opposes"), ("2021-03-01", "Ilse Varga", "proposes"),
                      ("2021-03-04", "Petra Halm", "opposes"), ("2021-03-04", "Ilse Varga", "proposes"),
                      ("2021-03-10", "Tomas Rehn", "opposes"), ("2021-03-10", "Ilse Varga", "proposes")]
    assert {r["proposalIri"] for r in rows} == {kept, iri(4, "proposal:d")}


def test_proposal_merge_is_recorded_and_undone_exactly(store):
    before = {str(q) for q in store.store if q.graph_name != MERGES_GRAPH}
    records = merge_proposals(store)
    assert records and all(r.undone is False for r in records)
    kinds = {q.object.value.rsplit("#", 1)[1] for q in store.store.quads_for_pattern(None, None, None, MERGES_GRAPH)
             if q.predicate.value.endswith("#type")}
    assert {"EntityMerge", "ProposalMerge"} <= kinds
    for record in sorted(records, key=lambda r: r.id, reverse=True):
        undo_merge(store, record.id)
    assert {str(q) for q in store.store if q.graph_name != MERGES_GRAPH} == before
    again = merge_proposals(store)  # undone merges are not made again, even through a third proposal
    undone = {frozenset((r.removed, r.kept)) for r in records}
    into = final(store)
    ends = {p: into.get(p, p) for r in records for p in (r.removed, r.kept)}
    assert not [pair for pair in undone if len({ends[p] for p in pair}) == 1], again


def test_proposal_merge_is_listed_by_kg_merges(tmp_path):
    location = tmp_path / "store"
    store = GraphStore(location)
    for ex in ARTICLES:
        store.put_graph(f"https://example.org/kg/article/{ex.article.content_hash[:16]}",
                        article_graph(ex).serialize(format="turtle"), "turtle")
    merge_proposals(store)
    store.flush()
    del store
    result = CliRunner().invoke(app, ["merges", "--store", str(location)])
    assert result.exit_code == 0, result.output
    assert "request to suspend the assembly -> " + iri(1, "proposal:a") in result.stdout
    assert "share the words" in result.stdout


def test_proposal_merge_reads_names_participants_and_dates(store):
    found = {p.iri: p for p in proposals_in(store)}
    b = found[iri(2, "proposal:b")]
    assert b.names == {"request to suspend the assembly"} and [d.isoformat() for d in b.dates] == ["2021-03-04"]
    assert b.participants == {str(ID["person/ilse-varga"]), str(ID["person/petra-halm"])}
    assert b.proposers == {str(ID["person/ilse-varga"])}
    assert {"suspen", "assemb"} <= b.label_stems and "request" not in b.label_stems


@pytest.mark.parametrize("text, expected", [
    ("the prorogation of Parliament", ["prorog", "parlia"]),
    ("a request to prorogue Parliament", ["prorog", "parlia"]),
    ("plans to reopen the government", ["reopen"]),
    ("the impeachment inquiry's rules", ["impeac", "inquir", "rule"]),
])
def test_proposal_merge_stems_keep_content_words(text, expected):
    assert stems(text) == expected


@pytest.mark.parametrize("a, b, expected", [((), (), 1.0), (("2021-03-01",), ("2021-03-01",), 1.0),
                                            (("2021-03-01",), ("2022-06-01",), 0.0)])
def test_proposal_merge_date_factor(a, b, expected):
    import datetime as dt
    days = lambda xs: tuple(dt.date.fromisoformat(x) for x in xs)  # noqa: E731
    assert date_factor(days(a), days(b)) == expected
