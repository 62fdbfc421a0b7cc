"""Roles: the positions people hold, and of which country or organisation.

Four patterns of English carry a role:

- a title before the name: "Greek Foreign Minister George Katrougalos", "secretary of state Marco
  Rubio", "President of the United States Donald Trump";
- an apposition: "Carrie Lam, the chief executive of Hong Kong", "The Greek prime minister,
  Kyriakos Mitsotakis, said";
- a copula: "Pompeo, who is the secretary of state", "Bolton was the national security advisor";
- "as": "Bolton served as the US ambassador", "his second term as US president".

A title that names no one ("the prime minister said") is a role reference, resolved to a person
in `references.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..core.records import Entity
from .gazetteer import gazetteer
from .nametypes import type_words

# the heads of titles that take modifiers of their own: "economic development minister"
EXTENSIBLE_HEADS = {"minister", "secretary", "director", "adviser", "advisor", "spokesman", "spokeswoman",
                    "spokesperson", "officer", "chief", "commissioner", "envoy", "ambassador", "leader",
                    "chairman", "chairwoman", "chair", "head", "president", "governor", "executive", "official",
                    "representative", "attorney", "general", "commander", "editor"}
APPOINTING_VERBS = {"elect", "appoint", "name", "nominate", "choose", "select", "make", "confirm", "install",
                    "designate", "crown", "re-elect", "reelect", "swear"}
STOP_EXTENDING = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "'s", "’s", ",", "and", "or"}


@dataclass
class TitleSpan:
    """A title found in the text, e.g. "foreign minister" in "Greek Foreign Minister George K."

    Attributes:
        span: the title's tokens (with modifiers such as "former").
        title: the title as a lowercase string.
        qualifier: the entity key it is of ("Greek" -> Greece), when the text gives one.
        person: the entity key of the person it names, when it names one.
    """

    span: Span
    title: str
    qualifier: str | None = None
    person: str | None = None
    plural: bool = False  # "Senators Marco Rubio, Mike Lee and David Perdue"

    @property
    def head(self) -> Token:
        return self.span.root

    @property
    def base(self) -> str:
        """The title without modifiers of time ("former", "acting"): what it is a title of."""
        mods = gazetteer().title_modifiers
        return " ".join(w for w in self.title.split() if w not in mods)


@cache
def _title_matcher(vocab: Vocab) -> PhraseMatcher:
    """A phrase matcher for every office title, on lowercase words ("president-elect" is the
    three tokens spaCy makes of it), singular and plural."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for title in gazetteer().titles.values():
        if title.kind in ("office", "both"):
            words = re.findall(r"[^\s-]+|-", title.title)
            patterns = [Doc(vocab, words=words)]
            if words[-1].isalpha():  # "Senators Marco Rubio, Mike Lee and David Perdue"
                patterns.append(Doc(vocab, words=[*words[:-1], words[-1] + "s"]))
            matcher.add("TITLE", patterns)
    return matcher


@cache
def _title_heads() -> frozenset[str]:
    return frozenset(t.split()[-1] for t in gazetteer().titles)


def find_titles(doc: Doc) -> list[TitleSpan]:
    """Every title in the document, longest first where they overlap, extended over the words
    that belong to it ("Special Presidential Envoy", "economic development minister") and over a
    time modifier before it ("former")."""
    matcher = _title_matcher(doc.vocab)
    spans = [doc[start:end] for _, start, end in matcher(doc)]
    spans = [s for s in spans if not _inside_name(s)]
    found = []
    titles = gazetteer().titles
    for span in filter_spans(spans):
        span = _extend(span)
        title = " ".join(t.lower_ for t in span).replace(" - ", "-").replace("’", "'")
        plural = title.endswith("s") and title[:-1].split()[-1] in _title_heads() and title.split()[-1] not in titles
        found.append(TitleSpan(span, title[:-1] if plural else title, plural=plural))
    return found


