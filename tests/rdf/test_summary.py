"""The summary graph of a store (`kg.rdf.summary`): kept up to date article by article, merge by
merge and undo by undo, it is always the summary built whole from the same article graphs; a
change not yet refreshed is never read; the graph meets its SHACL shapes.

The articles are extractions written by hand and turned into RDF by `kg.rdf.model`; their
sentences are our own.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph, URIRef

from kg.building.ingest import StoreIngest
from kg.building.merge import list_merges, merge_entities, undo_merge
from kg.building.proposal_merge import merge_proposals
from kg.core.records import Article, Entity, Evidence, Extraction, Fact, Proposal, Quote, Role
from kg.questions.queries import load_query
from kg.rdf import ranks, summary
from kg.rdf.model import article_graph
from kg.rdf.namespace import KG
from kg.rdf.sparql import with_page
from kg.rdf.store import GraphStore, load_files

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "kg" / "rdf" / "summary_shapes.ttl"
PENDING = ox.NamedNode(str(KG.pendingNode))


def extraction(number: int, text: str, *, people: dict[str, tuple[str, set[str]]], url: str | None = None,
               roles: list[tuple[str, str, str | None]] = (), met: list[tuple[str, str]] = (),
               proposals: dict[str, tuple[str, list[tuple[str, str]]]] | None = None,
               quotes: list[tuple[str, str]] = ()) -> Extraction:
    """One article: ``people`` key -> (name, aliases); roles (person, title, country key); facts
    of meeting; proposals key -> (label, [(person, stance)]); quotes (person, words). Every fact
    is read from the article's one sentence."""
    evidence = Evidence(text, 0, len(text))
    entities = {key: Entity(key, "Person", name, set(aliases)) for key, (name, aliases) in people.items()}
    entities["Country:ruritania"] = Entity("Country:ruritania", "Country", "Ruritania", {"the Republic"}, iso="RR")
    found = {key: Proposal(key, label, {label}, "proposed", [evidence]) for key, (label, _) in (proposals or {}).items()}
    facts = [Fact(a, "met", b, evidence, 0.8) for a, b in met]
    facts += [Fact(p, stance, key, evidence, 0.75) for key, (_, stances) in (proposals or {}).items() for p, stance in stances]
    return Extraction(article=Article(id=f"a{number}", text=text, url=url, date=f"2024-05-{number:02d}"),
                      entities=entities, proposals=found,
                      roles=[Role(p, title, of, evidence, 0.9) for p, title, of in roles],
                      quotes=[Quote(words, p, evidence, 0.9) for p, words in quotes], facts=facts)


OBI, ITO, TRAN = "Person:ada obi", "Person:ben ito", "Person:cy tran"
ARTICLES = [
    extraction(1, "Mayor Ada Obi met Ben Ito and proposed a river tunnel.",
               people={OBI: ("Ada Obi", {"Mayor Obi"}), ITO: ("Ben Ito", set())},
               roles=[(OBI, "mayor", "Country:ruritania")], met=[(OBI, ITO)],
               proposals={"proposal:t": ("river tunnel", [(OBI, "proposes"), (ITO, "opposes")])},
               quotes=[(OBI, "We will dig")]),
    extraction(2, "Obi, the mayor, backed the river tunnel again; Cy Tran opposed it.",
               people={"Person:obi": ("Obi", set()), TRAN: ("Cy Tran", set())},
               roles=[("Person:obi", "Mayor", "Country:ruritania")],
               proposals={"proposal:t": ("river tunnel", [("Person:obi", "backs"), (TRAN, "opposes")])}),
    extraction(3, "Ben Ito met Cy Tran about the tunnel under the river.",
               people={ITO: ("Ben Ito", {"Mr Ito"}), TRAN: ("Cy Tran", set())}, met=[(ITO, TRAN)],
               roles=[(TRAN, "minister", None)],
               proposals={"proposal:u": ("tunnel under the river", [(TRAN, "discusses")])}),
]
CHANGED = extraction(3, "Ben Ito met Cy Tran again about the tunnel under the river.",
                     people={ITO: ("Ben Ito", set()), TRAN: ("Cy Tran", set())}, met=[(ITO, TRAN), (TRAN, ITO)])


