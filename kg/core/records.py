"""The typed records that flow between the stages: loading -> extraction -> RDF model.

Every stage takes and returns these, never loose dicts, so a reader can see at a glance what
each stage knows.
"""

from __future__ import annotations

import hashlib
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
        title, url, date: metadata when the input gives it.
    """

    id: str
    text: str
    source: str = ""
    title: str | None = None
    url: str | None = None
    date: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the article's identity, whatever file it came from."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


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


class Fact(NamedTuple):
    """A relation between two extracted things (entity or proposal keys).

    ``relation`` is the ontology's local name (``met``, ``proposes``, ...).
    """

    subject: str
    relation: str
    object: str
    evidence: Evidence
    confidence: float


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