def _inside_name(span: Span) -> bool:
    """A title word that is part of an organisation's or place's name ("Security Council"), not
    one that starts a person's name NER took for an organisation ("King Felipe VI")."""
    doc = span.doc
    if any(t.ent_type_ in ("ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "LAW") and t.ent_iob_ == "I" for t in span):
        return True
    following = doc[span.end] if span.end < len(doc) else None
    if following is None or span[0].ent_type_ not in ("ORG", "FAC") or following.ent_iob_ != "I":
        return False
    end = span.end
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    name = list(doc[span.end:end])
    return not (all(t.pos_ == "PROPN" for t in name) and name[-1].lower_ not in type_words())


def _extend(span: Span) -> Span:
    doc = span.doc
    start = span.start
    mods = gazetteer().title_modifiers
    head_word = span[-1].lower_
    while start > 0:
        prev = doc[start - 1]
        if prev.lower_ in STOP_EXTENDING or prev.is_punct and prev.text != "-":
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


def qualifier_of(title: TitleSpan, token_entity: dict[int, str], entities: dict[str, Entity]) -> str | None:
    """The country or organisation a title is of: an entity just before it ("Greek", "US",
    "Labour Party", "the United Kingdom's") or after it with "of" ("chief executive of Hong Kong")."""
    doc = title.span.doc
    i = title.span.start - 1
    if i >= 0 and doc[i].text in ("'s", "’s", "'"):
        i -= 1
    if i >= 0 and i in token_entity and entities[token_entity[i]].type in ("Country", "Organization", "Place"):
        return token_entity[i]
    named = title.span.end  # "President Volodymyr Zelensky of Ukraine": "of" after the name
    while named < len(doc) and doc[named].ent_type_ == "PERSON":
        named += 1
    if named > title.span.end and named + 1 < len(doc) and doc[named].lower_ == "of":
        key = token_entity.get(named + 1) or token_entity.get(named + 2)
        if key and entities[key].type in ("Country", "Organization"):
            return key
    for child in (c for token in title.span for c in token.children):  # "secretary-general of NATO"
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i >= title.span.end:
            for obj in child.subtree:  # "President of Ukraine Volodymyr Zelenskyy": the first place named
                key = token_entity.get(obj.i)
                if key and entities[key].type in ("Country", "Organization", "Place"):
                    return key
    return None


def person_named_by(title: TitleSpan, token_entity: dict[int, str], entities: dict[str, Entity]) -> str | None:
    """The person a title names: the name right after it, an apposition, or the subject of a
    copula or "as" phrase it heads."""
    doc = title.span.doc

    def person(i: int) -> str | None:
        key = token_entity.get(i)
        return key if key and entities[key].type == "Person" else None

    # "Prime Minister Boris Johnson", "Ambassador to the United Nations Nikki Haley"
    after = title.span.end
    if after < len(doc) and (key := person(after)):
        return key
    head = title.head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "for"):
            # the name right after the title's complement: "Ambassador to the UN Nikki Haley"
            edge = child.right_edge.i
            if edge + 1 < len(doc) and doc[edge].ent_type_ and (key := person(edge + 1)):
                return key
            # … or parsed into it, after the organisation: "to the United Nations Nikki Haley"
            for obj in child.subtree:
                key = person(obj.i)
                if key and doc[obj.i - 1].ent_type_ in ("ORG", "GPE") and token_entity.get(obj.i - 1) != key:
                    return key
    # "The Greek prime minister, Kyriakos Mitsotakis," / "Carrie Lam, the chief executive of HK"
    for child in head.children:
        if child.dep_ == "appos" and (key := person(child.i)):
            return key
    if head.dep_ == "appos" and (key := person(head.head.i)):
        return key
    # "X is the secretary of state", "X, who is the secretary of state"
    if head.dep_ == "attr" and head.head.lemma_ == "be":
        verb = head.head
        for child in verb.children:
            if child.dep_ == "nsubj":
                if child.lower_ in ("who", "that") and verb.dep_ == "relcl":
                    # the parser may hang "who" on the wrong noun: the name just before it wins
                    before = child.i - 2 if child.i >= 2 and doc[child.i - 1].text == "," else child.i - 1
                    return person(before) or person(verb.head.i)
                return person(child.i)
    # "served as the US ambassador", "sworn in for his second term as US president"; "voted to
    # elect Boris Johnson as the new leader": appointing verbs give the title to their object
    if head.dep_ == "pobj" and head.head.lower_ == "as":
        node = head.head.head
        for _ in range(4):
            roles = ("dobj", "nsubjpass", "nsubj", "poss") if node.lemma_ in APPOINTING_VERBS else ("nsubj", "nsubjpass", "poss")
            for dep in roles:
                for child in node.children:
                    if child.dep_ != dep:
                        continue
                    if child.lower_ in ("who", "that") and node.dep_ == "relcl":
                        child = node.head  # "Jeremy Hunt, who succeeded him as Foreign Secretary"
                    if key := person(child.i):
                        return key
            if node.pos_ in ("VERB", "AUX") or node.head is node:
                break
            node = node.head
    # "Theresa May appointed him Foreign Secretary"
    if head.dep_ == "oprd" and head.head.lemma_ in APPOINTING_VERBS:
        for child in head.head.children:
            if child.dep_ in ("dobj", "nsubjpass") and (key := person(child.i)):
                return key
    # "Boris Johnson — former Foreign Secretary, mayor of London, and member of Parliament —"
    node = head
    while node.dep_ in ("appos", "conj") and node.head is not node:
        node = node.head
        if key := person(node.i):
            return key
    return None


def is_reference(title: TitleSpan) -> bool:
    """A definite title naming no one: "the prime minister", "the US president-elect"."""
    doc = title.span.doc
    start = title.span.start
    while start > 0 and (doc[start - 1].ent_type_ in ("GPE", "NORP", "ORG") or doc[start - 1].text in ("'s", "’s")):
        start -= 1
    return start > 0 and doc[start - 1].lower_ in ("the", "this", "that")