def put(store: GraphStore, ex: Extraction) -> None:
    StoreIngest(store).put(ex.article, article_graph(ex).serialize(format="turtle", encoding="utf-8"))


def summary_of(store: GraphStore) -> list[str]:
    """The summary graph's quads (without the marks of pending nodes)."""
    return sorted(str(q) for q in store.store.quads_for_pattern(None, None, None, summary.GRAPH) if q.predicate != PENDING)


def as_rdflib(store: GraphStore) -> Graph:
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.store.quads_for_pattern(None, None, None, summary.GRAPH)]
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def built_whole(store: GraphStore) -> list[str]:
    """The summary built at once from the store's other graphs."""
    fresh = GraphStore()
    fresh.store.extend(q for q in store.store if q.graph_name != summary.GRAPH)
    summary.build(fresh.store)
    return summary_of(fresh)


@pytest.fixture
def store() -> GraphStore:
    """The first article, with its summary; the others added article by article."""
    store = GraphStore()
    put(store, ARTICLES[0])
    assert store.ensure_summary() == "built"
    return store


def test_summary_follows_articles_added_replaced_and_removed(store):
    for ex in ARTICLES[1:]:
        put(store, ex)
        assert summary.state(store.store) == "pending"
        assert store.refresh_summary() > 0 and summary.state(store.store) == "ready"
        assert summary_of(store) == built_whole(store)
    ingest = StoreIngest(store)  # the third article's text changed: its old graph goes
    ingest.put(CHANGED.article, article_graph(CHANGED).serialize(format="turtle", encoding="utf-8"))
    assert ingest.replaced == 1
    store.refresh_summary()
    assert summary_of(store) == built_whole(store)
    store.remove_graph(store.graphs()[0])
    store.refresh_summary()
    assert summary_of(store) == built_whole(store)
    assert len(summary_of(store)) > 50


def test_summary_follows_entity_and_proposal_merges_and_their_undoing(store):
    for ex in ARTICLES[1:]:
        put(store, ex)
    merged = merge_entities(store) + merge_proposals(store)
    # "Obi" is Ada Obi; the tunnels of two articles are one
    assert {r.removed.split("/id/")[1].split("/")[0] for r in merged} == {"person", "proposal"}
    store.refresh_summary()
    assert summary_of(store) == built_whole(store)
    for record in sorted(list_merges(store), key=lambda r: r.id, reverse=True):
        undo_merge(store, record.id)
        assert summary.state(store.store) == "ready"  # undoing brings the summary up to date itself
        assert summary_of(store) == built_whole(store)


def test_summary_counts_each_node_and_relation_once():
    store = GraphStore()
    for ex in ARTICLES:
        put(store, ex)
    merge_entities(store)
    store.ensure_summary()
    people = {row["name"].value: int(row["articles"].value) for row in store.query(load_query("people").text_for(store))}
    assert people == {"Ada Obi": 2, "Ben Ito": 2, "Cy Tran": 2}
    roles = {(r["name"].value, r["title"].value) for r in store.query(load_query("roles").text_for(store))}
    assert roles == {("Ada Obi", "mayor"), ("Ada Obi", "Mayor"), ("Cy Tran", "minister")}


def test_summary_with_pending_changes_is_not_read_until_refreshed(store, tmp_path):
    location = tmp_path / "store"
    writer = GraphStore(location)
    put(writer, ARTICLES[0])
    writer.ensure_summary()
    put(writer, ARTICLES[1])  # a build killed here: its article is in, the summary not refreshed
    writer.flush()
    del writer
    reader = GraphStore(location, read_only=True)
    people = load_query("people")
    assert summary.state(reader.store) == "pending" and not reader.summary_ready()
    assert people.text_for(reader) == people.text  # the article graphs are read instead
    del reader
    again = GraphStore.open(location)
    assert again.summary_ready() and people.text_for(again) == people.summary_text
    assert summary_of(again) == built_whole(again)


