"""Cross-article entity merging in a store: which entities are the same, the rewrite of every
article graph, the record of each merge, and undoing it exactly.

The article graphs here are written by hand (the shape `kg.rdf.model` writes), so the tests do not
depend on what the extractor finds.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.building.ingest import StoreIngest
from kg.building.merge import (
    MERGES_GRAPH,
    EntityInfo,
    entities_in,
    list_merges,
    merge_entities,
    name_key,
    plan_merges,
    undo_merge,
)
from kg.cli import app
from kg.core.errors import KGError
from kg.core.records import Article
from kg.rdf.namespace import ARTICLE, ID, KG, SCHEMA
from kg.rdf.store import GraphStore

TYPES = {"Person": SCHEMA.Person, "Country": SCHEMA.Country, "Organization": SCHEMA.Organization}


def article(store: GraphStore, number: int, entities: list[tuple[str, str, str, list[str]]],
            met: tuple[str, str] | None = None) -> str:
    """Put a minimal article graph: ``entities`` as (IRI path, type, name, aliases), and one
    reified ``kg:met`` fact between two of them."""
    node = ARTICLE[f"{number:016x}"]
    g = Graph()
    g.add((node, RDF.type, SCHEMA.NewsArticle))
    g.add((node, KG.contentHash, Literal(f"{number:064x}")))
    g.add((node, SCHEMA.identifier, Literal(f"a{number}")))
    for path, kind, name, aliases in entities:
        iri = ID[path]
        g.add((iri, RDF.type, TYPES[kind]))
        g.add((iri, RDFS.label, Literal(name)))
        g.add((iri, SCHEMA.name, Literal(name)))
        for alias in aliases:
            g.add((iri, SCHEMA.alternateName, Literal(alias)))
        g.add((node, SCHEMA.mentions, iri))
    if met:
        s, o = ID[met[0]], ID[met[1]]
        fact, evidence = URIRef(f"{node}/fact/1"), URIRef(f"{node}/evidence/0-10")
        g.add((s, KG.met, o))
        for p, v in ((RDF.type, KG.Fact), (RDF.subject, s), (RDF.predicate, KG.met), (RDF.object, o),
                     (KG.confidence, Literal(0.85)), (KG.evidence, evidence)):
            g.add((fact, p, v))
        g.add((evidence, KG.sentence, Literal("They met.")))
    store.put_graph(str(node), g.serialize(format="nt", encoding="utf-8"), "nt")
    return str(node)


def article_quads(store: GraphStore) -> set[str]:
    return {str(q) for q in store.store if q.graph_name != MERGES_GRAPH}


def in_graphs(store: GraphStore, path: str) -> bool:
    iri = ox.NamedNode(str(ID[path]))
    return any(q.graph_name != MERGES_GRAPH for q in
               [*store.store.quads_for_pattern(iri, None, None), *store.store.quads_for_pattern(None, None, iri)])


@pytest.fixture
def store() -> GraphStore:
    store = GraphStore()
    article(store, 1, [("person/donald-trump", "Person", "Donald Trump", ["Trump", "President Trump"]),
                       ("person/angela-merkel", "Person", "Angela Merkel", [])], met=("person/donald-trump", "person/angela-merkel"))
    article(store, 2, [("person/trump", "Person", "Trump", []), ("person/angela-merkel", "Person", "Angela Merkel", [])],
            met=("person/trump", "person/angela-merkel"))
    article(store, 3, [("organization/united-nations", "Organization", "United Nations", ["UN"]),
                       ("organization/un", "Organization", "UN", [])])
    return store


# ------------------------------------------------------------------------------------ deciding

@pytest.mark.parametrize("name, kind, key", [
    ("President Donald J. Trump", "Person", "donald trump"),
    ("Mr Trump", "Person", "trump"),
    ("Donald Trump", "Person", "donald trump"),
    ("The United Nations", "Organization", "united nations"),
    ("U.S. Congress", "Organization", "u s congress"),
    ("President", "Person", "president"),
])
def test_merge_name_key(name, kind, key):
    assert name_key(name, kind) == key


def entity(iri: str, name: str, aliases: tuple[str, ...] = (), articles: int = 1, kind: str = "Person") -> EntityInfo:
    return EntityInfo(iri, kind, name, frozenset({name, *aliases}), articles)


DONALD = entity("donald-trump", "Donald Trump", ("Trump",), articles=3)
CASES = [
    ("a name another article gave", [entity("trump", "Trump"), DONALD], set(), [("trump", "donald-trump")]),
    ("same name without initials", [entity("donald-j-trump", "Donald J. Trump"), entity("donald-trump", "Donald Trump", articles=2)],
     set(), [("donald-j-trump", "donald-trump")]),
    ("ambiguous surname", [entity("johnson", "Johnson"), entity("boris-johnson", "Boris Johnson", ("Johnson",)),
                           entity("lyndon-johnson", "Lyndon Johnson", ("Johnson",))], set(), []),
    ("different types", [entity("jordan", "Jordan"), entity("country-jordan", "Jordan", kind="Country")], set(), []),
    ("undone before", [entity("trump", "Trump"), DONALD], {("trump", "donald-trump")}, []),
    ("chain to its end", [entity("mr-trump", "Mr Trump"), entity("donald-j-trump", "Donald J. Trump", ("Mr Trump",)),
                          entity("donald-trump", "Donald Trump", articles=5)], set(),
     [("donald-j-trump", "donald-trump"), ("mr-trump", "donald-trump")]),
    ("different people", [entity("angela-merkel", "Angela Merkel"), DONALD], set(), []),
]


@pytest.mark.parametrize("why, entities, apart, expected", CASES, ids=[c[0] for c in CASES])
def test_merge_plan(why, entities, apart, expected):
    plans = plan_merges(entities, apart=apart)
    assert sorted((p.removed.iri, p.kept.iri) for p in plans) == sorted(expected)


# ------------------------------------------------------------------------------ merging, undoing

def test_merge_rewrites_every_article_graph_and_records_names_and_articles(store):
    records = {r.removed.rsplit("/", 1)[-1]: r for r in merge_entities(store)}
    assert set(records) == {"trump", "un"}
    trump = records["trump"]
    assert trump.kept == str(ID["person/donald-trump"]) and trump.names == ["Trump"]
    assert trump.articles == [str(ARTICLE[f"{2:016x}"])] and not trump.undone and "Trump" in trump.reason
    assert not in_graphs(store, "person/trump") and not in_graphs(store, "organization/un")
    people = {e.iri: e for e in entities_in(store) if e.type == "Person"}
    assert people[str(ID["person/donald-trump"])].articles == 2
    assert people[str(ID["person/donald-trump"])].name == "Donald Trump"  # one label, the kept one's
    assert list_merges(store) == sorted(records.values(), key=lambda r: (r.names[:1], r.id))


def test_merge_undo_puts_every_graph_back_exactly_and_later_passes_keep_the_pair_apart(store):
    before = article_quads(store)
    for record in merge_entities(store):
        undone = undo_merge(store, record.id)
        assert undone.undone and undone.articles == record.articles
    assert article_quads(store) == before
    assert merge_entities(store) == []


def test_merge_undo_refuses_while_a_later_merge_builds_on_it():
    store = GraphStore()
    article(store, 1, [("person/donald-j-trump", "Person", "Donald J. Trump", ["Trump"])])
    article(store, 2, [("person/trump", "Person", "Trump", [])])
    before = article_quads(store)
    [first] = merge_entities(store)
    assert first.kept.endswith("/donald-j-trump")
    for number in (5, 6, 7):
        article(store, number, [("person/donald-trump", "Person", "Donald Trump", [])])
    [second] = merge_entities(store)
    assert second.removed.endswith("/donald-j-trump") and second.kept.endswith("/donald-trump")
    with pytest.raises(KGError, match=f"merge {second.id} merged .* further; undo it first"):
        undo_merge(store, first.id)
    undo_merge(store, second.id)
    undo_merge(store, first.id)
    first_two = {q for q in article_quads(store) if q.endswith(("1>", "2>"))}
    assert first_two == before


def test_merge_undo_keeps_what_another_merge_into_the_same_entity_needs():
    store = GraphStore()
    article(store, 1, [("person/donald-trump", "Person", "Donald Trump", ["Trump", "Donald J. Trump"])])
    article(store, 2, [("person/trump", "Person", "Trump", []), ("person/donald-j-trump", "Person", "Donald J. Trump", [])],
            met=("person/trump", "person/donald-j-trump"))
    records = {r.removed.rsplit("/", 1)[-1]: r for r in merge_entities(store)}
    assert set(records) == {"trump", "donald-j-trump"}
    merged = article_quads(store)
    undo_merge(store, records["trump"].id)
    kept_type = f"<{ID['person/donald-trump']}> <{RDF.type}> <{SCHEMA.Person}> <{ARTICLE[f'{2:016x}']}>"
    assert kept_type in article_quads(store) and kept_type in merged
    assert in_graphs(store, "person/trump") and not in_graphs(store, "person/donald-j-trump")


@pytest.mark.parametrize("name", ['Trump" } ; DROP ALL ; {', "Trump\n} INSERT DATA { <urn:x> <urn:y> <urn:z> }",
                                  "Trump \\\" \\u0022 <urn:a>", "Trump 𝒯 ✓"])
def test_merge_names_are_data_never_sparql(name):
    store = GraphStore()
    article(store, 1, [("person/donald-trump", "Person", "Donald Trump", [name])])
    article(store, 2, [("person/x", "Person", name, [])])
    before = article_quads(store)
    [record] = merge_entities(store)
    assert record.names == [name] and not in_graphs(store, "person/x")
    undo_merge(store, record.id)
    assert article_quads(store) == before


def test_merge_of_a_replaced_article_is_forgotten_and_undo_does_not_bring_it_back(store):
    [record] = [r for r in merge_entities(store) if r.removed.endswith("/trump")]
    new = Article("a2", "A new text of the second article, without anyone in it.")
    iri = ARTICLE[new.content_hash[:16]]
    turtle = (f"<{iri}> a <{SCHEMA.NewsArticle}> ; <{KG.contentHash}> \"{new.content_hash}\" ; "
              f"<{SCHEMA.identifier}> \"a2\" .").encode()
    ingest = StoreIngest(store)
    ingest.put(new, turtle)
    undone = undo_merge(store, record.id)
    assert ingest.replaced == 1 and str(ARTICLE[f"{2:016x}"]) not in store.graphs()
    assert undone.articles == [] and not in_graphs(store, "person/trump")


@pytest.mark.parametrize("mid, message", [("nope", "no merge 'nope' in the store")])
def test_merge_undo_of_an_unknown_merge_is_an_error(store, mid, message):
    with pytest.raises(KGError, match=message):
        undo_merge(store, mid)


# ----------------------------------------------------------------------------------------- CLI

def test_merge_cli_lists_and_undoes(tmp_path):
    store = GraphStore(tmp_path / "store")
    article(store, 1, [("person/donald-trump", "Person", "Donald Trump", ["Trump"])])
    article(store, 2, [("person/trump", "Person", "Trump", [])])
    [record] = merge_entities(store)
    store.flush()
    del store
    runner = CliRunner()
    listed = runner.invoke(app, ["merges", "--store", str(tmp_path / "store")])
    assert listed.exit_code == 0 and record.id in listed.output and "in force" in listed.output
    undone = runner.invoke(app, ["merges", "--store", str(tmp_path / "store"), "--undo", record.id])
    assert undone.exit_code == 0 and f"Undid merge {record.id}" in undone.output
    again = runner.invoke(app, ["merges", "--store", str(tmp_path / "store"), "--undo", record.id])
    assert again.exit_code == 1 and "already undone" in again.output and "Traceback" not in again.output
