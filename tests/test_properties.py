"""Property tests (Hypothesis): over random text, and random article-like text made of names,
titles, cue verbs, quotations, punctuation and unicode, the build never crashes, what it writes
parses back (strictly), conforms to the shapes, and survives a round trip through every RDF
export format as an isomorphic graph.

Example counts are modest (the machine is shared); ``HYPOTHESIS_PROFILE=thorough`` runs more. In
CI (``CI`` set) the ``ci`` profile is derandomized, so a run is reproducible.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdf_checks import assert_iris_valid, assert_isomorphic, check_round_trips

from kg.building.build import build
from kg.core.records import ENTITY_TYPES, Article, Entity, Evidence, Extraction, Fact, Proposal, Quote, Role
from kg.rdf.model import article_graph
from kg.rdf.namespace import entity_iri, proposal_iri, slug
from kg.rdf.validate import describe, validate_graph

settings.register_profile("dev", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", settings.get_profile("dev"), derandomize=True, database=None, print_blob=True)
settings.register_profile("thorough", settings.get_profile("dev"), max_examples=300)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


def scaled(cheap: int) -> settings:
    """Settings of the active profile; ``cheap`` examples for tests that do not run spaCy."""
    return settings(PROFILE, max_examples=max(PROFILE.max_examples, cheap) if cheap else PROFILE.max_examples)


# ------------------------------------------------------------------------------ strategies

@cache
def column(name: str, index: int = 0) -> list[str]:
    """A column of one of kg's data files (comments and the header left out)."""
    lines = [line for line in files("kg.extraction.data").joinpath(name).read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return sorted({row[index] for row in csv.reader(lines[1:], delimiter="\t") if len(row) > index and row[index]})


PEOPLE = ["Keir Starmer", "Volodymyr Zelensky", "Emmanuel Macron", "Angela Merkel", "Xi Jinping", "Olaf Scholz",
          "Recep Tayyip Erdoğan", 'Conan "The Barbarian" O\'Brien', "Ngozi Okonjo-Iweala", "محمد بن سلمان",
          "בנימין נתניהו", "José María Aznar", "Kim Jong Un", "Mary Robinson", "Jean-Claude Juncker"]
NOISE = ["🙂", "👩\u200d👩\u200d👧", "\u202e", "\u200b", "\u0301", "\x00", "\x07", "\t", "\r\n", "\u2028", "\ufeff",
         "<script>alert(1)</script>", '" onmouseover="alert(2)', "&amp;", "<b>", "]]>", "\\", "%", "@prefix x: <y> .",
         "}", "{", "\"\"\"", "'''", "日本", "Ωμέγα"]
QUOTES = [('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("'", "'"), ("„", "“"), ('"', "")]


def past(lemma: str) -> str:
    return lemma + ("d" if lemma.endswith("e") else "ed")


@st.composite
def sentences(draw) -> str:
    """One article-like sentence: a (titled) name, a cue verb, a proposal or another name, a place."""
    names = st.sampled_from(PEOPLE) | st.sampled_from(column("orgs.tsv")) | st.sampled_from(column("countries.tsv", 1))
    title = draw(st.sampled_from(["", "", *column("titles.tsv")]))
    subject = (title.title() + " " if title else "") + draw(names)
    kind = draw(st.sampled_from(["cue", "met", "visited", "said", "noise"]))
    if kind == "cue":
        noun = draw(st.sampled_from(column("proposal_nouns.tsv")))
        text = f"{subject} {past(draw(st.sampled_from(column('cues.tsv', 1))))} the {noun} for {draw(names)}"
    elif kind == "met":
        text = f"{subject} met {draw(names)} in {draw(st.sampled_from(column('places.tsv')))}"
    elif kind == "visited":
        text = f"{subject} visited {draw(names)}"
    elif kind == "said":
        opening, closing = draw(st.sampled_from(QUOTES))
        words = draw(st.lists(st.sampled_from(["we", "will", "stand", "with", "them", "never", *NOISE]), min_size=1, max_size=12))
        text = f"{subject} said: {opening}{' '.join(words)}{closing}"
    else:
        text = " ".join(draw(st.lists(st.sampled_from(NOISE) | names | st.text(max_size=8), min_size=1, max_size=6)))
    noise = draw(st.sampled_from(["", "", "", *NOISE]))
    return text + noise + draw(st.sampled_from([".", ".", "!", "?", ";", "", "..."]))


@st.composite
def articles(draw) -> str:
    """Paragraphs of article-like sentences, sometimes under a headline."""
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4))
    headline = draw(st.sampled_from(["", "", *PEOPLE, "<script>alert(1)</script>\" onmouseover=\"alert(2)"]))
    return "\n\n".join(([headline] if headline else []) + paragraphs)


any_text = st.text(max_size=400)
metadata = st.none() | st.text(max_size=40)


# ------------------------------------------------------------------------------ checks

def build_and_check(text: str, title: str | None, url: str | None) -> None:
    """Build ``text`` as a .txt file and as a JSONL corpus line; check everything written."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "article.txt").write_text(text, encoding="utf-8", newline="")
        (root / "corpus.jsonl").write_text(json.dumps({"id": "line", "text": text, "title": title, "url": url}) + "\n",
                                           encoding="utf-8")
        for source in ("article.txt", "corpus.jsonl"):  # one build each: one text is built once in a build
            report = build([root / source], root / "out")
            assert report.articles + len(report.failures) == 1, report
            for failure in report.failures:  # e.g. no text, or binary-looking: one line naming the input
                assert "\n" not in failure.message and failure.message.startswith(str(root)), failure.message
        for path in sorted((root / "out").glob("*.ttl")):
            graph = check_round_trips(path)
            violations = validate_graph(graph)
            assert violations == [], "\n".join(map(describe, violations))
        for path in (root / "out").glob("*.trig"):
            check_round_trips(path, "trig")
        for page in (root / "out").glob("*.html"):
            html = page.read_text(encoding="utf-8")
            block = html.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
            json.loads(block)


# ------------------------------------------------------------------------------ the build

@scaled(0)
@given(text=any_text, title=metadata, url=metadata)
def test_properties_random_text_builds_and_parses_back(text, title, url):
    build_and_check(text, title, url)


@scaled(0)
@given(text=articles(), title=metadata, url=metadata)
def test_properties_article_like_text_builds_and_parses_back(text, title, url):
    build_and_check(text, title, url)


# ------------------------------------------------------------------------------ IRIs and the model

@scaled(200)
@given(name=st.text(), kind=st.sampled_from(ENTITY_TYPES))
def test_properties_entity_and_proposal_iris_are_always_valid(name, kind):
    for iri in (entity_iri(kind, f"{kind}:{name}", name), proposal_iri("0" * 64, f"proposal:{name}")):
        ox.NamedNode(str(iri))  # Oxigraph's IRI parser raises ValueError for an invalid IRI
    assert slug(name) and set(slug(name)) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


@st.composite
def extractions(draw) -> Extraction:
    """Random but consistent extraction records: evidence is a slice of the text, names anything."""
    text = draw(st.text(min_size=2, max_size=200).filter(lambda t: t.strip()))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    assume(text[start:end].strip() == text[start:end] and text[start:end])
    evidence = Evidence(text[start:end], start, end)
    names = st.text(min_size=1, max_size=30)
    kinds = draw(st.lists(st.sampled_from(ENTITY_TYPES), min_size=2, max_size=5))
    entities = {}
    for i, kind in enumerate(kinds):
        name = draw(names)
        entities[f"{kind}:{i}:{name}"] = Entity(f"{kind}:{i}:{name}", kind, name, set(draw(st.lists(names, max_size=2))))
    persons = [k for k, e in entities.items() if e.type == "Person"]
    plan = "proposal:" + draw(names)
    quote = draw(names)
    confidence = st.floats(0, 1)
    keys = list(entities)
    return Extraction(
        article=Article(id=draw(names), text=text, title=draw(metadata), url=draw(metadata), date=draw(metadata)),
        entities=entities,
        proposals={plan: Proposal(plan, draw(names), set(draw(st.lists(names, max_size=2))), draw(st.sampled_from(
            [None, "proposed", "under consideration", "agreed", "withdrawn", "rejected"])), [evidence])},
        roles=[Role(p, draw(names), draw(st.sampled_from([None, *keys])), evidence, draw(confidence)) for p in persons],
        quotes=[Quote(quote, p, Evidence(*evidence), draw(confidence)) for p in persons[:1] if quote in evidence.sentence],
        facts=[Fact(keys[0], "conflict", keys[1], evidence, draw(confidence)),
               *(Fact(k, "proposes", plan, evidence, draw(confidence)) for k in keys if entities[k].type != "Place")],
    )


@scaled(60)
@given(extraction=extractions())
def test_properties_any_extraction_gives_valid_iris_and_round_trips(extraction):
    graph = article_graph(extraction)
    assert_iris_valid(graph)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.ttl"
        path.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
        assert_isomorphic(graph, check_round_trips(path), "written and read back")
