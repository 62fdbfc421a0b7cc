"""What a name's own words and the words around it say about what it names: a person, a
country, an organisation or a place.

Evidence is weighed, not decided rule by rule: each mention records what says which type it is
(spaCy's label, a describing noun as in "the weekly X", a title before the name as in "Senator X",
the name's last word as in "X University", the gazetteers), and `weigh` turns that into votes with
the weights of ``data/type_weights.tsv``, fitted by ``benchmarks/entity_weights.py``. `resolve.py`
sums the votes over every mention of an entity.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from spacy.tokens import Span, Token

from .gazetteer import fold, gazetteer
from .names import NameMention

LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place", "NORP": None}
NAME_LINKS = frozenset({"of", "for", "on", "against"})
"""Prepositions inside a name: the word before the first one says what it is ("League for X")."""
OWN_WORDS = frozenset({"gazetteer", "head", "place_list", "called"})
"""Sources that type a name by its own words, or by the noun the text gives it as a name ("a user
called X"): enough to keep a name spaCy labels EVENT, PRODUCT or WORK_OF_ART."""
NAMING_VERBS = frozenset({"call", "name", "label", "dub", "nickname", "title"})
"""Verbs that give a name to what a noun describes: "a user labelled X", "a band named X"."""


def _read_weights() -> dict[str, float]:
    text = files("kg.extraction").joinpath("data", "type_weights.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    return {source: float(weight) for source, weight, *_ in rows}


WEIGHTS: dict[str, float] = _read_weights()
"""Weight of each source of evidence (``data/type_weights.tsv``); `benchmarks/entity_weights.py`
sets other values here while it fits them."""


def weigh(evidence: list[tuple[str, str]]) -> dict[str, float]:
    """The votes for each type that ``(type, source)`` evidence adds up to."""
    votes: dict[str, float] = {}
    for kind, source in evidence:
        votes[kind] = votes.get(kind, 0.0) + WEIGHTS[source]
    return votes


@cache
def _type_rows() -> list[list[str]]:
    text = files("kg.extraction").joinpath("data", "type_words.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]


@cache
def type_words() -> dict[str, str]:
    """Nouns that tell an entity's type (``kg/extraction/data/type_words.tsv``): word -> type."""
    return {word: kind for word, kind, *_ in _type_rows()}


@cache
def surname_words() -> frozenset[str]:
    """Type words that are also common surnames ("Hill", "Fields")."""
    return frozenset(word for word, _, surname, _ in _type_rows() if surname == "yes")


@cache
def given_names() -> frozenset[str]:
    """First names (``kg/extraction/data/given_names.txt``, from the US Census lists)."""
    text = files("kg.extraction").joinpath("data", "given_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def surnames() -> frozenset[str]:
    """Frequent surnames without accents (``kg/extraction/data/surnames.txt``, from the US Census)."""
    text = files("kg.extraction").joinpath("data", "surnames.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def division_words() -> frozenset[str]:
    """Type words of land divisions and natural features ("county", "river", "island"): a name
    made of a place's name and one of them names another place."""
    return frozenset(word for word, *_, division in _type_rows() if division == "yes")


def type_evidence(mention: NameMention, span: Span) -> None:
    """Record what the label, the gazetteer, the name's last word and the words around it say
    about the mention's type."""
    gaz = gazetteer()
    label, name = mention.label, mention.name
    iso = gaz.country_names.get(fold(name))
    if iso is None and fold(name) in gaz.demonyms:
        label = mention.label = "NORP"  # "New Zealanders", whatever NER called them
    if label in ("NORP", ""):
        iso = gaz.demonyms.get(fold(name)) or iso
        # "Green MP", "the Greens", "235 Democrats": a party's adjective or its members' plural names the party
        party = gaz.org(f"{name} Party") or gaz.org(f"{name}s") or _party(name)
        if iso is None and party is not None:  # "Green MP Ruth Allard"
            mention.org = party.name
            mention.vote("Organization", "gazetteer")
            return
        mention.demonym = fold(name) in gaz.demonyms
        mention.agentive = not mention.demonym or agentive_demonym(span)
    if iso is None and label == "NORP":
        # a religious, ethnic or political group is not an entity kg keeps, unless the name's own
        # words or the text's describing nouns say it is a place or an organisation: NER gives
        # that label to some names of towns ("the township of X") and firms ("X Airlines")
        mention.label = ""
        _other_evidence(mention, span, "NORP")
        return
    if iso is not None:
        country = gaz.countries[iso]
        mention.iso = iso
        mention.vote("Country" if country.sovereign else "Place", "gazetteer")
        return
    org = gaz.org(name)
    if org is not None:
        mention.org = org.name
        mention.vote("Organization", "gazetteer")
        return
    mention.vote(LABEL_TYPES.get(label), "label")
    _other_evidence(mention, span, label)


def _party(name: str):
    """The known party whose name or alias this is ("Democrats", "Tories"), if any."""
    org = gazetteer().org(name)
    return org if org is not None and org.kind == "party" else None


def _other_evidence(mention: NameMention, span: Span, label: str) -> None:
    """The evidence of the name's last word, the city list, describing nouns and titles."""
    gaz, name = gazetteer(), mention.name
    heads = _head_words(span)
    for head in heads:
        # "Lindenau Square" is a place whatever NER says; "Anna Maria Fields", whom NER calls a
        # person, is not, nor "Ella Rivers": a last word that is also a surname does not outvote
        # NER or a given name
        mention.vote(type_word(head), "head_surname" if _surname_head(head, span, label) else "head")
    if label != "NORP" and span[0].pos_ == "PROPN" and not any(
            type_word(head) not in (None, "Person") and not _surname_head(head, span, label) for head in heads):
        _person_name_evidence(mention, span)
    place = gaz.place(name)
    if place is not None and not _titled(span):  # "Queen Margrethe", "General Jackson" are people
        capital = label == "PERSON" and len(span) == 1 and gaz.capital_of(name) is not None  # "Kyiv", "Ankara"
        mention.vote("Place", "gazetteer" if capital else "place_list_person" if label == "PERSON"
                     else "gazetteer" if place.population == 0 else "place_list")
    for word in describing_nouns(span):
        mention.vote(type_words().get(word), "context")
    noun = naming_noun(span)
    if noun is not None:
        mention.vote(type_words().get(noun), "called")
    if mention.modifies_noun and type_words().get(span.root.head.lemma_.lower()):
        mention.vote(type_words()[span.root.head.lemma_.lower()], "context")  # "the XYZ militia"
    if after_title(span) or _office_in_apposition(span) or _under_a_plural_title(span):
        mention.vote("Person", "title")


def _surname_head(head: Token, span: Span, label: str) -> bool:
    """The last word of a name is a surname as much as a type word: "Fields" when NER says
    PERSON; "Parks", "Rivers" after a given name ("Rosa Parks", "Ella Rivers")."""
    lower = head.lower_
    singular = lower[:-1] if lower.endswith("s") else lower
    if label == "PERSON" and (lower in surname_words() or singular in surname_words()):
        return True
    return head.i == span[-1].i and len(span) == 2 and span[0].lower_ in given_names() and lower in surnames()


def _person_name_evidence(mention: NameMention, span: Span) -> None:
    """Evidence of a person's name in its words: a given name first ("Wanda Ortiz"), a surname
    last ("Li Vasquez"), or a given name and where the person came from ("Hilary of Arles")."""
    words = [t for t in span if t.text not in ("-", "‐")]  # "Jean-Claude": each part a given name
    if len(words) < 2 or not words[1].text[:1].isupper() and words[1].lower_ != "of":
        return
    first, of = words[0].lower_, words[1].lower_ == "of"
    if first in given_names() and not of:
        mention.vote("Person", "given_name")
        if len(words) > 2 and words[1].lower_ in given_names() and span[1].text in ("-", "‐"):
            mention.vote("Person", "given_names_joined")  # "Jean-Claude", "Anne-Marie"
    if len(words) > 2 and first in given_names() and of and words[2].text[:1].isupper():
        mention.vote("Person", "given_name_of")
    last = unicodedata.normalize("NFKD", words[-1].lower_).encode("ascii", "ignore").decode()
    if not of and last in surnames() and words[-1].text[:1].isupper():
        mention.vote("Person", "surname_list")


def _head_words(span: Span) -> list[Token]:
    """The capitalised words that say what a name of several words is: its last word ("Carnegie
    Hall"), and the word before its first "of" ("the Palace of Culture", "University of Coimbra")
    or "for", "on", "against" ("the Centre for Rural Studies")."""
    heads = [span[-1]] if len(span) > 1 and span[-1].text[:1].isupper() else []
    of = next((t.i for t in span[1:-1] if t.lower_ in NAME_LINKS), None)
    if of is not None and span.doc[of - 1].text[:1].isupper():
        heads.append(span.doc[of - 1])
    return heads


def type_word(token: Token) -> str | None:
    """The type a word of a name says, if it is a type word, in the singular or the plural."""
    words = type_words()
    lower = token.lower_
    return words.get(lower) or words.get(token.lemma_.lower()) or (words.get(lower[:-1]) if lower.endswith("s") else None)


def describing_nouns(span: Span) -> Iterator[str]:
    """Common nouns the text uses to describe the name: "the weekly Brandpost" (a modifier before
    it), "Vexmoor, a steel producer" (apposition), "X is a museum" / "X, formerly a church" (the
    noun a copula or apposition attaches)."""
    doc = span.doc
    head = span.root
    # a lowercase common noun right before the name: "the weekly Brandpost", "the company X"
    if span.start > 0:
        before = doc[span.start - 1]
        if before.text.islower() and before.pos_ in ("NOUN", "ADJ", "ADV") and before.lower_ not in title_ends():
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


def naming_noun(span: Span) -> str | None:
    """The noun a name is given to: "user" in "a user labelled X", "band" in "a band called X",
    "group" in "a group known as X"."""
    head = span.root
    verb = head.head
    if head.dep_ == "pobj" and verb.lower_ == "as" and verb.head.lemma_ == "know":
        verb = verb.head  # "known as X"
    elif head.dep_ not in ("oprd", "attr", "dobj", "npadvmod") or verb.lemma_.lower() not in NAMING_VERBS:
        return None
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.text.islower():
        return verb.head.lemma_.lower()
    return None


AGENTIVE_HEADS = {"government", "official", "authority", "troop", "force", "army", "military", "navy", "soldier",
                  "police", "ministry", "minister", "president", "leader", "diplomat", "embassy", "delegation",
                  "company", "firm", "parliament", "court", "state", "citizen", "national", "people", "side",
                  "statement", "media", "regime", "administration", "investigator", "prosecutor", "negotiator",
                  "intelligence", "spokesman", "spokeswoman", "envoy", "ambassador", "team", "official",
                  "lawmaker", "politician", "voter", "economy", "border", "territory", "warplane", "jet"}


def agentive_demonym(span: Span) -> bool:
    """Whether a demonym stands for its country: "Danish troops", "the Chilean foreign minister",
    "Dutch-backed", "the Danes" — not "Thai New Year" or "Norwegian salmon"."""
    doc, root = span.doc, span.root
    if root.tag_ in ("NNS", "NNPS") or root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("nsubj", "dobj", "pobj"):
        return True
    if span.end < len(doc) and doc[span.end].text == "-":
        return True
    head = root.head
    if span.end < len(doc) and doc[span.end].lower_ in office_words():
        return True  # "German Chancellor Olaf Scholz", whatever the parser hangs "German" on
    return head.lemma_.lower() in AGENTIVE_HEADS or head.lower_ in office_words() or head.ent_type_ == "PERSON" \
        or head.lemma_.lower() in gazetteer().proposal_nouns  # "the Chilean-Peruvian agreement"


def _titled(span: Span) -> bool:
    """A title or form of address stands right before the name, or before the first of the names
    it is coordinated with ("Presidents A of X and B of Y": B is titled too)."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and (before.lower_.rstrip(".") in gazetteer().titles or after_title(span)) \
        or _under_a_plural_title(span)


def _under_a_plural_title(span: Span) -> bool:
    first = span.root
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
        if first.dep_ == "pobj" and first.head.lower_ == "of":  # "A of X and B": B hung on X
            first = first.head.head
    if first is span.root:
        return False
    plural = [t for t in span.doc[first.left_edge.i:first.i] if t.lower_.endswith("s") and t.text[:1].isupper()]
    return any(t.lower_[:-1] in office_words() or t.lower_[:-1] in gazetteer().titles for t in plural)


def _office_in_apposition(span: Span) -> bool:
    """An office stands in apposition to the name: "Lars Holm, the finance minister," or "the
    chancellor of Austria, Lena Berg,"."""
    root = span.root
    if any(c.dep_ == "appos" and c.lower_ in office_words() for c in root.children):
        return True
    return root.dep_ == "appos" and root.head.lower_ in office_words()


def after_title(span: Span) -> bool:
    """The name follows a title: "Ambassador Maria Okafor", "Ambassador to the United Nations
    Maria Okafor", "secretary of state Joan Farrow"."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].ent_iob_ in ("B", "I") and doc[i].ent_type_ in ("ORG", "GPE", "NORP"):
        while i >= 0 and doc[i].ent_iob_ == "I":
            i -= 1
        i -= 1  # the entity's first token
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 0 or doc[i].lower_ not in ("to", "of", "for"):
            return False
        i -= 1
    return i >= 0 and doc[i].lower_ in office_words()


@cache
def office_words() -> frozenset[str]:
    """Last words of the titles of offices ("ambassador", "minister", "president")."""
    return frozenset(t.title.split()[-1] for t in gazetteer().titles.values() if t.kind in ("office", "both")
                     and t.title.split()[-1] not in ("state", "general", "staff", "parliament", "government"))


@cache
def title_ends() -> frozenset[str]:
    """Last words of titles ("state" in "secretary of state"): before a name they end a title."""
    return frozenset(t.split()[-1] for t in gazetteer().titles)
