"""Building: streaming over files, folders, globs and JSONL (also gzip), workers and Dask giving the
same bytes, incremental builds into a store, long articles, the corpus page, progress and summary.

These tests check what the build does with whatever the extractor finds, never the exact facts.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rich.console import Console

import kg.building.workers
from kg.building.build import build
from kg.cli.progress import build_progress, failure_summary, summary_lines
from kg.core.errors import InputError
from kg.core.records import Article
from kg.extraction.pipeline import load_pipeline, parse, split_long_text
from kg.pages.corpus_page import MAX_FACTS_PER_EDGE, CorpusPage
from kg.questions.views import view_of_turtle
from kg.rdf.namespace import KG, article_iri
from kg.rdf.store import GraphStore

TEXTS = [
    "Sir Keir Starmer met President Volodymyr Zelensky in Kyiv on Thursday. Starmer backed a peace plan.",
    "Angela Merkel met Emmanuel Macron in Berlin. Merkel said the talks were \"open and friendly\".",
    "The United Nations proposed a ceasefire in Sudan. The African Union backed the ceasefire plan.",
    "Marco Rubio visited Munich. Rubio met Keir Starmer, the British prime minister, on Friday.",
]


def write_jsonl(path: Path, texts: list[str], opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8") as handle:
        for number, text in enumerate(texts):
            handle.write(json.dumps({"id": f"story-{number}", "text": text, "url": f"https://example.org/{number}"}) + "\n")
    return path


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("in") / "news.jsonl", TEXTS)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, bytes]:
    """The corpus built in this process: what every other way of building must give."""
    out = tmp_path_factory.mktemp("reference")
    report = build([corpus], out)
    assert report.ok and report.articles == len(TEXTS)
    return tree(out)


# ------------------------------------------------------------------------------------- inputs

@pytest.mark.parametrize("opener, name", [(open, "news.jsonl"), (gzip.open, "news.jsonl.gz")])
def test_build_jsonl_gives_turtle_per_article_trig_and_page(tmp_path, opener, name):
    source = write_jsonl(tmp_path / name, TEXTS, opener)
    report = build([source], tmp_path / "out")
    files = tree(tmp_path / "out")
    assert report.ok and report.articles == len(TEXTS)
    assert {f"story-{n}.ttl" for n in range(len(TEXTS))} | {"news.trig", "news.html"} == set(files)
    dataset = Dataset()
    dataset.parse(data=files["news.trig"], format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == {str(article_iri(Article("x", t).content_hash)) for t in TEXTS}


@pytest.mark.parametrize("inputs", [["{dir}"], ["{dir}/*.txt"], ["{dir}/a.txt", "{dir}/sub/b.txt.gz"]])
def test_build_files_folders_and_globs(tmp_path, inputs):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (folder / "sub" / "b.txt.gz").write_bytes(gzip.compress(TEXTS[1].encode("utf-8")))
    report = build([i.format(dir=folder) for i in inputs], tmp_path / "out")
    expected = {"a.ttl", "a.html"} | ({"b.ttl", "b.html"} if "*.txt" not in inputs[0] else set())
    assert report.ok and set(tree(tmp_path / "out")) == expected
    for ttl in (tmp_path / "out").glob("*.ttl"):
        assert len(Graph().parse(ttl)) > 10


# ------------------------------------------------------------------------- executors, ordering

def test_build_two_workers_write_the_same_bytes_as_one_process(corpus, reference, tmp_path):
    report = build([corpus], tmp_path, workers=2)
    assert report.ok and tree(tmp_path) == reference


def test_build_dask_executor_writes_the_same_bytes(corpus, reference, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = build([corpus], tmp_path, executor="dask", scheduler=cluster.scheduler_address)
    assert report.ok and tree(tmp_path) == reference


@pytest.mark.parametrize("kind, options, message", [
    ("spark", {}, "unknown executor 'spark'"),
    ("dask", {}, "needs --scheduler"),
    ("local", {"workers": 0}, "1 or more"),
    ("dask", {"scheduler": "tcp://127.0.0.1:9"}, "cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
])
def test_build_bad_executor_settings_are_errors(corpus, tmp_path, kind, options, message):
    from kg.core.errors import KGError

    with pytest.raises(KGError, match=message):
        build([corpus], tmp_path, executor=kind, **options)


def test_build_chunks_keep_order_and_send_a_long_article_alone():
    articles = [Article(str(n), "x" * size) for n, size in enumerate([10, 10, 500, 10])]
    groups = list(kg.building.workers.chunks(articles, size=3, chars=100))
    assert [[a.id for a in g] for g in groups] == [["0", "1", "2"], ["3"]]
    assert [a.id for g in kg.building.workers.chunks(articles, size=2, chars=1000) for a in g] == ["0", "1", "2", "3"]


# -------------------------------------------------------------------------------- incremental

def test_build_store_skips_articles_already_there_and_keeps_outputs_whole(corpus, reference, tmp_path):
    store = GraphStore(tmp_path / "store")
    first = build([corpus], tmp_path / "out", store=store, merge=False)
    size = len(store)
    second = build([corpus], tmp_path / "out", store=store, merge=False)
    assert (first.articles, first.skipped) == (len(TEXTS), 0)
    assert (second.articles, second.skipped) == (0, len(TEXTS))
    assert len(store) == size and tree(tmp_path / "out") == reference


def test_build_store_replaces_a_changed_article(tmp_path):
    store = GraphStore(tmp_path / "store")
    source = tmp_path / "news.jsonl"
    build([write_jsonl(source, TEXTS)], tmp_path / "out", store=store, merge=False)
    changed = [*TEXTS[:-1], TEXTS[-1] + " He then flew to Paris."]
    report = build([write_jsonl(source, changed)], tmp_path / "out", store=store, merge=False)
    graphs = set(store.graphs())
    assert (report.articles, report.skipped, report.replaced) == (1, len(TEXTS) - 1, 1)
    assert str(article_iri(Article("x", changed[-1]).content_hash)) in graphs
    assert str(article_iri(Article("x", TEXTS[-1]).content_hash)) not in graphs
    assert len(graphs) == len(TEXTS)


@pytest.mark.parametrize("leftover", ["empty graph", "old version"])
def test_build_store_completes_what_a_killed_build_left(tmp_path, leftover):
    """A build killed between Oxigraph's steps leaves an empty graph (the article is then built
    again) or both versions of a changed article (the old one is then removed)."""
    store = GraphStore(tmp_path / "store")
    source = write_jsonl(tmp_path / "news.jsonl", TEXTS[:2])
    build([source], tmp_path / "out", store=store, merge=False)
    iri = ox.NamedNode(str(article_iri(Article("x", TEXTS[0]).content_hash)))
    if leftover == "empty graph":
        store.store.remove_graph(iri)
        store.store.add_graph(iri)
    else:
        old = Article("story-1", "An older text of the second story.", url="https://example.org/1")
        build([write_jsonl(tmp_path / "old.jsonl", [old.text])], tmp_path / "elsewhere", store=store, merge=False)
    report = build([source], tmp_path / "out", store=store, merge=False)
    assert report.ok
    assert sorted(store.graphs()) == sorted(str(article_iri(Article("x", t).content_hash)) for t in TEXTS[:2])
    assert all(any(True for _ in store.store.quads_for_pattern(ox.NamedNode(g), ox.NamedNode(str(KG.contentHash)), None))
               for g in store.graphs())


# ------------------------------------------------------------------------- failures, sections

def test_build_an_article_the_extractor_fails_on_is_a_failure_and_the_others_are_built(corpus, tmp_path, monkeypatch):
    real = kg.building.workers.extract

    def flaky(article, doc):
        if "Sudan" in article.text:
            raise ValueError("boom")
        return real(article, doc)

    monkeypatch.setattr(kg.building.workers, "extract", flaky)
    report = build([corpus], tmp_path)
    [failure] = report.failures
    assert failure.source.endswith("news.jsonl:3") and "ValueError: boom" in failure.message
    assert report.articles == len(TEXTS) - 1 and "\n" not in failure.message


def test_build_long_article_in_sections_keeps_offsets_of_the_whole_text(tmp_path, monkeypatch):
    text = "\n\n".join(TEXTS * 3)
    monkeypatch.setattr(kg.building.workers, "SECTION_CHARS", 300)
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    report = build([tmp_path / "long.txt"], tmp_path / "out", html=False)
    graph = Graph().parse(tmp_path / "out" / "long.ttl")
    evidence = list(graph.subject_objects(KG.sentence))
    assert report.ok and evidence
    for node, sentence in evidence:
        start, end = int(graph.value(node, KG.startOffset)), int(graph.value(node, KG.endOffset))
        assert text[start:end] == str(sentence)


@pytest.mark.parametrize("text, limit", [
    ("One two.\n\nThree four five.", 14),
    ("word " * 100, 37),
    ("x" * 95, 10),
    ("Short.", 100),
])
def test_pipeline_split_long_text_pieces_rejoin_within_the_limit(text, limit):
    pieces = list(split_long_text(text, limit))
    assert "".join(pieces) == text and all(0 < len(p) <= limit for p in pieces)


def test_pipeline_parse_joins_the_pieces_of_a_text_longer_than_max_length(nlp):
    text = "\n\n".join(TEXTS * 4)
    saved = nlp.max_length
    nlp.max_length = 250
    try:
        [(doc, context)] = list(parse(nlp, [(text, "ctx")]))
    finally:
        nlp.max_length = saved
    assert context == "ctx" and doc.text == text
    assert any(ent.text == "Keir Starmer" for ent in doc.ents) and all(t.dep_ for t in doc if not t.is_space)
    assert [ent.start_char for ent in doc.ents] == sorted(ent.start_char for ent in doc.ents)


def test_pipeline_loads_only_the_components_the_extractor_reads():
    nlp = load_pipeline()
    assert "senter" not in nlp.component_names
    assert {"tagger", "parser", "attribute_ruler", "lemmatizer", "ner"} <= set(nlp.pipe_names)


# ------------------------------------------------------------------------------- corpus page

def test_build_corpus_page_past_its_size_draws_the_most_connected(corpus, tmp_path):
    report = build([corpus], tmp_path, html=False)
    page = CorpusPage(max_nodes=3)
    for ttl in sorted(tmp_path.glob("*.ttl")):
        page.add(view_of_turtle(ttl.read_bytes(), f"https://example.org/kg/article/{ttl.stem}"))
    html = page.render("news")
    page.close()
    payload = json.loads(re.search(r'<script[^>]*id="kg-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert report.ok and payload["shown"] == payload["total"] == 3
    assert "the 3 most connected of" in html


def test_corpus_page_keeps_the_most_confident_facts_of_each_pair(tmp_path):
    facts = "\n".join(
        f"<urn:f{n}> a kg:Fact ; rdf:subject id:a ; rdf:predicate kg:met ; rdf:object id:b ; "
        f"kg:confidence {n / 100} ; kg:evidence <urn:e{n}> . <urn:e{n}> kg:sentence \"S{n}\" ; kg:startOffset 0 ; kg:endOffset 2 ."
        for n in range(MAX_FACTS_PER_EDGE + 5))
    turtle = f"""@prefix kg: <{KG._NS}> . @prefix id: <https://example.org/kg/id/person/> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix schema: <https://schema.org/> .
        id:a a schema:Person . id:b a schema:Person . id:a kg:met id:b . {facts}"""
    with CorpusPage() as page:
        page.add(view_of_turtle(turtle.encode(), "urn:g"))
        graph, total = page.graph()
    (edge,) = graph.edges(data=True)
    assert total == 2 and edge[2]["facts"] == MAX_FACTS_PER_EDGE
    assert sorted(e["sentence"] for e in edge[2]["evidence"]) == sorted(f"S{n}" for n in range(5, MAX_FACTS_PER_EDGE + 5))


# ------------------------------------------------------------------------- progress, summary

@pytest.mark.parametrize("terminal, enabled, drawn", [(True, True, True), (False, True, False), (True, False, False)])
def test_build_progress_is_drawn_only_on_a_terminal(terminal, enabled, drawn):
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=terminal, width=100)
    with build_progress(console, 3, enabled=enabled) as advance:
        for _ in range(3):
            advance(None)
    assert ("articles/s" in buffer.getvalue()) == drawn
    assert drawn or buffer.getvalue() == ""


def test_build_summary_says_what_was_built_and_what_failed(corpus, tmp_path):
    report = build([corpus, tmp_path / "missing.txt"], tmp_path / "out", html=False)
    lines = summary_lines(report, tmp_path / "out")
    assert lines[0].startswith(f"Built {len(TEXTS)} article(s) into") and "articles/s" in lines[0]
    assert failure_summary(report) == f"kg: 1 input(s) failed ({tmp_path / 'missing.txt'}); {len(TEXTS)} article(s) built"


def test_build_the_same_text_twice_is_built_once_with_a_note(tmp_path):
    """An article's graph is named by its text: two inputs with one text would make one graph
    with two identifiers, so the second is left out and the note says so."""
    source = tmp_path / "dup.jsonl"
    source.write_text("".join(json.dumps({"id": name, "text": TEXTS[0]}) + "\n" for name in ("first", "again")),
                      encoding="utf-8")
    report = build([source], tmp_path / "out")
    assert report.ok and report.articles == 1
    assert sorted(p.name for p in (tmp_path / "out").glob("*.ttl")) == ["first.ttl"]
    assert [n.message for n in report.notes] == [f"{source}:2: the same text as {source}:1; built once, under the first"]


def test_build_outputs_are_the_same_bytes_whatever_the_hash_seed(tmp_path):
    """Every output, pages included, is the same bytes in two processes with different hash seeds
    (set iteration order changes with the seed; networkx's subgraph views iterate in it). The
    corpus page is drawn from the committed graphs of 285 Wikinews articles, a real corpus whose
    layout has many components."""
    script = (
        "import lzma, sys; from collections import defaultdict; from pathlib import Path; import pyoxigraph as ox\n"
        "from kg.building.build import build; from kg.pages.corpus_page import CorpusPage\n"
        "from kg.questions.views import article_view\n"
        "out = Path(sys.argv[1]); assert build([], out).ok\n"
        "graphs = defaultdict(list)\n"
        "for q in ox.parse(lzma.decompress(Path(sys.argv[2]).read_bytes()), format=ox.RdfFormat.N_QUADS):\n"
        "    graphs[q.graph_name.value].append((q.subject.value, q.predicate.value, q.object.value))\n"
        "with CorpusPage() as page:\n"
        "    for name in sorted(graphs): page.add(article_view(graphs[name], name))\n"
        "    (out / 'corpus.html').write_text(page.render('corpus'), encoding='utf-8')\n")
    corpus = Path(__file__).parents[1] / "data" / "corpus" / "wikinews-285.nq.xz"
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}"
        subprocess.run([sys.executable, "-c", script, str(out), str(corpus)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(tree(out))
    assert sorted(outputs[0]) == ["article.html", "article.ttl", "corpus.html"]
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("options, headline, published", [
    ({"title": "Starmer in Kyiv", "date": "16 January 2025"}, "Starmer in Kyiv", "2025-01-16"),
    ({"date": "2025-01-16"}, None, "2025-01-16"),
    ({}, None, None),
])
def test_build_title_and_date_of_one_text_file(tmp_path, options, headline, published):
    (tmp_path / "kyiv.txt").write_text(TEXTS[0], encoding="utf-8")
    report = build([tmp_path / "kyiv.txt"], tmp_path / "out", html=False, **options)
    assert report.ok
    graph = Graph().parse(tmp_path / "out" / "kyiv.ttl")
    answer = {str(row.p): str(row.o) for row in graph.query(
        "SELECT ?p ?o WHERE { ?a a <https://schema.org/NewsArticle> ; ?p ?o }")}
    assert answer.get("https://schema.org/headline") == headline
    assert answer.get("https://schema.org/datePublished") == published
    met = list(graph.query("SELECT ?f ?on ?reported WHERE { ?f <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> "
                           "<https://example.org/kg/ontology#met> . OPTIONAL { ?f <https://example.org/kg/ontology#happenedOn> ?on } "
                           "OPTIONAL { ?f <https://example.org/kg/ontology#reportedOn> ?reported } }"))
    # "on Thursday" in an article of Thursday 16 January 2025 is that day; without a date, no day
    assert [(str(r.on) if r.on else None, str(r.reported) if r.reported else None) for r in met] == \
        [("2025-01-16" if published else None, published)]


@pytest.mark.parametrize("inputs, options, message", [
    (["a.txt", "b.txt"], {"title": "Two"}, "give them with a single .txt or .html file"),
    (["c.jsonl"], {"date": "2025-01-16"}, "give them with a single .txt or .html file"),
    (["a.txt"], {"date": "next Thursday"}, "--date 'next Thursday' is not a date"),
    (["a.txt"], {"title": " "}, "--title is empty"),
])
def test_build_title_and_date_for_other_than_one_file_are_errors(tmp_path, inputs, options, message):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXTS[0], encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", TEXTS[:2])
    with pytest.raises(InputError, match=re.escape(message)):
        build([tmp_path / name for name in inputs], tmp_path / "out", html=False, **options)
    assert not (tmp_path / "out" / "a.ttl").exists()
