"""SHACL validation: kg's graphs conform to kg/rdf/shapes.ttl, each shape catches the graph it is
written against, and `kg validate` reports one line per violation."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import SH
from typer.testing import CliRunner

from kg.building.build import build
from kg.cli import app
from kg.core.records import Article, Entity, Evidence, Extraction, Fact, Proposal, Quote, Role, Time
from kg.rdf.model import PREFIXES, article_graph
from kg.rdf.store import read_graph_files
from kg.rdf.validate import Violation, describe, shapes_graph, short, validate_files, validate_graph, validate_store

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold"
runner = CliRunner()

SENTENCES = [
    "Prime Minister Keir Starmer met President Volodymyr Zelensky in Kyiv.",
    "Starmer proposed a peace plan for Ukraine.",
    "Britain is a member of NATO and supports Ukraine in its war with Russia.",
    'Starmer said: "We will stand with Ukraine for a hundred years."',
    'He repeated: "We will stand with Ukraine for a hundred years."',
]
TEXT = " ".join(SENTENCES)


def evidence(i: int) -> Evidence:
    start = TEXT.index(SENTENCES[i])
    return Evidence(SENTENCES[i], start, start + len(SENTENCES[i]))


def hand_made_extraction() -> Extraction:
    """An extraction written by hand, so these tests do not depend on what the extractor finds."""
    keir, zel, gb, ua, ru = "Person:keir starmer", "Person:volodymyr zelensky", "iso:GB", "iso:UA", "iso:RU"
    nato, kyiv, plan = "Organization:nato", "Place:kyiv", "proposal:peace plan"
    entities = {
        keir: Entity(keir, "Person", "Keir Starmer", {"Starmer", "Prime Minister Keir Starmer"}),
        zel: Entity(zel, "Person", "Volodymyr Zelensky", {"President Volodymyr Zelensky"}),
        gb: Entity(gb, "Country", "United Kingdom", {"Britain"}, iso="GB"),
        ua: Entity(ua, "Country", "Ukraine", iso="UA"),
        ru: Entity(ru, "Country", "Russia", iso="RU"),
        nato: Entity(nato, "Organization", "NATO"),
        kyiv: Entity(kyiv, "Place", "Kyiv"),
    }
    facts = [
        Fact(keir, "met", zel, evidence(0), 0.85, Time("on Wednesday", "2025-01-15", "day")),
        Fact(keir, "visited", kyiv, evidence(0), 0.7),
        Fact(keir, "proposes", plan, evidence(1), 0.9), Fact(plan, "concerns", ua, evidence(1), 0.7),
        Fact(kyiv, "locatedIn", ua, evidence(0), 0.6), Fact(gb, "memberOf", nato, evidence(2), 0.8),
        Fact(gb, "supports", ua, evidence(2), 0.8), Fact(ua, "conflict", ru, evidence(2), 0.7),
    ]
    return Extraction(
        article=Article(id="hand", text=TEXT, title="Starmer in Kyiv", url="https://example.com/a", date="2025-01-16"),
        entities=entities,
        proposals={plan: Proposal(plan, "peace plan", {"peace plan"}, "proposed", [evidence(1)])},
        roles=[Role(keir, "prime minister", gb, evidence(0), 0.9), Role(zel, "president", None, evidence(0), 0.9)],
        quotes=[Quote("We will stand with Ukraine for a hundred years.", keir, evidence(3), 0.9)],
        facts=facts,
    )


@pytest.fixture(scope="module")
def base() -> Graph:
    return article_graph(hand_made_extraction())


def messages(violations: list[Violation]) -> set[str]:
    return {v.message for v in violations}


def test_validate_hand_made_graph_conforms(base):
    assert validate_graph(base) == []


# One broken graph per constraint message of kg/rdf/shapes.ttl: (the message it must raise, the SPARQL
# Update that breaks the hand-made graph). test_validate_every_message_has_a_broken_graph keeps
# this table complete.
BROKEN = [
    ("kg writes no blank nodes: every typed node is an IRI",
     'INSERT DATA { _:b a schema:Place ; rdfs:label "Nowhere" ; schema:name "Nowhere" }'),
    ("kg writes no blank nodes: every value is an IRI or a literal",
     "INSERT { ?p schema:address [ schema:name 'x' ] } WHERE { ?p a schema:Person }"),
    ("an article has one content hash: the 64 hex digits of the SHA-256 of its text",
     "DELETE { ?a kg:contentHash ?h } INSERT { ?a kg:contentHash 'abc' } WHERE { ?a kg:contentHash ?h }"),
    ("an article has one identifier, a non-empty string", "DELETE WHERE { ?a schema:identifier ?i }"),
    ("an article has one label, a non-empty string",
     "INSERT { ?a rdfs:label 'a second label' } WHERE { ?a a schema:NewsArticle }"),
    ("an article has at most one headline, a string",
     "INSERT { ?a schema:headline 42 } WHERE { ?a a schema:NewsArticle }"),
    ("an article has at most one URL, an xsd:anyURI",
     "DELETE { ?a schema:url ?u } INSERT { ?a schema:url 'https://example.com/a' } WHERE { ?a schema:url ?u }"),
    ("an article has at most one publication date",
     "INSERT { ?a schema:datePublished '2025-01-17' } WHERE { ?a a schema:NewsArticle }"),
    ("an article has at most one author, a non-empty string (as the page names them)",
     "INSERT { ?a schema:author '' } WHERE { ?a a schema:NewsArticle }"),
    ("an article mentions people, countries, organisations and places only",
     "INSERT { ?a schema:mentions ?q } WHERE { ?a a schema:NewsArticle . ?q a schema:Quotation }"),
    ("an article's IRI ends with the first 16 hex digits of its content hash",
     "DELETE { ?a kg:contentHash ?h } INSERT { ?a kg:contentHash ?other } WHERE { ?a kg:contentHash ?h "
     "BIND (REPLACE(?h, '^.', IF(STRSTARTS(?h, '0'), '1', '0')) AS ?other) }"),
    ("the extractor has one version", "DELETE WHERE { ?x schema:softwareVersion ?v }"),
    ("the extractor has a label", "DELETE { ?x rdfs:label ?l } WHERE { ?x a prov:SoftwareAgent ; rdfs:label ?l }"),
    ("every person, country, organisation, place and proposal has a label, a non-empty string",
     "DELETE { ?p rdfs:label ?l } WHERE { ?p a schema:Person ; rdfs:label ?l }"),
    ("every person, country, organisation, place and proposal has a name, a non-empty string",
     "DELETE { ?p schema:name ?l } WHERE { ?p a kg:Proposal ; schema:name ?l }"),
    ("other names are non-empty strings",
     "INSERT { ?o schema:alternateName '' } WHERE { ?o a schema:Organization }"),
    ("the entity types are disjoint: a node is one of person, country, organisation, place or proposal",
     "INSERT { ?p a schema:Organization } WHERE { ?p a schema:Person }"),
    ("a country has one ISO 3166-1 alpha-2 code (two capital letters)",
     "DELETE { ?c kg:isoCode ?i } INSERT { ?c kg:isoCode 'gb' } WHERE { ?c kg:isoCode ?i FILTER (?i = 'GB') }"),
    ("a country's IRI ends with /country/ and its ISO code",
     "DELETE { ?c kg:isoCode ?i } INSERT { ?c kg:isoCode 'FR' } WHERE { ?c kg:isoCode ?i FILTER (?i = 'GB') }"),
    ("a proposal's status is kg:Proposed, kg:UnderConsideration, kg:Agreed, kg:Withdrawn or kg:Rejected",
     "DELETE { ?p kg:status ?s } INSERT { ?p kg:status kg:met } WHERE { ?p kg:status ?s }"),
    ("a role has a title, a non-empty string", "DELETE WHERE { ?r kg:roleTitle ?t }"),
    ("a role has a label, a non-empty string", "DELETE { ?r rdfs:label ?l } WHERE { ?r a kg:Role ; rdfs:label ?l }"),
    ("a role is of at most one country, organisation or place",
     "INSERT { ?r kg:roleOf ?q } WHERE { ?r a kg:Role . ?q a schema:Quotation }"),
    ("a role is held by a person", "DELETE WHERE { ?p kg:holdsRole ?r }"),
    ("a person who holds a role has its title as schema:jobTitle", "DELETE WHERE { ?p schema:jobTitle ?t }"),
    ("a quotation has one text, a non-empty string", "DELETE WHERE { ?q schema:text ?t }"),
    ("a quotation has one speaker (schema:creator): a person, country, organisation or place",
     "DELETE WHERE { ?q schema:creator ?c }"),
    ("a quotation has evidence: the sentence it was read from",
     "DELETE { ?q kg:evidence ?e } WHERE { ?q a schema:Quotation ; kg:evidence ?e }"),
    ("a quotation's speaker kg:said it", "DELETE WHERE { ?s kg:said ?q }"),
    ("a quotation's text is part of its evidence sentence",
     "DELETE { ?q schema:text ?t } INSERT { ?q schema:text 'words nobody said' } WHERE { ?q schema:text ?t }"),
    ("a fact is also an rdf:Statement", "DELETE WHERE { ?f a rdf:Statement }"),
    ("a fact has one subject, an IRI", "DELETE { ?f rdf:subject ?s } WHERE { ?f a kg:Fact ; rdf:subject ?s }"),
    ("a fact has one predicate, one of kg's relations",
     "DELETE { ?f rdf:predicate ?p } INSERT { ?f rdf:predicate schema:knows } WHERE { ?f rdf:predicate ?p }"),
    ("a fact has one object, an IRI", "DELETE { ?f rdf:object ?o } WHERE { ?f a kg:Fact ; rdf:object ?o }"),
    ("a fact has one confidence, an xsd:decimal in [0, 1]",
     "DELETE { ?f kg:confidence ?c } INSERT { ?f kg:confidence 1.5 } WHERE { ?f kg:confidence ?c }"),
    ("a fact has one extractor version, a non-empty string", "DELETE WHERE { ?f kg:extractorVersion ?v }"),
    ("a fact has evidence: at least one kg:Evidence sentence", "DELETE { ?f kg:evidence ?e } WHERE { ?f a kg:Fact ; kg:evidence ?e }"),
    ("a fact is derived from one article (prov:wasDerivedFrom a schema:NewsArticle)",
     "DELETE WHERE { ?f prov:wasDerivedFrom ?a }"),
    ("a fact is attributed to one extractor (a prov:SoftwareAgent)", "DELETE WHERE { ?f prov:wasAttributedTo ?a }"),
    ("a fact's relation is also asserted directly (subject predicate object)", "DELETE WHERE { ?s kg:met ?o }"),
    ("a fact was reported on at most one day (kg:reportedOn, an xsd:date: its article's publication date)",
     "DELETE { ?f kg:reportedOn ?d } INSERT { ?f kg:reportedOn '2025-01-16' } WHERE { ?f kg:reportedOn ?d }"),
    ("a fact happened on at most one day (kg:happenedOn, an xsd:date, as its sentence says)",
     "INSERT { ?f kg:happenedOn '2025-01-14'^^xsd:date } WHERE { ?f kg:happenedOn ?d }"),
    ("a fact has at most one time text (kg:timeText), the non-empty words its date was read from",
     "DELETE { ?f kg:timeText ?t } INSERT { ?f kg:timeText '' } WHERE { ?f kg:timeText ?t }"),
    ("a fact's time precision (kg:timePrecision) is \"day\", \"week\", \"month\" or \"year\"",
     "DELETE { ?f kg:timePrecision ?p } INSERT { ?f kg:timePrecision 'hour' } WHERE { ?f kg:timePrecision ?p }"),
    ("a fact that happened on a date (kg:happenedOn) has the words it was read from (kg:timeText) and its "
     "precision (kg:timePrecision), and only then", "DELETE WHERE { ?f kg:timeText ?t }"),
    ("a fact is reported on (kg:reportedOn) the day its article was published (schema:datePublished)",
     "DELETE { ?a schema:datePublished ?d } INSERT { ?a schema:datePublished '2025-02-01'^^xsd:date } "
     "WHERE { ?a schema:datePublished ?d }"),
    ("a fact's evidence is quoted from the article the fact is derived from",
     "DELETE { ?e prov:wasQuotedFrom ?a } INSERT { ?e prov:wasQuotedFrom <https://example.org/kg/article/0> . "
     "<https://example.org/kg/article/0> a schema:NewsArticle } WHERE { ?e prov:wasQuotedFrom ?a }"),
    ("a fact's extractor version is the version of the extractor it is attributed to",
     "DELETE { ?f kg:extractorVersion ?v } INSERT { ?f kg:extractorVersion '99.0' } WHERE { ?f kg:extractorVersion ?v }"),
    ("evidence has one sentence, a non-empty string", "DELETE WHERE { ?e kg:sentence ?s }"),
    ("evidence has one start offset, an xsd:integer of 0 or more",
     "DELETE { ?e kg:startOffset ?s } INSERT { ?e kg:startOffset '0' } WHERE { ?e kg:startOffset ?s }"),
    ("evidence has one end offset, an xsd:integer", "DELETE WHERE { ?e kg:endOffset ?o }"),
    ("evidence's start offset is less than its end offset",
     "DELETE { ?e kg:startOffset ?s } INSERT { ?e kg:startOffset ?end } WHERE { ?e kg:startOffset ?s ; kg:endOffset ?end }"),
    ("evidence is quoted from one article (prov:wasQuotedFrom a schema:NewsArticle)",
     "DELETE WHERE { ?e prov:wasQuotedFrom ?a }"),
    ("evidence's offsets span exactly its sentence (end - start = length of the sentence)",
     "DELETE { ?e kg:sentence ?s } INSERT { ?e kg:sentence 'Short.' } WHERE { ?e kg:sentence ?s }"),
    ("evidence's IRI is its article's IRI followed by /evidence/start-end",
     "DELETE { ?e kg:startOffset ?s ; kg:endOffset ?end } INSERT { ?e kg:startOffset ?s1 ; kg:endOffset ?end1 } "
     "WHERE { ?e kg:startOffset ?s ; kg:endOffset ?end BIND (?s + 1 AS ?s1) BIND (?end + 1 AS ?end1) }"),
    ("every relation kg asserts is reified as a kg:Fact with its evidence",
     "INSERT { ?s kg:backs ?o } WHERE { ?s kg:proposes ?o }"),
    ("the subject of this relation is a person, country, organisation or place",
     "INSERT { ?q kg:backs ?p } WHERE { ?q a schema:Quotation . ?p a kg:Proposal }"),
    ("who meets, visits or holds a role is a person",
     "INSERT { ?c kg:met ?p } WHERE { ?c kg:isoCode 'GB' . ?p a schema:Person }"),
    ("kg:met links two people", "INSERT { ?p kg:met ?c } WHERE { ?p a schema:Person . ?c kg:isoCode 'GB' }"),
    ("kg:visited leads to a place or a country",
     "INSERT { ?p kg:visited ?x } WHERE { ?p a schema:Person . ?x a kg:Proposal }"),
    ("proposes, backs, opposes, considers, discusses and commitsTo lead to a kg:Proposal",
     "INSERT { ?p kg:considers ?c } WHERE { ?p a schema:Person . ?c kg:isoCode 'GB' }"),
    ("kg:said leads to a schema:Quotation", "INSERT { ?p kg:said ?c } WHERE { ?p a schema:Person . ?c kg:isoCode 'GB' }"),
    ("kg:locatedIn leads to a place or a country",
     "INSERT { ?p kg:locatedIn ?x } WHERE { ?p a schema:Place . ?x a kg:Proposal }"),
    ("kg:memberOf leads to an organisation", "INSERT { ?c kg:memberOf ?u } WHERE { ?c kg:isoCode 'GB' . ?u kg:isoCode 'UA' }"),
    ("concerns, supports and conflictWith lead to a person, country, organisation or place",
     "INSERT { ?c kg:supports ?x } WHERE { ?c kg:isoCode 'GB' . ?x a kg:Proposal }"),
    ("kg:holdsRole leads to a kg:Role", "INSERT { ?p kg:holdsRole ?c } WHERE { ?p a schema:Person . ?c kg:isoCode 'GB' }"),
    ("what is kg:locatedIn something is a place",
     "INSERT { ?p kg:locatedIn ?x } WHERE { ?p a schema:Person . ?x a schema:Place }"),
    ("what kg:concerns something is a proposal", "INSERT { ?p kg:concerns ?c } WHERE { ?p a schema:Person . ?c kg:isoCode 'GB' }"),
]


def broken(base: Graph, update: str) -> Graph:
    graph = Graph()
    for triple in base:
        graph.add(triple)
    graph.update(update, initNs={**PREFIXES, "schema": str(PREFIXES["schema"])})
    return graph


@pytest.mark.parametrize("message, update", BROKEN, ids=[m for m, _ in BROKEN])
def test_validate_each_constraint_catches_its_broken_graph(base, message, update):
    graph = broken(base, update)
    assert len(graph) != len(base) or set(graph) != set(base), "the update changed nothing"
    violations = validate_graph(graph)
    assert message in messages(violations), "\n".join(map(describe, violations)) or "the graph conforms"


def test_validate_every_message_has_a_broken_graph():
    declared = {str(m) for m in shapes_graph().objects(None, SH.message)}
    assert declared == {message for message, _ in BROKEN}


def test_validate_violation_names_focus_path_and_shape(base):
    violations = validate_graph(broken(base, "DELETE { ?f kg:evidence ?e } WHERE { ?f a kg:Fact ; kg:evidence ?e }"))
    facts = {str(f) for f in base.subjects(None, PREFIXES["kg"]["Fact"])}
    assert {v.focus for v in violations} == facts
    assert {v.path for v in violations} == {str(PREFIXES["kg"]["evidence"])}
    assert {v.shape for v in violations} == {"https://example.org/kg/shapes#Fact"}


def test_validate_same_words_from_two_speakers_are_two_quotations():
    """Found by the property tests: one quotation node got two speakers."""
    extraction = hand_made_extraction()
    words = "We will stand with Ukraine for a hundred years."
    extraction.quotes.append(Quote(words, "Person:volodymyr zelensky", evidence(3), 0.7))
    graph = article_graph(extraction)
    assert len(set(graph.subjects(None, PREFIXES["schema"]["Quotation"]))) == 2
    assert validate_graph(graph) == []


def test_validate_repeated_readings_are_one_fact_with_the_best_confidence():
    """Found validating built articles: a quotation (or a role) read in two sentences gave one
    fact with two confidences."""
    extraction = hand_made_extraction()
    extraction.quotes.append(extraction.quotes[0]._replace(evidence=evidence(4), confidence=0.6))
    extraction.roles.append(extraction.roles[0]._replace(evidence=evidence(2), confidence=0.5))
    graph = article_graph(extraction)
    assert validate_graph(graph) == []
    kg, keir = PREFIXES["kg"], URIRef("https://example.org/kg/id/person/keir-starmer")
    for predicate in (kg["said"], kg["holdsRole"]):
        [fact] = set(graph.subjects(RDF.predicate, predicate)) & set(graph.subjects(RDF.subject, keir))
        assert [str(c) for c in graph.objects(fact, kg["confidence"])] == ["0.9"]
        assert len(set(graph.objects(fact, kg["evidence"]))) == 2


# ------------------------------------------------------------------------------ real graphs

def test_validate_bundled_article_export_conforms():
    [report] = validate_files([ROOT / "exports" / "article.ttl"])
    assert report.conforms, "\n".join(map(describe, report.violations))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The gold articles built with `kg build`: one Turtle file each, and a JSONL corpus of them."""
    out = tmp_path_factory.mktemp("built")
    texts = sorted([*GOLD.glob("wikinews/*.txt"), *GOLD.glob("gum/*.txt")])
    corpus = out / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"c{i}", "title": p.stem[:40], "text": p.read_text(encoding="utf-8")}) + "\n"
                              for i, p in enumerate(texts[:6])), encoding="utf-8")
    # two builds: in one, the corpus lines would be the files' texts again, which are built once
    files, lines = build(texts, out / "out", html=False), build([corpus], out / "out", html=False)
    assert files.ok and files.articles == len(texts) and lines.ok and lines.articles == 6
    return out / "out"


