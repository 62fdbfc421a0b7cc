"""The RDF model: named graph content, evidence on every fact, stable IRIs, deterministic bytes."""

from __future__ import annotations

import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.core.records import Article
from kg.extraction.extract import extract
from kg.rdf.model import article_graph
from kg.rdf.namespace import KG, SCHEMA, entity_iri, slug

TEXT = ("Sir Keir Starmer met President Volodymyr Zelensky in Kyiv on Thursday. "
        "The British prime minister said: \"We will stand with Ukraine for a hundred years.\"")


@pytest.fixture(scope="module")
def graph(extract_from):
    return article_graph(extract_from(TEXT))


def test_model_every_fact_has_evidence_sentence_and_confidence(graph):
    facts = list(graph.subjects(RDF.type, KG.Fact))
    assert facts
    for fact in facts:
        evidence = list(graph.objects(fact, KG.evidence))
        assert evidence, fact
        for ev in evidence:
            sentence = str(graph.value(ev, KG.sentence))
            start, end = int(graph.value(ev, KG.startOffset)), int(graph.value(ev, KG.endOffset))
            assert TEXT[start:end] == sentence
        confidence = float(graph.value(fact, KG.confidence))
        assert 0.0 <= confidence <= 1.0
        s, p, o = (graph.value(fact, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in graph, "the reified fact is also asserted directly"


def test_model_met_fact_links_the_two_people(graph):
    starmer = entity_iri("Person", "Person:keir starmer", "Keir Starmer")
    zelensky = entity_iri("Person", "Person:volodymyr zelensky", "Volodymyr Zelensky")
    assert (starmer, KG.met, zelensky) in graph


def test_model_countries_are_named_by_iso_code(graph):
    assert (URIRef("https://example.org/kg/id/country/GB"), RDF.type, SCHEMA.Country) in graph
    assert (URIRef("https://example.org/kg/id/country/UA"), RDF.type, SCHEMA.Country) in graph


def test_model_same_input_gives_same_bytes(extract_from):
    first = article_graph(extract_from(TEXT)).serialize(format="turtle")
    second = article_graph(extract_from(TEXT)).serialize(format="turtle")
    assert first == second


def test_model_turtle_parses_back_isomorphic(graph):
    again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, again)


@pytest.mark.parametrize("text, expected", [
    ("Keir Starmer", "keir-starmer"),
    ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
    ('O"Brien <script>', "o-brien-script"),
])
def test_model_slug_is_readable(text, expected):
    assert slug(text) == expected


@pytest.mark.parametrize("text", ["مرحبا بالعالم", "🙂🙂", "日本"])
def test_model_slug_of_other_scripts_is_a_valid_hash(text):
    value = slug(text)
    assert value.startswith("x-") and value[2:].isalnum()


@pytest.mark.parametrize("date, published, reported", [
    ("2025-01-17", Literal("2025-01-17", datatype=XSD.date), Literal("2025-01-17", datatype=XSD.date)),
    ("2025-01-17T09:30:00+00:00", Literal("2025-01-17T09:30:00+00:00", datatype=XSD.dateTime),
     Literal("2025-01-17", datatype=XSD.date)),
    ("the week of the summit", Literal("the week of the summit"), None),
])
def test_model_facts_are_reported_on_the_article_date(nlp, date, published, reported):
    article = Article(id="dated", text=TEXT, date=date, author="Mara Lindqvist")
    graph = article_graph(extract(article, nlp(TEXT)))
    [node] = graph.subjects(RDF.type, SCHEMA.NewsArticle)
    assert graph.value(node, SCHEMA.datePublished) == published
    assert graph.value(node, SCHEMA.author) == Literal("Mara Lindqvist")
    facts = list(graph.subjects(RDF.type, KG.Fact))
    assert facts and {graph.value(f, KG.reportedOn) for f in facts} == {reported}


def test_model_fact_happened_on_the_day_its_sentence_says(nlp):
    graph = article_graph(extract(Article(id="dated", text=TEXT, date="2025-01-17"), nlp(TEXT)))
    starmer = entity_iri("Person", "Person:keir starmer", "Keir Starmer")
    [met] = [f for f in graph.subjects(RDF.predicate, KG.met) if graph.value(f, RDF.subject) == starmer]
    assert graph.value(met, KG.happenedOn) == Literal("2025-01-16", datatype=XSD.date)  # a Friday's Thursday
    assert (graph.value(met, KG.timeText), graph.value(met, KG.timePrecision)) == (Literal("on Thursday"), Literal("day"))
    said = [f for f in graph.subjects(RDF.predicate, KG.said)]
    assert said and all(graph.value(f, KG.happenedOn) is None for f in said)
