"""Titles of office in the text: "finance minister", "President", "Senators", "Minister of Health".

`find_titles` finds them, with the words that belong to them (modifiers of time such as "former",
the portfolio after "of"); `roles` reads whom each names and of what; `references` resolves the
ones that name no one ("the prime minister said"). A title someone will only hold one day ("a
future prime minister") or that stands in a hypothesis ("if the president resigns") gives no role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .gazetteer import gazetteer
from .nametypes import type_words

# the heads of titles that take modifiers of their own: "economic development minister"
EXTENSIBLE_HEADS = {"minister", "secretary", "director", "adviser", "advisor", "spokesman", "spokeswoman",
                    "spokesperson", "officer", "chief", "commissioner", "envoy", "ambassador", "leader",
                    "chairman", "chairwoman", "chair", "head", "president", "governor", "executive", "official",
                    "representative", "attorney", "general", "commander", "editor", "whip", "nominee",
                    "scientist", "analyst", "economist", "administrator", "candidate", "correspondent"}
# the heads that take a portfolio after "of" or "for": "Minister of Finance", "Secretary for Health"
PORTFOLIO_HEADS = {"minister", "secretary", "commissioner", "director", "undersecretary"}
STOP_EXTENDING = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "'s", "’s", ",", "and", "or"}
HYPOTHESIS_MARKS = {"if", "unless", "whether", "lest"}


@dataclass
class TitleSpan:
    """A title found in the text, e.g. "finance minister" in "Danish Finance Minister Lars Holm".

    Attributes:
        span: the title's tokens (with modifiers such as "former").
        title: the title as a lowercase string.
        qualifier: the entity key it is of ("Danish" -> Denmark), when the text gives one.
        person: the entity key of the person it names, when it names one.
        plural: a plural title ("Senators A, B and C").
    """

    span: Span
    title: str
    qualifier: str | None = None
    person: str | None = None
    plural: bool = False

    @property
    def head(self) -> Token:
        return self.span.root

    @property
    def base(self) -> str:
        """The title without modifiers of time ("former", "acting"): what it is a title of."""
        mods = gazetteer().title_modifiers
        return " ".join(w for w in self.title.split() if w not in mods)


@cache
def unheld_modifiers() -> frozenset[str]:
    """Words before a title saying nobody holds it yet ("a future prime minister"):
    ``data/unheld_title_modifiers.txt``."""
    text = files("kg.extraction").joinpath("data", "unheld_title_modifiers.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def _title_matcher(vocab: Vocab) -> PhraseMatcher:
    """A phrase matcher for every office title, on lowercase words ("president-elect" is the
    three tokens spaCy makes of it), singular and plural."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for title in gazetteer().titles.values():
        if title.kind in ("office", "both"):
            words = re.findall(r"[^\s-]+|-", title.title)
            patterns = [Doc(vocab, words=words)]
            if words[-1].isalpha():  # "Senators Ana Ruiz and Tom Berg"
                patterns.append(Doc(vocab, words=[*words[:-1], words[-1] + "s"]))
            matcher.add("TITLE", patterns)
    return matcher


@cache
def title_heads() -> frozenset[str]:
    return frozenset(t.split()[-1] for t in gazetteer().titles)


def find_titles(doc: Doc, named: dict[int, str] | None = None) -> list[TitleSpan]:
    """Every title in the document, longest first where they overlap, extended over the words
    that belong to it ("Special Presidential Envoy", "economic development minister", "Minister
    of Finance") and over a time modifier before it ("former"). A name found before it
    ("Aslef general secretary") is not part of it: it is what the title is of."""
    named = named or {}  # token -> type of the entity it names
    matcher = _title_matcher(doc.vocab)
    spans = [doc[start:end] for _, start, end in matcher(doc)]
    spans = [s for s in spans if not _inside_name(s)]
    found = []
    titles = gazetteer().titles
    for span in filter_spans(spans):
        span = _extend_right(_extend(span, named), named)
        title = " ".join(t.lower_ for t in span).replace(" - ", "-").replace("’", "'")
        plural = title.endswith("s") and title[:-1].split()[-1] in title_heads() and title.split()[-1] not in titles
        found.append(TitleSpan(span, title[:-1] if plural else title, plural=plural))
    return found


