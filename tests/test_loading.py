"""Reading inputs: text files, directories, JSONL, encodings, HTML, and bad inputs."""

from __future__ import annotations

import gzip
import json

import pytest

from kg.loading import Failure, Note, load_articles, safe_id
from kg.records import Article


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def failures(items):
    return [i for i in items if isinstance(i, Failure)]


def test_loading_text_file_gives_article_with_stem_and_headline(tmp_path):
    path = tmp_path / "my story.txt"
    path.write_text("Big headline here\n\nThe body of the story. It has two sentences.", encoding="utf-8")
    [article] = articles(load_articles([path]))
    assert article.id == "my_story"
    assert article.title == "Big headline here"
    assert article.text.endswith("two sentences.")


def test_loading_directory_reads_article_files_in_order(tmp_path):
    for name in ("b.txt", "a.txt", "notes.bin"):
        (tmp_path / name).write_text("Some text about Paris.", encoding="utf-8")
    assert [a.id for a in articles(load_articles([tmp_path]))] == ["a", "b"]


@pytest.mark.parametrize("opener", [open, gzip.open])
def test_loading_jsonl_gives_one_article_per_line_with_metadata(tmp_path, opener):
    path = tmp_path / ("corpus.jsonl.gz" if opener is gzip.open else "corpus.jsonl")
    rows = [{"id": "one", "text": "First story.", "title": "T1", "url": "https://example.org/1", "date": "2020-01-02"},
            {"text": "Second story without id."}]
    with opener(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r) for r in rows) + "\n")
    first, second = articles(load_articles([path]))
    assert (first.id, first.title, first.url, first.date) == ("one", "T1", "https://example.org/1", "2020-01-02")
    assert second.id == "corpus-2"


def test_loading_bad_jsonl_line_names_the_line_and_keeps_the_others(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "Good."}\n{not json\n{"id": "b"}\n{"id": "c", "text": "Also good."}\n')
    items = list(load_articles([path]))
    assert [a.id for a in articles(items)] == ["a", "c"]
    messages = [f.message for f in failures(items)]
    assert any(":2:" in m and "not valid JSON" in m for m in messages)
    assert any(":3:" in m and '"text"' in m for m in messages)


@pytest.mark.parametrize("content, expected", [
    (b"", "holds no text"),
    (b"   \n\t  \n", "holds no text"),
    (b"\x00\x01\x02binary\x00data", "binary"),
])
def test_loading_unusable_file_is_a_failure_naming_it(tmp_path, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [failure] = failures(load_articles([path]))
    assert str(path) in failure.message and expected in failure.message


def test_loading_missing_path_is_a_failure(tmp_path):
    [failure] = failures(load_articles([tmp_path / "nope.txt"]))
    assert "no such file" in failure.message


def test_loading_latin1_text_is_decoded_and_noted(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le président François Hollande a visité Athènes et Zürich.".encode("latin-1"))
    items = list(load_articles([path]))
    [article] = articles(items)
    assert "François" in article.text
    assert any(isinstance(i, Note) and "not UTF-8" in i.message for i in items)


def test_loading_html_keeps_visible_text_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>Title</title><script>var x = 1;</script></head>"
                    "<body><p>Angela Merkel met Emmanuel Macron.</p><style>p {}</style></body></html>")
    [article] = articles(load_articles([path]))
    assert "Angela Merkel met Emmanuel Macron." in article.text
    assert "var x" not in article.text and "p {}" not in article.text


@pytest.mark.parametrize("raw, expected", [("a/b c", "a_b_c"), ("../etc/passwd", "etc_passwd"), ("", "article")])
def test_loading_safe_id_is_file_name_safe(raw, expected):
    assert safe_id(raw) == expected
