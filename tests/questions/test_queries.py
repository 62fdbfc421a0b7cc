"""Stored queries: headers, golden results on a hand-written fixture graph, bound parameters that a
hostile value cannot turn into SPARQL, and the VALUES rewriting used for remote endpoints.

Golden files are tests/data/queries/<name>.tsv (SPARQL TSV results). After changing a query,
regenerate them with ``KG_UPDATE_GOLDEN=1 pytest tests/questions/test_queries.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import PROV, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.core.errors import QueryError
from kg.questions import results
from kg.questions.queries import available, load_query
from kg.rdf.sparql import to_term, with_values
from kg.rdf.store import GraphStore, load_files

DATA = Path(__file__).parents[1] / "data"
GRAPHS = DATA / "graphs"
GOLDEN = DATA / "queries"
KG = Namespace("https://example.org/kg/ontology#")
SCHEMA = Namespace("https://schema.org/")
MALLORY = URIRef("https://example.org/kg/id/person/mallory")

HOSTILE = [
    'Keir Starmer" ) } UNION { ?e ?p ?n } #',
    "} ; DROP ALL ; {",
    "'; DELETE WHERE { ?s ?p ?o } ; '",
    "Keir Starmer\n} UNION { ?fact a ?anything }",
    'x" . ?fact ?p ?o . FILTER("1"="1',
    "<https://example.org/kg/id/person/keir-starmer>",
    "https://example.org/kg/id/person/keir-starmer> } UNION { ?s ?p ?o",
    "\\\" \\u0022 \\n VALUES ?entity { <urn:x> }",
    "𝒦eir ✓ \x00\x07 end",
]


@pytest.fixture(scope="module")
def store() -> GraphStore:
    return load_files([GRAPHS])


EXAMPLE = {"entity": "Keir Starmer"}  # the value of a required parameter, for the golden results


def run_tsv(source, name: str, params: dict[str, str] | None = None) -> str:
    query = load_query(name)
    if params is None:
        params = {p.name: EXAMPLE[p.name] for p in query.params if p.default is None}
    return results.serialize(source.query(query.text, query.bindings(params, source)), "tsv").decode("utf-8")


@pytest.mark.parametrize("name", available(internal=True))
def test_queries_every_file_has_a_header(name):
    query = load_query(name)
    assert query.title and query.description, f"{name}.rq lacks a title or description"
    for param in query.params:
        assert param.description, f"{name}.rq: parameter {param.name} lacks a description"
        assert f"?{param.name}" in query.text.split("WHERE")[0], f"{name}.rq must project ?{param.name}"


@pytest.mark.parametrize("name", available(internal=True))
def test_queries_golden_results_on_the_fixture_graph(store, name):
    got = run_tsv(store, name)
    code = "".join(line for line in load_query(name).text.splitlines() if not line.startswith("#"))
    if "ORDER BY" not in code:  # rows in the store's order: compare them sorted
        header, *rows = got.splitlines(keepends=True)
        got = header + "".join(sorted(rows))
    golden = GOLDEN / f"{name}.tsv"
    if os.environ.get("KG_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert got.count("\n") > 1, f"{name} returns no rows on the fixture graph"
    assert got == expected, f"{name}: results differ from {golden}"


@pytest.mark.parametrize("name, rows", [("entity", 6), ("evidence", 6), ("co-mentions", 10)])
@pytest.mark.parametrize("value", ["Keir Starmer", "sir keir", "SIR KEIR STARMER", "https://example.org/kg/id/person/keir-starmer"])
def test_queries_entity_by_any_name_or_iri(store, name, rows, value):
    baseline = run_tsv(store, name, {"entity": "Keir Starmer"})
    got = run_tsv(store, name, {"entity": value})
    strip = lambda tsv: [line.split("\t", 1)[1] for line in tsv.splitlines()[1:]]  # noqa: E731  (drop ?entity)
    assert strip(got) == strip(baseline) and len(strip(got)) == rows


def test_queries_a_name_in_another_case_becomes_the_stored_name(store):
    query = load_query("entity")
    assert query.bindings({"entity": "sir keir"}) == {"entity": ox.Literal("sir keir")}
    assert query.bindings({"entity": "sir keir"}, store) == {"entity": ox.Literal("Sir Keir")}
    with pytest.raises(QueryError, match="no entity named 'Nobody At All' in the graph; try `kg query people`"):
        query.bindings({"entity": "Nobody At All"}, store)
    iri = "https://example.org/kg/id/person/keir-starmer"
    assert query.bindings({"entity": iri}, store) == {"entity": ox.NamedNode(iri)}


def mallory_store(name: str) -> GraphStore:
    """The fixture graphs plus one article in which a person is called exactly ``name``."""
    graph = Graph()
    article = URIRef("https://example.org/kg/article/cccc3333cccc3333")
    fact, ev = URIRef(f"{article}/fact/met"), URIRef(f"{article}/evidence/0-10")
    graph.add((MALLORY, RDF.type, SCHEMA.Person))
    graph.add((MALLORY, RDFS.label, Literal("Mallory")))
    graph.add((MALLORY, SCHEMA.alternateName, Literal(name)))
    graph.add((MALLORY, KG.met, URIRef("https://example.org/kg/id/person/marco-rubio")))
    for p, o in [(RDF.type, KG.Fact), (RDF.subject, MALLORY), (RDF.predicate, KG.met), (KG.confidence, Literal(0.5)),
                 (RDF.object, URIRef("https://example.org/kg/id/person/marco-rubio")), (KG.evidence, ev),
                 (PROV.wasDerivedFrom, article)]:
        graph.add((fact, p, o))
    for p, o in [(KG.sentence, Literal("Mallory met Rubio.")), (KG.startOffset, Literal(0)), (KG.endOffset, Literal(18)),
                 (PROV.wasQuotedFrom, article)]:
        graph.add((ev, p, o))
    store = load_files([GRAPHS])
    store.put_rdflib(str(article), graph)
    return store


@pytest.mark.parametrize("value", HOSTILE)
def test_queries_hostile_parameter_is_only_a_value(value):
    """A hostile value finds exactly the entity that bears it as a name, and nothing else."""
    store = mallory_store(value)
    size = len(store)
    query = load_query("entity")
    answer = results.rows(store.query(query.text, query.bindings({"entity": value})))
    if isinstance(to_term(value), ox.NamedNode):  # a well-formed IRI is an IRI: nobody has it
        assert answer == []
    else:
        assert [(r["entity"], r["subject"], r["predicate"]) for r in answer] == [
            (value, str(MALLORY), str(KG.met))]
    assert len(store) == size
    clean = load_files([GRAPHS])
    assert results.rows(clean.query(query.text, query.bindings({"entity": value}))) == []


@pytest.mark.parametrize("value", HOSTILE + ["Keir Starmer", "Mr Zelensky"])
@pytest.mark.parametrize("name", ["entity", "evidence"])
def test_queries_with_values_gives_the_rows_of_substitution(name, value):
    """The VALUES block kg binds parameters with answers exactly as Oxigraph's own substitution
    (SEP-0007), hostile values included."""
    store = mallory_store(value)
    query = load_query(name)
    bindings = query.bindings({"entity": value})
    rewritten = results.serialize(store.query(query.text, bindings), "tsv")
    substituted = store.store.query(query.text, use_default_graph_as_union=True,
                                    substitutions={ox.Variable(k): v for k, v in bindings.items()})
    assert rewritten == results.serialize(substituted, "tsv")


@pytest.mark.parametrize("text, expected", [
    ("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { VALUES (?x) { (\"v\") } ?x ?p ?o }"),
    ("# WHERE { in a comment\nSELECT ?x WHERE {?x ?p ?o}", "# WHERE { in a comment\nSELECT ?x WHERE { VALUES (?x) { (\"v\") }?x ?p ?o}"),
    ("SELECT ?x (\"WHERE {\" AS ?s) WHERE {?x ?p ?o}", "SELECT ?x (\"WHERE {\" AS ?s) WHERE { VALUES (?x) { (\"v\") }?x ?p ?o}"),
    ("SELECT ?x {?x ?p 'WHERE {'}", "SELECT ?x { VALUES (?x) { (\"v\") }?x ?p 'WHERE {'}"),
    ("SELECT ?x {?x <http://e/WHERE> \"\"\"a\nWHERE {\"\"\"}", "SELECT ?x { VALUES (?x) { (\"v\") }?x <http://e/WHERE> \"\"\"a\nWHERE {\"\"\"}"),
    ("SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } }", "SELECT ?x WHERE { VALUES (?x) { (\"v\") } { SELECT ?x WHERE { ?x ?p ?o } } }"),
    ("CONSTRUCT { ?x ?p ?o } { ?x ?p ?o }", "CONSTRUCT { ?x ?p ?o } { VALUES (?x) { (\"v\") } ?x ?p ?o }"),
])
def test_queries_with_values_opens_the_outer_where(text, expected):
    assert with_values(text, {"x": ox.Literal("v")}) == expected


@pytest.mark.parametrize("text, message", [
    ("CONSTRUCT WHERE { ?x ?p ?o }", "short form"),
    ("DESCRIBE <http://e/x>", "no WHERE pattern"),
])
def test_queries_with_values_refuses_what_it_cannot_bind(text, message):
    with pytest.raises(QueryError, match=message):
        with_values(text, {"x": ox.Literal("v")})


@pytest.mark.parametrize("value, expected", [
    ("Keir Starmer", ox.Literal("Keir Starmer")),
    ("https://example.org/kg/id/country/UA", ox.NamedNode("https://example.org/kg/id/country/UA")),
    ("http://x/a b", ox.Literal("http://x/a b")),
    ("urn:isbn:1", ox.Literal("urn:isbn:1")),
])
def test_queries_to_term(value, expected):
    assert to_term(value) == expected


@pytest.mark.parametrize("name_or_text, params, message", [
    ("nonsense", {}, "no stored query named 'nonsense'"),
    ("missing.rq", {}, "missing.rq: no such query file"),
    ("people", {"entity": "x"}, "query 'people' has no parameter entity; its parameters: none"),
    ("entity", {"who": "x"}, "has no parameter who; its parameters: entity"),
])
def test_queries_bad_names_and_parameters_are_errors(name_or_text, params, message):
    with pytest.raises(QueryError, match=message):
        load_query(name_or_text).bindings(params)


def test_queries_adhoc_text_binds_any_parameter(store):
    query = load_query("SELECT ?name ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name }")
    answer = results.rows(store.query(query.text, query.bindings({"name": "Kyiv"})))
    assert answer == [{"name": "Kyiv", "p": "https://example.org/kg/id/place/kyiv"}]


def test_queries_malformed_sparql_is_a_query_error(store):
    with pytest.raises(QueryError, match="malformed"):
        store.query("SELECT ?x WHERE {")


def test_queries_proposal_status_labels_match_the_ontology():
    ontology = Graph().parse(Path(__file__).parents[2] / "kg" / "rdf" / "ontology.ttl")
    text = load_query("proposals").text
    for status in ontology.subjects(RDF.type, KG.ProposalStatus):
        local = str(status).rsplit("#", 1)[1]
        assert f'(kg:{local} "{ontology.value(status, RDFS.label)}")' in text, local


def test_queries_entities_recurring_in_many_articles_are_counted_once():
    """An entity's triples are repeated in every article graph naming it; the union default graph
    keeps every copy. Queries read each copy once (benchmarks/bench_query.py measures the speed)."""
    store = load_files([GRAPHS / "rubio-in-munich.ttl"])
    text = (GRAPHS / "starmer-in-kyiv.ttl").read_text(encoding="utf-8")
    for i in range(12):
        copy = text.replace("aaaa1111", f"{i:08x}").replace("quote/aaaa", f"quote/{i:08x}")
        store.put_graph(f"https://example.org/kg/article/{i:08x}{i:08x}", copy, "turtle")
    people = {row["name"]: row for row in results.rows(store.query(load_query("people").text))}
    assert (people["Keir Starmer"]["articles"], people["Keir Starmer"]["titles"]) == ("13", "prime minister")
    assert len(people) == 4
    assert len(results.rows(store.query(load_query("roles").text))) == 4
    assert len(results.rows(store.query(load_query("meetings").text))) == 13  # one sentence per article
    entity = load_query("entity")
    met = [r for r in results.rows(store.query(entity.text, entity.bindings(EXAMPLE))) if r["predicate"].endswith("#met")]
    assert [(r["objectName"], r["articles"]) for r in met] == [("Volodymyr Zelensky", "12")]