def test_summary_state_is_looked_up_once_by_a_read_only_store(tmp_path, monkeypatch):
    """A read-only store sees the store as it was when opened: its answer is kept (a writable
    one asks each time)."""
    location = tmp_path / "store"
    writer = GraphStore(location)
    put(writer, ARTICLES[0])
    writer.ensure_summary()
    writer.flush()
    asked = []
    state = summary.state
    monkeypatch.setattr(summary, "state", lambda store: asked.append(1) or state(store))
    assert writer.summary_ready() and writer.summary_ready() and len(asked) == 2
    del writer
    asked.clear()
    reader = GraphStore(location, read_only=True)
    assert reader.summary_ready() and reader.summary_ready() and len(asked) == 1


def test_summary_positions_not_yet_written_again_are_not_read(tmp_path, monkeypatch):
    """A build killed after computing the nodes again but before their positions (kg.rdf.ranks)."""
    location = tmp_path / "store"
    writer = GraphStore(location)
    put(writer, ARTICLES[0])
    writer.ensure_summary()
    put(writer, ARTICLES[1])

    class Killed(Exception):
        pass

    def killed(_store):
        raise Killed

    monkeypatch.setattr(ranks, "rank", killed)
    with pytest.raises(Killed):
        writer.refresh_summary()
    assert not list(writer.store.quads_for_pattern(summary.GRAPH, PENDING, None, summary.GRAPH))  # nodes done
    writer.flush()
    del writer
    reader = GraphStore(location, read_only=True)
    quotes = load_query("quotes")
    assert summary.state(reader.store) == "pending" and not reader.summary_ready()
    assert quotes.text_for(reader, limit=5) == with_page(quotes.text, 5)  # the article graphs are read instead
    del reader
    monkeypatch.undo()
    again = GraphStore.open(location)
    assert again.summary_ready() and quotes.text_for(again, limit=5) == with_page(quotes.summary_text, 5)
    assert summary_of(again) == built_whole(again)


def test_summary_is_absent_from_files_read_into_memory_and_from_exports():
    from kg.questions.exporting import all_quads, stats

    store = load_files([ROOT / "tests" / "data" / "graphs"])
    assert summary.state(store.store) == "absent" and not store.summary_ready()
    before = (stats(store), len(all_quads(store)), len(store), store.graphs())
    store.ensure_summary()
    assert store.summary_ready()
    assert (stats(store), len(all_quads(store)), len(store), store.graphs()) == before


def test_summary_meets_its_shapes(store):
    for ex in ARTICLES[1:]:
        put(store, ex)
    store.refresh_summary()
    data = as_rdflib(store)
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _, report = validate(data, shacl_graph=shapes, advanced=True)
    assert conforms, report
    assert len(data) > 50