def built_files():
    names = sorted(p.stem + ".ttl" for p in [*GOLD.glob("wikinews/*.txt"), *GOLD.glob("gum/*.txt")])
    return [*names, "corpus.trig"]


@pytest.mark.parametrize("name", built_files())
def test_validate_built_graphs_conform(built, name):
    [report] = validate_files([built / name])
    assert report.conforms, "\n".join(map(describe, report.violations))


def renamed(graph: Graph, seed: str) -> tuple[str, str]:
    """The graph's Turtle as if its article had another text: (article IRI, Turtle)."""
    text = graph.serialize(format="turtle")
    [digest] = {str(h) for h in graph.objects(None, PREFIXES["kg"]["contentHash"])}
    new = hashlib.sha256(seed.encode()).hexdigest()
    text = text.replace(digest, new).replace(digest[:16], new[:16]).replace(digest[:12], new[:12])
    return f"https://example.org/kg/article/{new[:16]}", text


def test_validate_trig_names_the_graph_of_each_violation(tmp_path, base):
    good_iri, good = renamed(base, "good")
    bad_iri, bad = renamed(broken(base, "DELETE { ?f kg:confidence ?c } INSERT { ?f kg:confidence 1.5 } "
                                         "WHERE { ?f kg:confidence ?c }"), "bad")
    dataset = Dataset()
    for iri, turtle in ((good_iri, good), (bad_iri, bad)):
        dataset.graph(URIRef(iri)).parse(data=turtle, format="turtle")
    path = tmp_path / "corpus.trig"
    dataset.serialize(path, format="trig")
    [report] = validate_files([path])
    assert report.violations
    assert {v.graph for v in report.violations} == {bad_iri}
    assert all(describe(v).endswith(f" (in graph <{bad_iri}>)") for v in report.violations)
    union = validate_store(read_graph_files([path]), each_graph=False)
    assert union == [v._replace(graph="") for v in report.violations]


