"""Finding the names in a parsed article: spaCy's entities, cleaned of determiners, honorifics,
possessives and brackets, each with the evidence it gives about its type.

Yields `NameMention` records; `resolve.py` groups them into entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from spacy.tokens import Doc, Span, Token

from .gazetteer import fold, gazetteer

LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place", "NORP": None}
LABEL_WEIGHT = 1.0
CONTEXT_WEIGHT = 2.5   # a describing noun: "the newspaper X", "X, a museum"
HEAD_WEIGHT = 3.0      # the name's own last word: "Haifa University"
GAZETTEER_WEIGHT = 5.0
PLACE_LIST_WEIGHT = 0.8  # city names are often surnames (Bolton, Lincoln): only a hint
STRIP_LEFT = {"the", "a", "an", "'", '"', "“", "”", "‘", "’", "[", "]", "(", ")", "-", "—", "–", ",", "."}
STRIP_RIGHT = {"'s", "’s", "'", "’", '"', "“", "”", "[", "]", "(", ")", ",", ".", "-", "—", "–", ":", ";"}


@cache
def type_words() -> dict[str, str]:
    """Nouns that tell an entity's type (``kg/data/type_words.tsv``): word -> type."""
    text = files("kg").joinpath("data", "type_words.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {word: kind for word, kind in rows[1:]}


@dataclass
class NameMention:
    """One name in the text.

    Attributes:
        start, end: token offsets of the name itself (honorific and title excluded).
        name: the name as written, cleaned ("Keir Starmer", "Zelensky").
        surface: the name with the honorific before it ("Sir Keir", "Mr Zelensky").
        label: spaCy's entity label.
        votes: evidence for each type, summed over mentions when names are grouped.
        honorific: a form of address before the name ("mr", "sir"), lowercase.
        iso: the ISO code when the name is a country or its demonym.
        acronym: an acronym given in brackets right after the name: "... Organization (UNESCO)".
    """

    start: int
    end: int
    start_char: int
    end_char: int
    name: str
    surface: str
    label: str
    sentence: int
    votes: dict[str, float] = field(default_factory=dict)
    honorific: str | None = None
    iso: str | None = None
    acronym: str | None = None
    demonym: bool = False

    def vote(self, kind: str | None, weight: float) -> None:
        if kind:
            self.votes[kind] = self.votes.get(kind, 0.0) + weight


def sentence_index(doc: Doc) -> list[int]:
    """For each token, the number of its sentence."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for token in sent:
            index[token.i] = number
    return index


def find_mentions(doc: Doc, sentences: list[int] | None = None) -> Iterator[NameMention]:
    """The cleaned name mentions of a parsed document, in text order."""
    sentences = sentences or sentence_index(doc)
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES:
            continue
        for span, acronym in _clean_spans(ent):
            mention = _mention(doc, span, ent.label_, sentences[span.start], acronym)
            if mention is not None:
                yield mention


def _clean_spans(ent: Span) -> Iterator[tuple[Span, str | None]]:
    """The name part(s) of an entity span: without a leading determiner, honorifics or titles,
    a trailing possessive, brackets; "Name (ACRONYM)" gives the name with its acronym."""
    doc = ent.doc
    start, end = ent.start, ent.end
    acronym = None
    for token in ent:
        if token.text == "(":
            inner = [t for t in doc[token.i + 1:end] if t.text not in (")",)]
            if len(inner) == 1 and inner[0].text.isupper():
                acronym = inner[0].text
            end = token.i
            break
    while start < end and (doc[start].lower_ in STRIP_LEFT or _is_title_word(doc, start, end)):
        start += 1
    while end > start and doc[end - 1].text in STRIP_RIGHT:
        end -= 1
    if end > start:
        yield doc[start:end], acronym


def _is_title_word(doc: Doc, start: int, end: int) -> bool:
    """True when the token at ``start`` is an honorific or title inside a longer PERSON span."""
    if end - start < 2 or doc[start].ent_type_ != "PERSON":
        return False
    word = doc[start].lower_.rstrip(".")
    titles = gazetteer().titles
    return word in titles or f"{word}." in titles


def _mention(doc: Doc, span: Span, label: str, sentence: int, acronym: str | None) -> NameMention | None:
    tokens = [t for t in span if t.text not in ("[", "]", "(", ")")]
    name = " ".join(t.text for t in tokens) if len(tokens) != len(span) else span.text
    name = " ".join(name.split())
    if not any(ch.isalpha() for ch in name) or not any(ch.isupper() for ch in name):
        return None
    gaz = gazetteer()
    mention = NameMention(span.start, span.end, span.start_char, span.end_char, name, name, label, sentence,
                          acronym=acronym)
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and gaz.honorific(before.text.rstrip(".")) and before.text[:1].isupper():
        mention.honorific = before.lower_.rstrip(".")
        mention.surface = f"{before.text} {name}"
    _type_evidence(mention, span)
    return mention


def _type_evidence(mention: NameMention, span: Span) -> None:
    """Record what the label, the gazetteer, the name's last word and the words around it say
    about the mention's type."""
    gaz = gazetteer()
    label, name = mention.label, mention.name
    iso = gaz.country_names.get(fold(name))
    if label == "NORP":
        iso = gaz.demonyms.get(fold(name)) or iso
        if iso is None:
            return  # a religious or ethnic group: not an entity kg keeps
        mention.demonym = fold(name) in gaz.demonyms
    if iso is not None:
        country = gaz.countries[iso]
        mention.iso = iso
        mention.vote("Country" if country.sovereign else "Place", GAZETTEER_WEIGHT)
        return
    org = gaz.org(name)
    if org is not None:
        mention.vote("Organization", GAZETTEER_WEIGHT)
        return
    mention.vote(LABEL_TYPES[label], LABEL_WEIGHT)
    last = span[-1]
    if len(span) > 1 and last.text[:1].isupper():
        mention.vote(type_words().get(last.lower_) or type_words().get(last.lemma_.lower()), HEAD_WEIGHT)
    place = gaz.place(name)
    if place is not None:
        mention.vote("Place", GAZETTEER_WEIGHT if place.population == 0 and label != "PERSON" else PLACE_LIST_WEIGHT)
    for word in describing_nouns(span):
        mention.vote(type_words().get(word), CONTEXT_WEIGHT)


def describing_nouns(span: Span) -> Iterator[str]:
    """Common nouns the text uses to describe the name: "the daily Kathimerini" (a modifier before
    it), "Energean, a gas producer" (apposition), "X is a museum" / "X, formerly a church" (the
    noun a copula or apposition attaches)."""
    doc = span.doc
    head = span.root
    # a lowercase common noun right before the name, inside the same noun phrase
    if span.start > 0:
        before = doc[span.start - 1]
        if before.text.islower() and before.head.i in range(span.start, span.end):
            yield before.lemma_.lower()
    # "the city of Paris"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.text.islower():
        noun = head.head.head.lemma_.lower()
        if type_words().get(noun) == "Place":
            yield noun
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            yield child.lemma_.lower()
            for conj in child.conjuncts:
                if conj.pos_ == "NOUN":
                    yield conj.lemma_.lower()
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.text.islower():
        yield head.head.lemma_.lower()
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
        for child in head.head.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN":
                yield child.lemma_.lower()


def is_name_token(token: Token) -> bool:
    return token.ent_type_ in LABEL_TYPES and token.ent_type_ != "NORP"