SH_MESSAGE = "http://www.w3.org/ns/shacl#message"
# each message of summary_shapes.ttl, and an update that breaks a summary so that it is raised
BROKEN = [
    ("the summary has one version, an integer", "DELETE WHERE { ?s kg:summaryVersion ?v }"),
    ("a node's summary has at most one label, a string",
     "INSERT { ?n kg:nodeLabel 'Another label' } WHERE { ?n kg:nodeType ?t ; kg:nodeLabel ?l }"),
    ("a node's summary counts the articles naming it once, a whole number",
     "DELETE { ?n kg:articleCount ?c } WHERE { ?n kg:nodeType ?t ; kg:articleCount ?c }"),
    ("a node's summary counts the facts it takes part in once, a whole number",
     "DELETE { ?n kg:factCount ?c } INSERT { ?n kg:factCount '3' } WHERE { ?n kg:nodeType ?t ; kg:factCount ?c }"),
    ("a name key is a name of the node in lower case",
     "INSERT { ?n kg:nameKey 'nobody at all' } WHERE { ?n kg:nodeType ?t }"),
    ("an edge summary has one subject, an IRI", "DELETE WHERE { ?e kg:edgeSubject ?s }"),
    ("an edge summary has one relation, an IRI",
     "DELETE { ?e kg:edgePredicate ?p } INSERT { ?e kg:edgePredicate 'met' } WHERE { ?e kg:edgePredicate ?p }"),
    ("an edge summary has one object", "DELETE WHERE { ?e kg:edgeObject ?o }"),
    ("an edge summary points at one node at most",
     "INSERT { ?e kg:edgeTarget <https://example.org/kg/id/person/nobody> } WHERE { ?e kg:edgeTarget ?t }"),
    ("an edge summary has at most one role title, a string",
     "INSERT { ?e kg:edgeTitle 'deputy' } WHERE { ?e kg:edgeTitle ?t }"),
    ("an edge summary has one best confidence, in [0, 1]", "DELETE WHERE { ?e kg:bestConfidence ?c }"),
    ("an edge summary counts its facts once, one or more",
     "DELETE { ?e kg:factCount ?c } INSERT { ?e kg:factCount 0 } WHERE { ?e a kg:EdgeSummary ; kg:factCount ?c }"),
    ("an edge summary counts its articles once, one or more",
     "DELETE { ?e kg:articleCount ?c } WHERE { ?e a kg:EdgeSummary ; kg:articleCount ?c }"),
    ("an edge summary has one position, a whole number", "DELETE WHERE { ?e kg:edgeRank ?r }"),
    ("no two items have the same position in one order",
     "DELETE { ?e kg:edgeRank ?r } INSERT { ?e kg:edgeRank 0 } WHERE { ?e kg:edgeRank ?r }"),
    ("a proposal has one position, a whole number",
     "INSERT { ?p kg:proposalRank 'first' } WHERE { ?p kg:proposalRank ?r }"),
    ("only a proposal has a position among the proposals",
     "INSERT { ?n kg:proposalRank 7 } WHERE { ?n kg:nodeType <https://schema.org/Person> }"),
    ("a quote row has one speaker, an IRI", "DELETE WHERE { ?r kg:rowSpeaker ?s }"),
    ("a quote row has one name of its speaker, a string",
     "INSERT { ?r kg:rowName 'Someone Else' } WHERE { ?r kg:rowName ?n }"),
    ("a quote row has one quotation, an IRI", "DELETE WHERE { ?r kg:rowQuote ?q }"),
    ("a quote row has one text, a string", "DELETE WHERE { ?r kg:rowText ?t }"),
    ("a quote row has at most one sentence, a string",
     "INSERT { ?r kg:rowSentence 'Another sentence.' } WHERE { ?r kg:rowSentence ?s }"),
    ("a quote row has one article, an IRI",
     "DELETE { ?r kg:rowArticle ?a } INSERT { ?r kg:rowArticle 'a1' } WHERE { ?r kg:rowArticle ?a }"),
    ("a quote row has one position, a whole number", "DELETE WHERE { ?r kg:quoteRank ?n }"),
]


def test_summary_shapes_every_message_has_a_broken_summary():
    declared = {str(m) for m in Graph().parse(SHAPES, format="turtle").objects(None, URIRef(SH_MESSAGE))}
    assert declared == {message for message, _ in BROKEN}


@pytest.mark.parametrize("message, update", BROKEN, ids=[m for m, _ in BROKEN])
def test_summary_shapes_catch_a_broken_summary(store, message, update):
    good = as_rdflib(store)
    broken = as_rdflib(store)
    broken.update(update, initNs={"kg": str(KG)})
    assert set(broken) != set(good), "the update changed nothing"
    conforms, _, report = validate(broken, shacl_graph=Graph().parse(SHAPES, format="turtle"), advanced=True)
    assert not conforms and message in report
