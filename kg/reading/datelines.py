"""Dates written by people: the dateline at the top of a plain-text article, and the date a user
gives on the command line.

News agencies and Wikinews open an article with its date on a line of its own ("Friday, January
4, 2019"), or with a place and a date before the first sentence ("OSTBROOK, 12 November 2020 –
The owners ..."). dateparser reads the date; kg only decides which line is a dateline: one of the
first two non-blank lines, short, naming a day, a month and a four-digit year, and nothing else
but a place before it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from ..core.errors import InputError
from ..core.records import iso_day

_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_LOOKS_DATED = re.compile(rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
                          r"|\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
# "OSTBROOK, 12 November 2020 –": a place in capitals (or a capitalised name) and a comma before the date
_PLACE = re.compile(r"^[A-Z][\w.'’ -]{0,40},\s*")
_DASH = re.compile(r"\s+[-–—]+\s+")
MAX_DATELINE = 60


def find_dateline(text: str) -> str | None:
    """The ISO date of the dateline opening ``text``, or None when it opens with none.

    >>> find_dateline("Friday, January 4, 2019\\n\\nAn apartment block collapsed on Monday.")
    '2019-01-04'
    >>> find_dateline("Ferry deal agreed\\n\\nThe councils agreed a deal on 4 January 2019.") is None
    True
    """
    lines = [line.strip() for line in text.lstrip().splitlines()[:6] if line.strip()][:2]
    for line in lines:
        head = _DASH.split(line, maxsplit=1)[0] if _DASH.search(line) else line
        head = _PLACE.sub("", head) if not _LOOKS_DATED.match(head) else head
        if len(head) <= MAX_DATELINE and _LOOKS_DATED.search(head):
            day = parse_day(head)
            if day is not None:
                return day.isoformat()
    return None


def dateline_line(text: str) -> str | None:
    """The first line of ``text`` when it is a dateline by itself (not a title to keep)."""
    first = text.lstrip().partition("\n")[0].strip()
    return first if len(first) <= MAX_DATELINE and _LOOKS_DATED.search(first) and parse_day(first) else None


def parse_day(text: str) -> dt.date | None:
    """The day a written date names when it names day, month and year ("Friday, January 4,
    2019", "4 Jan 2019", "2019-01-04"), else None. Dates with only a month, or a day without a
    year, are not publication dates.

    >>> parse_day("Monday, 24 September 2019")
    datetime.date(2019, 9, 24)
    >>> parse_day("in September") is None
    True
    """
    if iso_day(text) is not None:
        return iso_day(text)
    if not re.search(r"\b\d{4}\b", text):
        return None  # "yesterday", "Tuesday": relative to a day kg does not know
    found = _parser().get_date_data(text.strip().rstrip(".,:;–—-"))
    if found is None or found.date_obj is None or found.period != "day":
        return None
    return found.date_obj.date()


def user_date(value: str, option: str = "--date") -> str:
    """A date the user typed, as an ISO date.

    Raises:
        InputError: it names no single day.
    """
    day = parse_day(value)
    if day is None:
        raise InputError(f"{option} '{value}' is not a date; give a day such as 2019-09-24 or '24 September 2019'")
    return day.isoformat()


@cache
def _parser():
    import dateparser

    return dateparser.DateDataParser(languages=["en"], settings={
        "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