# ------------------------------------------------------------------------------ the command

def test_validate_cli_prints_conforms(tmp_path, base):
    path = tmp_path / "hand.ttl"
    base.serialize(path, format="turtle")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{path}: conforms\n"


def test_validate_cli_one_line_per_violation(tmp_path, base):
    path = tmp_path / "broken.ttl"
    broken(base, "DELETE { ?f kg:confidence ?c } INSERT { ?f kg:confidence 1.5 } WHERE { ?f kg:confidence ?c }").serialize(path)
    facts = len(set(base.subjects(None, PREFIXES["kg"]["Fact"])))
    proc = subprocess.run([sys.executable, "-m", "kg", "validate", str(path)], capture_output=True, text=True)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == facts
    assert all(line.startswith(f"{path}: <https://example.org/kg/article/") for line in lines)
    assert all(" kg:confidence: a fact has one confidence, an xsd:decimal in [0, 1] (value: \"1.5\")" in line
               for line in lines)
    assert proc.stderr == f"kg: 1 of 1 file(s) do not conform ({facts} violation(s))\n"


def test_validate_cli_prints_prefixed_names_as_they_are(tmp_path, base):
    path = tmp_path / "broken.ttl"
    broken(base, "DELETE { ?p rdfs:label ?l } WHERE { ?p a schema:Person ; rdfs:label ?l }").serialize(path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    people = sorted(short(str(p)) for p in base.subjects(None, PREFIXES["schema"]["Person"]))
    expected = [f"{path}: {p} rdfs:label: every person, country, organisation, place and proposal has a label, "
                "a non-empty string" for p in people]
    assert result.stdout.splitlines() == expected


@pytest.mark.parametrize("name, content, expected", [
    ("missing.ttl", None, "missing.ttl: no such file; give an RDF file written by kg build"),
    ("notes.txt", "hello", "notes.txt: unknown RDF format; use .ttl, .trig, .nt, .nq or .jsonld"),
    ("bad.ttl", "<a> <b> .", "bad.ttl: not valid RDF"),
])
def test_validate_cli_unreadable_file_is_one_line_and_others_still_checked(tmp_path, base, name, content, expected):
    good = tmp_path / "good.ttl"
    base.serialize(good, format="turtle")
    bad = tmp_path / name
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg", "validate", str(bad), str(good)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout == f"{good}: conforms\n"
    [error, summary] = proc.stderr.splitlines()
    assert error.startswith(f"kg: error: {tmp_path}/{expected}")
    assert summary == "kg: 0 of 2 file(s) do not conform (0 violation(s)), 1 could not be read"
