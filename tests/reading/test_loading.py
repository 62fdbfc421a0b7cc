"""Reading inputs: text files, directories, JSONL, encodings, HTML, and bad inputs."""

from __future__ import annotations

import gzip
import json

import pytest

from kg.core.records import Article
from kg.reading.loading import Failure, Note, load_articles, safe_id


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


@pytest.mark.parametrize("text, encoding, said", [
    ("Le président François Hollande a déclaré que la réunion était « très utile ».", "latin-1", "cp1252"),
    ("Die Gespräche in München seien „gut“ gewesen, sagte Olaf Scholz.", "cp1252", "cp1252"),
    ("Prezydent Andrzej Duda spotkał się w Łodzi z premierem. Rozmowa dotyczyła źródeł energii.", "cp1250", "cp1250"),
    ("Президент России Владимир Путин встретился в Москве с премьер-министром Индии.", "cp1251", "cp1251"),
    ("Ο πρωθυπουργός της Ελλάδας συναντήθηκε με τον πρόεδρο της Κύπρου.", "iso8859_7", "cp1253"),
    ("Angela Merkel met Emmanuel Macron in Paris.", "utf-16", "UTF-16"),
])
def test_loading_other_encodings_are_decoded_and_the_note_says_which(tmp_path, text, encoding, said):
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    items = list(load_articles([path]))
    [article] = articles(items)
    [note] = [i for i in items if isinstance(i, Note)]
    assert article.text == text and note.message.endswith(f"read as {said}") and str(path) in note.message


@pytest.mark.parametrize("content, expected", [
    (b'\xef\xbb\xbf{"id": "a", "text": "Text after a byte-order mark."}\n', ["a"]),
    (b'{"id": "a", "text": "One."}\r\n\r\n{"id": "b", "text": "Two."}\r\n', ["a", "b"]),
])
def test_loading_jsonl_with_bom_and_windows_line_ends(tmp_path, content, expected):
    path = tmp_path / "c.jsonl"
    path.write_bytes(content)
    assert [a.id for a in articles(load_articles([path]))] == expected


@pytest.mark.parametrize("name, content, expected", [
    ("c.jsonl", b"\x00\x01\x02\x03" * 500, "looks like a binary file, not JSONL"),
    ("c.jsonl.gz", b"not gzip at all", "the gzip file is cut short or damaged"),
    ("c.txt.gz", gzip.compress(b"Some text about Paris.")[:-12], "the gzip file is cut short or damaged"),
])
def test_loading_binary_or_damaged_file_is_one_failure(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    [failure] = failures(load_articles([path]))
    assert failure.source == str(path) and expected in failure.message and "\n" not in failure.message


def test_loading_damaged_gzip_keeps_the_lines_before_the_damage(tmp_path):
    lines = "".join(json.dumps({"id": f"n{n}", "text": f"Story number {n} about Paris."}) + "\n" for n in range(2000))
    path = tmp_path / "c.jsonl.gz"
    data = gzip.compress(lines.encode("utf-8"))
    path.write_bytes(data[: len(data) // 2])
    items = list(load_articles([path]))
    assert 0 < len(articles(items)) < 2000 and len(failures(items)) == 1


@pytest.mark.parametrize("inputs, expected", [
    (["a.txt", "b.jsonl"], 3),
    (["b.jsonl.gz"], 2),
    (["missing.txt", "a.txt"], 1),
])
def test_loading_count_articles_for_the_progress_bar(tmp_path, inputs, expected):
    from kg.reading.loading import count_articles

    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "One."}\n\n{"text": "Two."}\n', encoding="utf-8")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress((tmp_path / "b.jsonl").read_bytes()))
    assert count_articles([tmp_path / i for i in inputs]) == expected


def test_loading_lone_surrogates_in_jsonl_become_replacement_characters(tmp_path):
    """JSON can escape a lone surrogate ("\\ud800"); UTF-8 cannot hold one, so the loader puts
    U+FFFD in its place, one character for one, and the offsets after it stay right."""
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "s\\udc00", "title": "T\\ud800", "text": "Before \\ud800 after."}\n', encoding="utf-8")
    [article] = articles(load_articles([path]))
    assert article.text == "Before \ufffd after." and article.title == "T\ufffd"
    assert article.text.encode("utf-8") and article.id.encode("utf-8")
