"""Saved web pages: the article's main text and its metadata, read with trafilatura.

A news page holds much more than its article: a cookie banner, menus, a search box, photo
captions, "related stories", share buttons, reader comments and a footer. trafilatura finds the
main text among them (its own rules and readability/jusText fallbacks, well tested on news sites)
and reads the page's metadata: the headline, the author, the canonical URL and the publication
date (from ``<meta>`` tags, JSON-LD, ``<time>`` elements and the URL). When the markup holds no
date, htmldate's extensive search looks for one in the page's text ("Wednesday 12 November 2020"
under the headline).

The text keeps one paragraph a block, paragraphs separated by a blank line, the headline first
(as in a plain-text article), so that sentences never run across two blocks.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

from ..core.records import iso_day

# trafilatura and htmldate log every page they find little in; kg reports its own problems
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class WebPage(NamedTuple):
    """What a web page gives kg: its article text and the metadata found (None when not)."""

    text: str
    title: str | None
    author: str | None
    url: str | None
    date: str | None


def read_web_page(html: str) -> WebPage:
    """The main text and metadata of a saved web page.

    Navigation, captions, related links, comments and banners are left out. A page in which
    trafilatura finds no main text (a page of one short paragraph, say) gives all its visible
    text, as trafilatura's ``html2txt`` reads it.

    >>> page = read_web_page("<html><head><title>Talks</title></head><body><nav>Home</nav>"
    ...                      "<p>The two mayors met on Friday to discuss the bridge.</p></body></html>")
    >>> (page.title, page.text)
    ('Talks', 'Talks\\n\\nThe two mayors met on Friday to discuss the bridge.')
    """
    import trafilatura

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
        include_links=False, deduplicate=False, favor_precision=True,  # a stray menu line is worse than a lost line
        # the markup only (meta tags, JSON-LD, <time>, the URL): the text is htmldate's below
        date_extraction_params={"original_date": True, "extensive_search": False})
    body = found.text if found is not None and found.text else trafilatura.html2txt(html) or ""
    title = _clean(found.title) if found is not None else None
    author = _clean(found.author) if found is not None else None
    url = _clean(found.url) if found is not None else None
    date = found.date if found is not None and iso_day(found.date) else _date_in_text(html)
    return WebPage(_paragraphs(body, title), title, author, url, date)


def _date_in_text(html: str) -> str | None:
    """The publication date htmldate's extensive search finds in the page's text, if any."""
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=True, original_date=True)
    except ValueError:  # a page htmldate cannot parse has no date it can find
        return None
    return found if iso_day(found) else None


def _paragraphs(body: str, title: str | None) -> str:
    """One paragraph a line becomes one a block; the headline opens the text."""
    paragraphs = [" ".join(line.split()) for line in body.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs)


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