def _inside_name(span: Span) -> bool:
    """A title word that is part of an organisation's or place's name ("Security Council"), not
    one that starts a person's name NER took for an organisation ("King Olav V")."""
    doc = span.doc
    if any(t.ent_type_ in ("ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "LAW") and t.ent_iob_ == "I" for t in span):
        return not _titled_phrase(span)
    following = doc[span.end] if span.end < len(doc) else None
    if following is None or span[0].ent_type_ not in ("ORG", "FAC") or following.ent_iob_ != "I":
        return False
    end = span.end
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    name = list(doc[span.end:end])
    return not (all(t.pos_ == "PROPN" for t in name) and name[-1].lower_ not in type_words())


def _titled_phrase(span: Span) -> bool:
    """NER took a whole title phrase for an organisation: "the Minister of Health for Ontario"
    (the title opens it and "of" or "for" follows), not "the Security Council"."""
    doc = span.doc
    start = span.start
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    opening = doc[start:span.start]
    return all(t.lower_ == "the" for t in opening) and span.end < len(doc) and doc[span.end].lower_ in ("of", "for")


def _extend(span: Span, named: dict[int, str]) -> Span:
    doc = span.doc
    start = span.start
    mods = gazetteer().title_modifiers | unheld_modifiers()
    head_word = span[-1].lower_
    while start > 0:
        prev = doc[start - 1]
        if prev.lower_ in STOP_EXTENDING or prev.is_punct and prev.text != "-" or prev.i in named:
            break
        if prev.lower_.rstrip("-") in mods or prev.text == "-":
            start -= 1
            continue
        extendable = head_word in EXTENSIBLE_HEADS and prev.pos_ in ("NOUN", "ADJ", "PROPN") and not prev.ent_type_ \
            and prev.head.i >= start and prev.dep_ in ("compound", "amod", "nmod")
        if not extendable:
            break
        start -= 1
    return doc[start:span.end]


def _extend_right(span: Span, named: dict[int, str]) -> Span:
    """"Minister of Finance", "Secretary of Justice", "Minister for Trade and Industry": a
    portfolio after "of" or "for" (no article, not a name) belongs to the title."""
    doc = span.doc
    end = span.end
    if span[-1].lower_ not in PORTFOLIO_HEADS or end + 1 >= len(doc) or doc[end].lower_ not in ("of", "for"):
        return span
    stop = end + 1
    while stop < len(doc) and (doc[stop].pos_ in ("NOUN", "PROPN", "ADJ") or doc[stop].lower_ == "and"
                               and stop + 1 < len(doc) and doc[stop + 1].pos_ in ("NOUN", "PROPN")):
        token = doc[stop]
        # a name NER cut out of the title phrase ("Health for Ontario") may still be the portfolio
        if token.ent_type_ in ("GPE", "NORP", "LOC", "PERSON", "FAC") or gazetteer().country_iso(token.text) \
                or named.get(stop, "Organization") != "Organization":
            break
        stop += 1
    if stop == end + 1 or doc[stop - 1].lower_ == "and":
        return span
    return doc[span.start:stop]


# --- titles that name a reference or no one ---------------------------------------------------

def is_reference(title: TitleSpan) -> bool:
    """A definite title naming no one: "the prime minister", "the US president-elect"."""
    doc = title.span.doc
    start = title.span.start
    while start > 0 and (doc[start - 1].ent_type_ in ("GPE", "NORP", "ORG") or doc[start - 1].text in ("'s", "’s")):
        start -= 1
    return start > 0 and doc[start - 1].lower_ in ("the", "this", "that")


def unheld(title: TitleSpan) -> bool:
    """Nobody holds the title yet: "a future prime minister", "would-be presidents"."""
    doc = title.span.doc
    start = title.span.start
    before = {doc[start - 1].lower_ if start else "", "".join(t.lower_ for t in doc[max(0, start - 3):start])}
    return any(t.lower_ in unheld_modifiers() for t in title.span) or bool(before & unheld_modifiers())


def hypothetical(title: TitleSpan) -> bool:
    """The title stands in a hypothesis, for whoever would hold it: "if both the governor and
    her deputy step down", "unless the governor resigns", "whether the mayor would attend"."""
    node = title.head
    for _ in range(8):
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHESIS_MARKS for c in node.children):
            return True
        if node.head == node or node.dep_ in ("relcl", "ROOT"):
            return False
        node = node.head
    return False
