"""Names inside the name of a thing named after someone or somewhere: "the Ada Lowe Memorial
Hall" mentions Ada Lowe, "Kestrel Bay Hospital Station" mentions Kestrel Bay Hospital, "the Tom
Hale Turnpike" mentions Tom Hale.

`named_after` only reads the words; `mentions.py` turns what it finds into nested mentions. The
words that end such names are data (``data/named_after.tsv``).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import NamedTuple

from spacy.tokens import Span

from .gazetteer import gazetteer
from .nametypes import given_names, type_word


class NamedAfter(NamedTuple):
    """A name inside a longer one, and what says what it names (a ``(type, source)`` pair)."""

    span: Span
    evidence: tuple[str, str]


@cache
def _words() -> dict[str, set[str]]:
    text = files("kg.extraction").joinpath("data", "named_after.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    out: dict[str, set[str]] = {"thing": set(), "modifier": set(), "stop": set()}
    for word, role in rows:
        out[role.strip()].add(word.strip())
    out["thing"] |= out["stop"]
    return out


def named_after(span: Span) -> NamedAfter | None:
    """The name of the person, place or organisation a longer name was given after, with the
    evidence of its type, or None.

    The inner name must be capitalised words; its type comes from its own last word ("... Hospital
    Station": a place), a known country or region ("Cornwall Station"), a given name opening it ("Tom Hale
    Turnpike": a person) or a memorial ("the Chen Wu Memorial": someone commemorated). A name
    nothing types ("Carnegie Hall") gives nothing.
    """
    words = _words()
    if len(span) < 2 or span[-1].lower_ not in words["thing"] or not span[-1].text[:1].isupper():
        return None
    cut = span.end - 1
    memorial = span[-1].lower_ == "memorial"
    while cut > span.start and span.doc[cut - 1].lower_ in words["modifier"]:
        memorial |= span.doc[cut - 1].lower_ == "memorial"
        cut -= 1
    start = span.start + (span[0].lower_ == "the")
    inner = span.doc[start:cut]
    if not len(inner) or not all(t.text[:1].isupper() or t.text in (".", "-") for t in inner) or not inner[0].is_alpha:
        return None
    head = type_word(inner[-1])
    if head not in (None, "Person") and len(inner) >= 2 and span[-1].lower_ in words["stop"]:
        return NamedAfter(inner, (head, "head"))
    if head is not None:
        return None  # "City Hall", "Veterans Memorial", "Sky Harbor Airport": a common word ends it
    gaz = gazetteer()
    place = gaz.place(inner.text)
    if gaz.country_iso(inner.text) or place is not None and place.kind != "landmark" and not place.population:
        return NamedAfter(inner, ("Place", "gazetteer"))  # a country or a region; a town's name is often a word too
    if place is None and gaz.place(inner[0].text) is None and (len(inner) >= 2 and inner[0].lower_ in given_names() or memorial):
        return NamedAfter(inner, ("Person", "named_after"))
    return None


def given_after(name: str) -> str | None:
    """The name a lowercase name key was given after, as a key: "ada lowe memorial hall station" ->
    "ada lowe memorial hall", "ada lowe memorial" -> "ada lowe"; None when it ends with no word of
    ``data/named_after.tsv``."""
    words = name.split()
    if len(words) < 2 or words[-1] not in _words()["thing"]:
        return None
    words = words[:-1]
    while len(words) > 1 and words[-1] in _words()["modifier"]:
        words = words[:-1]
    return " ".join(words)
