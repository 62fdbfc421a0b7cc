"""The persistent store: one named graph per article, replaced on re-ingestion, shared entities
as one node, kept across processes, and one-line errors for what cannot be opened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.core.errors import StoreError
from kg.questions import results
from kg.questions.network import to_networkx
from kg.questions.queries import load_query
from kg.rdf.store import GraphStore, load_files

DATA = Path(__file__).parents[1] / "data"
KYIV = DATA / "graphs" / "starmer-in-kyiv.ttl"
MUNICH = DATA / "graphs" / "rubio-in-munich.ttl"
ARTICLE_A = "https://example.org/kg/article/aaaa1111aaaa1111"
ARTICLE_B = "https://example.org/kg/article/bbbb2222bbbb2222"


def people(store: GraphStore) -> list[dict[str, str]]:
    return results.rows(store.query(load_query("people").text))


def test_store_one_named_graph_per_article(tmp_path):
    store = GraphStore(tmp_path / "s")
    store.load(KYIV)
    store.load(MUNICH)
    assert store.graphs() == [ARTICLE_A, ARTICLE_B]
    assert store.has_article("aaaa1111aaaa1111" + "aaaa1111" * 6) and not store.has_article("c" * 64)


@pytest.mark.parametrize("times", [2, 3])
def test_store_reingesting_an_article_never_duplicates(tmp_path, times):
    store = GraphStore(tmp_path / "s")
    store.load(KYIV)
    once = len(store)
    for _ in range(times):
        store.load(KYIV)
        store.put_graph(ARTICLE_A, KYIV.read_bytes(), "turtle")
    assert len(store) == once and store.graphs() == [ARTICLE_A]


def test_store_put_graph_replaces_the_old_version(tmp_path):
    store = GraphStore(tmp_path / "s")
    store.load(KYIV)
    store.load(MUNICH)
    newer = KYIV.read_text(encoding="utf-8").replace("Kyiv", "Kiev")
    store.put_graph(ARTICLE_A, newer, "turtle")
    names = {row["label"] for row in results.rows(store.query(
        "SELECT ?label WHERE { GRAPH <%s> { ?p a <https://schema.org/Place> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label } }" % ARTICLE_A))}
    assert names == {"Kiev"}
    assert store.graphs() == [ARTICLE_A, ARTICLE_B]


def test_store_shared_entities_are_one_node():
    store = load_files([KYIV, MUNICH])
    rows = [row for row in people(store) if row["name"] == "Keir Starmer"]
    assert rows == [{"person": "https://example.org/kg/id/person/keir-starmer", "name": "Keir Starmer",
                     "titles": "prime minister", "articles": "2"}]
    graph = to_networkx(store)
    assert [n for n, d in graph.nodes(data=True) if d["label"] == "Keir Starmer"] == ["https://example.org/kg/id/person/keir-starmer"]


def test_store_reopened_after_the_process_ends(tmp_path):
    """One process writes and exits; another reads the same rows through `kg query`."""
    location = tmp_path / "store"
    write = ("import sys; from kg.rdf.store import GraphStore; s = GraphStore(sys.argv[1]); "
             "[s.load(p) for p in sys.argv[2:]]; s.flush()")
    subprocess.run([sys.executable, "-c", write, str(location), str(KYIV), str(MUNICH)], check=True)
    read = subprocess.run([sys.executable, "-m", "kg", "query", "people", "--store", str(location), "--format", "tsv"],
                          capture_output=True, text=True, check=True)
    assert read.stdout == (DATA / "queries" / "people.tsv").read_text(encoding="utf-8")


def test_store_single_files_work_without_a_store():
    result = CliRunner().invoke(app, ["query", "people", "--data", str(KYIV), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "https://example.org/kg/id/person/keir-starmer,Keir Starmer,prime minister,1",
        "https://example.org/kg/id/person/volodymyr-zelensky,Volodymyr Zelensky,president,1",
    ]


def test_store_build_twice_keeps_one_graph(tmp_path, nlp):
    article = tmp_path / "story.txt"
    article.write_text("Sir Keir Starmer met President Volodymyr Zelensky in Kyiv.\n", encoding="utf-8")
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["build", str(article), "--out", str(tmp_path / "out"), "--store", str(tmp_path / "s"), "-q"])
        assert result.exit_code == 0, result.output
    store = GraphStore.open(tmp_path / "s")
    assert len(store.graphs()) == 1
    assert len(store) == len(load_files([tmp_path / "out" / "story.ttl"]))


def test_store_open_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="no store there; create one with `kg build"):
        GraphStore.open(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()


def test_store_refuses_a_directory_of_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a kg store"):
        GraphStore(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_store_in_use_is_a_one_line_error(tmp_path):
    first = GraphStore(tmp_path / "s")
    with pytest.raises(StoreError, match="cannot open the store") as info:
        GraphStore(tmp_path / "s")
    assert "\n" not in str(info.value)
    del first


@pytest.mark.parametrize("content, suffix, message", [
    ("<a> <b> .", ".ttl", "not valid RDF"),
    ("hello", ".csv", "unknown RDF format"),
])
def test_store_bad_files_are_store_errors(tmp_path, content, suffix, message):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content)
    with pytest.raises(StoreError, match=message):
        GraphStore().load(path)


def test_store_a_persistent_store_is_flushed_as_it_fills(tmp_path, monkeypatch):
    """Oxigraph holds what it is given in memory until flushed: a store written article after
    article is flushed every FLUSH_EVERY quads, so a corpus build's memory stays flat."""
    import kg.rdf.store

    monkeypatch.setattr(kg.rdf.store, "FLUSH_EVERY", 25)
    flushes: list[int] = []

    class Counting:  # pyoxigraph's Store cannot be patched: wrap it
        def __init__(self, inner):
            self.inner = inner

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def flush(self):
            flushes.append(len(self.inner))
            self.inner.flush()

    triples = "".join(f"<urn:s{i}> <urn:p> <urn:o{i}> .\n" for i in range(10))
    for store in (GraphStore(tmp_path / "store"), GraphStore()):
        store.store = Counting(store.store)
        for n in range(6):
            store.put_graph(f"urn:g{n}", triples, "nt")
    assert flushes == [30, 60]  # on disk, after the third and the sixth graph; in memory, never
