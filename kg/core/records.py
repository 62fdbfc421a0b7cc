"""The typed records that flow between the stages: loading -> extraction -> RDF model.

Every stage takes and returns these, never loose dicts, so a reader can see at a glance what
each stage knows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import NamedTuple

ENTITY_TYPES = ("Person", "Country", "Organization", "Place")
"""The named-entity types kg keeps. Proposals are a separate record."""


@dataclass(frozen=True)
class Article:
    """One news article as read from an input.

    Attributes:
        id: a file-name-safe identifier (the file stem, or the JSONL ``id``); outputs are named by it.
        text: the article body, already decoded and stripped of markup.
        source: where it was read from (a path, or ``path:line`` for JSONL).
        title, url, date, author: metadata when the input gives it (``date`` as the input gives
            it; readers write ``YYYY-MM-DD`` when they find the date themselves).
    """

    id: str
    text: str
    source: str = ""
    title: str | None = None
    url: str | None = None
    date: str | None = None
    author: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the article's identity, whatever file it came from."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def day(self) -> dt.date | None:
        """The day the article was published, when ``date`` starts with an ISO 8601 date
        (``2019-09-24``, ``2019-09-24T10:30:00Z``); None otherwise.

        >>> Article("a", "text", date="2019-09-24T10:30:00Z").day
        datetime.date(2019, 9, 24)
        """
        return iso_day(self.date)


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


def iso_day(text: str | None) -> dt.date | None:
    """The day an ISO 8601 date or date-time names, or None when ``text`` is not one.

    >>> iso_day("2019-02-30") is None
    True
    """
    match = _ISO_DAY.match(text or "")
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


class Evidence(NamedTuple):
    """The sentence a fact was read from, with its character offsets in the article text."""

    sentence: str
    start: int
    end: int


class Mention(NamedTuple):
    """One occurrence of a named entity in the text."""

    text: str
    start: int
    end: int
    type: str
    sentence: int


@dataclass
class Entity:
    """A person, country, organisation or place, with every name the article used for it.

    ``key`` is the stable identity used to mint its IRI: the ISO code for a country, otherwise the
    canonical name.
    """

    key: str
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    iso: str | None = None

    @property
    def names(self) -> set[str]:
        return {self.name, *self.aliases}


@dataclass
class Proposal:
    """A plan, proposal, bill, deal, agreement, request, call for action, pledge or partnership."""

    key: str
    label: str
    names: set[str] = field(default_factory=set)
    status: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


class Role(NamedTuple):
    """A position a person holds: ``title`` (lowercase), and the entity key it is ``of``."""

    person: str
    title: str
    of: str | None
    evidence: Evidence
    confidence: float


class Quote(NamedTuple):
    """A direct quotation and the entity key of who said it."""

    text: str
    speaker: str
    evidence: Evidence
    confidence: float


class Time(NamedTuple):
    """When something happened, as a sentence says it: ``text`` as written ("on Tuesday", "last
    week"), ``date`` the ISO day it names (the first day of a week, month or year), and
    ``precision``: ``day``, ``week``, ``month`` or ``year``."""

    text: str
    date: str
    precision: str


class Fact(NamedTuple):
    """A relation between two extracted things (entity or proposal keys).

    ``relation`` is the ontology's local name (``met``, ``proposes``, ...). ``time`` is when the
    sentence says it happened, when it says so (`kg.extraction.dates`).
    """

    subject: str
    relation: str
    object: str
    evidence: Evidence
    confidence: float
    time: Time | None = None


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
