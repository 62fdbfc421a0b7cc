"""Saved news pages (tests/data/pages/, pages of our own making with a cookie banner, menus,
captions, related links and comments): the article's text only, and its metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.reading.loading import load_articles, read_text_file
from kg.reading.webpage import read_web_page

PAGES = Path(__file__).parents[1] / "data" / "pages"


@pytest.mark.parametrize("page, title, date, url, author", [
    # meta tags and a canonical link
    ("parliament-suspended.html", "Assembly suspended for a month as budget row deepens", "2021-03-04",
     "https://news.example.com/politics/2021/03/04/assembly-suspended", "Mara Lindqvist"),
    # a "Posted on" line under the headline, no metadata in the markup
    ("ferry-deal.html", "Island councils back joint ferry deal", "2020-11-12", None, None),
    # the date only inside the first paragraph: htmldate's search of the text finds it
    ("mill-closure.html", "Paper mill to close in spring", "2020-11-12", None, None),
])
def test_webpage_metadata_is_read(page, title, date, url, author):
    article, _ = read_text_file(PAGES / page)
    assert (article.title, article.date, article.url, article.author) == (title, date, url, author)


@pytest.mark.parametrize("page, kept, left_out", [
    ("parliament-suspended.html",
     ["Governor Ilse Varga suspended the regional assembly for four weeks on Wednesday",
      "The court is expected to hear the opposition's challenge next week."],
     ["cookies", "Subscribe today", "Search the Courier", "Photo: Pell Agency", "Related stories",
      "Harbour rowing club", "Share this story", "Typical politicians", "See you all in court", "All rights reserved",
      "Political Editor", "dataLayer"]),
    ("ferry-deal.html",
     ["The councils of Skarra and Vennholm voted on Tuesday", "asked the councils to think again."],
     ["This site uses cookies", "Log in", "Most read", "Storm closes harbour road", "Sign up", "About time!",
      "12 thoughts", "Independent news for the islands"]),
    ("mill-closure.html",
     ["The owners of the Ostbrook paper mill said on Monday", "Mayor Sigrid Aalto said she would meet the owners"],
     ["Cookies help us", "What's on", "seen from the river", "Bridge repairs", "grandfather", "Sell it to the workers",
      "ads"]),
])
def test_webpage_keeps_the_article_and_leaves_the_page_around_it(page, kept, left_out):
    article, _ = read_text_file(PAGES / page)
    for text in kept:
        assert text in article.text
    for text in left_out:
        assert text not in article.text, text


def test_webpage_paragraphs_are_blocks_and_the_headline_opens_the_text():
    article, _ = read_text_file(PAGES / "ferry-deal.html")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Island councils back joint ferry deal"
    assert len(paragraphs) == 4 and all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_webpage_html_in_jsonl_is_read_as_a_page(tmp_path):
    html = (PAGES / "ferry-deal.html").read_text(encoding="utf-8")
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text('{"id": "ferry", "text": %s}\n' % __import__("json").dumps(html), encoding="utf-8")
    [article] = load_articles([corpus])
    assert (article.title, article.date) == ("Island councils back joint ferry deal", "2020-11-12")
    assert "Most read" not in article.text


def test_webpage_without_main_text_gives_its_visible_text():
    page = read_web_page("<html><body><div>Lone line about the harbour vote</div></body></html>")
    assert page.text == "Lone line about the harbour vote"
    assert (page.title, page.date, page.url, page.author) == (None, None, None, None)
