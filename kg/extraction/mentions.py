"""Finding the names in a parsed article: spaCy's entities, cleaned of determiners, honorifics,
possessives and brackets, each with the evidence it gives about its type.

Yields `NameMention` records; `resolve.py` groups them into entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from spacy.tokens import Doc, Span, Token

from .gazetteer import fold, gazetteer
from .namedafter import named_after
from .names import NameMention
from .nametypes import (
    LABEL_TYPES,
    NAME_LINKS,
    OWN_WORDS,
    given_names,
    office_words,
    type_evidence,
    type_word,
    type_words,
)

STRIP_LEFT = {"the", "a", "an", "'", '"', "“", "”", "‘", "’", "[", "]", "(", ")", "-", "—", "–", ",", "."}
STRIP_RIGHT = {"'s", "’s", "'", "’", '"', "“", "”", "[", "]", "(", ")", ",", ".", "-", "—", "–", ":", ";"}


def sentence_index(doc: Doc) -> list[int]:
    """For each token, the number of its sentence."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for token in sent:
            index[token.i] = number
    return index


OTHER_LABELS = {"EVENT", "PRODUCT", "WORK_OF_ART", "LAW", ""}  # kept only when the name's own words type it
CAPTION_WORDS = {"image", "photo", "video", "source", "credit", "caption", "file", "picture"}
ORDINAL = re.compile(r"\d+(st|nd|rd|th)", re.IGNORECASE)
DAY_WORDS = {"Day", "Eve", "Week"}  # "Labor Day", "Christmas Eve", "Fashion Week"


@cache
def not_names() -> frozenset[str]:
    """Words spaCy takes for names that kg does not keep (``kg/extraction/data/not_names.txt``)."""
    text = files("kg.extraction").joinpath("data", "not_names.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@cache
def person_nouns() -> frozenset[str]:
    """Nouns for people set before a name ("Voter Ana Lee"; ``kg/extraction/data/person_nouns.txt``)."""
    text = files("kg.extraction").joinpath("data", "person_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def find_mentions(doc: Doc, sentences: list[int] | None = None) -> Iterator[NameMention]:
    """The cleaned name mentions of a parsed document, in text order: spaCy's entities, and
    runs of proper nouns it missed when their own words say what they are ("Lindenau Station",
    "the company Vexmoor UK")."""
    sentences = sentences or sentence_index(doc)
    found: list[NameMention] = []
    covered: set[int] = set()
    for ent in joined_entities(doc):
        covered.update(range(ent.start, ent.end))
        if ent.label_ not in LABEL_TYPES and ent.label_ not in OTHER_LABELS:
            continue
        for span, acronym, label, gloss in _clean_spans(ent):
            mention = _mention(doc, span, label, sentences[span.start], acronym)
            if mention is None:
                continue
            mention.gloss = gloss
            if not (label in LABEL_TYPES or gloss or _typed_by_own_words(mention)):
                mention.evidence, mention.weak = [], True  # "Abu-Sharif" as a PRODUCT: kept only if a known name
            found.append(mention)
            if not mention.weak and label in ("ORG", "FAC", "LOC", "GPE"):
                for nested in _nested_places(doc, span, sentences):
                    found.append(nested)
                    _spelt_out(mention, nested)
            if not mention.weak:
                found.extend(_named_after_mentions(doc, span, sentences, found))
    for span in proper_noun_runs(doc, covered):
        start, end = span.start, span.end
        while start < end - 1 and gazetteer().honorific(doc[start].text.rstrip(".")) and not _named_thing(doc[start:end]):
            start += 1  # "Queen Margrethe II", "President Okonkwo": the title marks a person
        while end - 1 > start and (_postnominal(doc[end - 1]) or doc[end - 1].lower_ in office_words()):
            end -= 1  # "Green MP (Ruth Allard)": the party, not the title
        while start < end and not doc[start].text[:1].isupper():
            start += 1  # "President [and] Vice President"
        if start >= end or end < span.end and doc[start:end + 1].text.lower() in gazetteer().titles:
            continue  # "Vice" of "Vice President" is part of the title
        mention = _mention(doc, doc[start:end], "", sentences[start], None)
        if mention is not None and start > span.start and mention.iso is None and not mention.org:
            mention.vote("Person", "title")
        if mention is not None and not mention.evidence and _named_actor(doc[start:end]):
            mention.vote("Organization", "acting")  # "Data Harbor's latest survey"
        if mention is not None:
            mention.weak = not mention.evidence
            found.append(mention)
            if not mention.weak:
                found.extend(_named_after_mentions(doc, doc[start:end], sentences, found))
    yield from _named_as(doc, _bracketed_names(doc, sorted(found, key=lambda m: m.start)))


ALIAS_CUES = frozenset({"also", "or", "aka", "a.k.a.", "known as", "also known as", "also called", "called",
                        "also spelled", "also spelt", "originally", "originally called", "originally known as",
                        "formerly", "formerly called", "formerly known as", "officially", "short for"})
"""Words that open another name of the thing named before a bracket: "Ridgeford (originally called Millbrook)"."""


def _bracketed_names(doc: Doc, found: list[NameMention]) -> list[NameMention]:
    """Other names given in brackets right after a name are names of the same thing: one after a
    label and a colon ("Vantaa Airport (IATA: HEL)", "Apple (NASDAQ: AAPL)", "Kyiv (Ukrainian:
    Київ)"), or after "also known as", "formerly", "or" ("Lviv (also known as Lemberg)"). A label
    naming a language is no name; one in capitals names the body that gives the codes ("IATA"), a
    name of its own."""
    ends = {m.end: m for m in reversed(found) if not m.nested}  # the whole name, not a place inside it
    labels: set[int] = set()
    for mention in found:
        opening = _bracket_opening(doc, mention.start)
        outer = ends.get(opening) if opening is not None else None
        if outer is None or outer is mention:
            continue
        piece = list(doc[opening + 1:mention.start])
        cut = max((k + 1 for k, t in enumerate(piece) if t.text in (";", ",")), default=0)
        piece = piece[cut:]
        if not piece and mention.end == mention.start + 1 < len(doc) and doc[mention.end].text == ":":
            if _gloss_label(doc[mention.start]) and not doc[mention.start].text.isupper():
                labels.add(id(mention))  # "(Persian: ...": a language, not a name ("IATA" is an organisation's)
            continue
        label = len(piece) >= 2 and piece[1].text == ":" and _gloss_label(piece[0]) \
            and not any(t.is_punct for t in piece[2:])  # a part of the name NER left out: "Greek: Εὐσέβιος [Σωφρόνιος]"
        if label or " ".join(t.lower_ for t in piece) in ALIAS_CUES:
            mention.aka_of, mention.weak = (outer.start, outer.end), False
    return [m for m in found if id(m) not in labels]


NAME_NOUNS = frozenset({"pseudonym", "nickname", "alias", "moniker", "sobriquet"})
NAME_KINDS = frozenset({"pen", "stage", "ring", "assumed", "professional"})  # "a pen name", "her stage name"


def _named_as(doc: Doc, found: list[NameMention]) -> list[NameMention]:
    """A name said to be another name of someone is theirs: "Mark Twain was the pen name of Samuel
    Clemens", "Lady X, the stage name of Ann Y," (the noun "pseudonym", "nickname", "alias", or "name"
    with "pen", "stage", "ring" before it, as a copula's complement or in apposition)."""
    for token in doc:
        if not (token.lemma_.lower() in NAME_NOUNS or token.lemma_.lower() == "name"
                and any(c.lower_ in NAME_KINDS for c in token.children if c.dep_ in ("compound", "amod"))):
            continue
        if token.dep_ == "attr" and token.head.lemma_ == "be":
            alias = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        elif token.dep_ == "appos":
            alias = token.head
        else:
            continue
        owner = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if owner is not None and _mention_at(found, owner) is None:  # "of the writer Ann Lee"
            owner = next((c for c in owner.children if c.dep_ == "appos"), None)
        one, other = _mention_at(found, alias), _mention_at(found, owner)
        if one is not None and other is not None and one is not other and other.aka_of is None:
            other.aka_of = (one.start, one.end)
    return found


def _mention_at(found: list[NameMention], token: Token | None) -> NameMention | None:
    """The whole name (not a place inside it) that ``token`` is part of."""
    if token is None:
        return None
    return next((m for m in found if m.start <= token.i < m.end and not m.nested and not m.weak), None)


def _bracket_opening(doc: Doc, start: int) -> int | None:
    """The token index of the bracket that ``start`` is inside (within twenty tokens), if any."""
    for i in range(start - 1, max(-1, start - 21), -1):
        if doc[i].text in (")", "]"):
            return None
        if doc[i].text in ("(", "["):
            return i
    return None


def _gloss_label(token: Token) -> bool:
    """A word labelling a name given in brackets: a language ("Persian", NER's NORP) or a code
    system written in capitals ("IATA", "NYSE")."""
    return token.ent_type_ in ("NORP", "LANGUAGE") or token.text.isupper() and len(token.text) >= 2


NAME_PARTICLES = frozenset({"von", "van", "der", "den", "ter", "de", "del", "della", "la", "le", "du", "des", "da", "di",
                            "dos", "das", "bin", "ibn", "al", "el"})
"""Lowercase words inside a person's name ("Ursula von der Leyen", "Osama bin Laden")."""


def joined_entities(doc: Doc) -> list[Span]:
    """spaCy's entities, with a person's name that NER cut at a particle joined back: "Ursula von
    der" + "Leyen" is one person, "Ursula von der Leyen", not a person and a place; so are two
    person names with nothing between them ("Amy Berman" + "Jackson")."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        start, end = ent.start, ent.end
        joined = False
        while end < len(doc) and (doc[end - 1].lower_ in NAME_PARTICLES or doc[end].lower_ in NAME_PARTICLES):
            after = end
            while after < len(doc) and doc[after].lower_ in NAME_PARTICLES:
                after += 1  # particles outside the entity: "Leo van" + "der Berg"
            if after >= len(doc) or not doc[after].text[:1].isupper() or doc[after].pos_ != "PROPN":
                break
            following = ents[i + 1] if i + 1 < len(ents) else None
            if following is not None and following.start == after:
                end, i = following.end, i + 1
            elif following is None or following.start > after:
                end = after + 1
            else:
                break
            joined = True
        # two person names NER cut apart with nothing between them are one: "Amy Berman" + "Jackson"
        while ent.label_ == "PERSON" and i + 1 < len(ents) and ents[i + 1].start == end \
                and ents[i + 1].label_ == "PERSON" and doc[end].text[:1].isupper():
            end, i, joined = ents[i + 1].end, i + 1, True
        out.append(Span(doc, start, end, label="PERSON") if joined else ent)
        i += 1
    return _joined_org_names(doc, out)


def _joined_org_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """An organisation's name that NER cut at a preposition, joined back: "the Lakeland League" +
    "for the Study of Rivers" is one organisation. When the part before ends with a word that says
    it is an organisation ("League", "Council", "Commission"), the part after may be an entity of
    its own ("... Commission of" + "Norway"); when only NER's ORG label says so, the part after
    must be capitalised words NER left out ("the Harbour Centre for Coastal Research"), not a name
    of its own ("MLB for the Pittsburgh Pirates") nor a date ("on Saturday"); "of" only after such
    a word."""
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        link = ent.end - 1 if len(ent) > 1 and ent[-1].lower_ in NAME_LINKS else ent.end  # NER took "of" in
        head_says = type_word(doc[link - 1]) == "Organization" and doc[link - 1].text[:1].isupper()
        if link + 1 < len(doc) and doc[link].lower_ in NAME_LINKS and (head_says or ent.label_ == "ORG"
                                                                      and doc[link].lower_ != "of"):
            start = link + 1 + (doc[link + 1].lower_ == "the")
            following = ents[i + 1] if i + 1 < len(ents) else None
            end = _capitalised_run_end(doc, start)
            if head_says and following is not None and following.start in (link + 1, start) \
                    and following.label_ in ("ORG", "GPE", "LOC", "FAC", "NORP") and not following[0].is_sent_start:
                out.append(Span(doc, ent.start, following.end, label="ORG"))
                i += 2
                continue
            if end > start and (following is None or following.start >= end):
                out.append(Span(doc, ent.start, end, label="ORG"))
                i += 1
                continue
        out.append(ent)
        i += 1
    return out


def _capitalised_run_end(doc: Doc, start: int) -> int:
    """The end of the run of capitalised words NER left out from ``start`` ("Investigative
    Journalism"), with "of", "and", "the" inside it; ``start`` when there is none."""
    end = start
    while end < len(doc) and not doc[end].ent_type_ and (
            doc[end].text[:1].isupper() and doc[end].is_alpha and not doc[end].is_sent_start
            or end > start and doc[end].lower_ in ("of", "and", "the") and end + 1 < len(doc)
            and doc[end + 1].text[:1].isupper() and not doc[end + 1].ent_type_):
        end += 1
    return end


def _nested_places(doc: Doc, span: Span, sentences: list[int]) -> Iterator[NameMention]:
    """A known place named inside the name of an organisation or a building is mentioned too:
    "Utrecht" in "the University of Utrecht" (after "of") and in "Utrecht Zoo" (before
    the word that says what the name is); not "Sydney" in "Sydney Carton"."""
    gaz = gazetteer()
    if len(span) < 2 or gaz.org(span.text) or gaz.country_iso(span.text) or gaz.place(span.text):
        return
    inner = []
    of = next((t.i for t in span[1:-1] if t.lower_ == "of"), None)
    if of is not None:
        inner.append(doc[of + 1:span.end])
    if type_word(span[-1]) not in (None, "Person") or of is not None and type_word(doc[of - 1]) not in (None, "Person"):
        inner += [doc[span.start:cut] for cut in range(span.start + 1, (of or span.end - 1) + 1)]
    for part in inner:
        while len(part) and part[0].lower_ == "the":
            part = part[1:]
        if len(part) and (gaz.country_iso(part.text) or _known_place(part.text)) and part.text[:1].isupper():
            mention = _mention(doc, part, "GPE", sentences[part.start], None)
            if mention is not None and mention.evidence:
                # only the gazetteer speaks: the words around the longer name are not about this one
                mention.evidence = [(kind, "gazetteer") for kind, source in mention.evidence if source == "gazetteer"] \
                    or [("Place", "place_list")]
                mention.nested = True
                yield mention
                return


def _named_after_mentions(doc: Doc, span: Span, sentences: list[int], found: list[NameMention]) -> list[NameMention]:
    """The names a name was given after, nested: "Ada Lowe Memorial Hall Station" mentions the
    hall "Ada Lowe Memorial Hall", and that the person "Ada Lowe" (`namedafter`)."""
    out: list[NameMention] = []
    taken = {(m.start, m.end) for m in found}
    inner = named_after(span)
    outer = next((m for m in found if (m.start, m.end) == (span.start, span.end)), None)
    if inner is not None and outer is not None and ("Place", "head") not in outer.evidence:
        outer.vote("Place", "head")  # "the Tom Hale Turnpike": what is named after someone is a place
    while inner is not None and (inner.span.start, inner.span.end) not in taken:
        kind, source = inner.evidence
        mention = _mention(doc, inner.span, NESTED_LABELS[kind], sentences[inner.span.start], None)
        if mention is None:
            break
        mention.evidence = [(k, s) for k, s in mention.evidence if s == "gazetteer"] or [inner.evidence]
        mention.nested = True
        out.append(mention)
        inner = named_after(inner.span)
    return out


NESTED_LABELS = {"Person": "PERSON", "Place": "FAC", "Organization": "ORG", "Country": "GPE"}


def _spelt_out(mention: NameMention, nested: NameMention) -> None:
    """A name with a place's abbreviation in it is also written with the place's full name: "the
    University of NSW" is "the University of New South Wales"."""
    place = gazetteer().place(nested.name)
    if place is not None and nested.name.isupper() and place.name != nested.name and nested.name in mention.name:
        mention.forms.add(mention.name.replace(nested.name, place.name))


def _known_place(name: str) -> bool:
    place = gazetteer().place(name)
    return place is not None and place.kind != "landmark"


def _named_actor(span: Span) -> bool:
    """A name of two or more capitalised words, not opening its sentence, that acts, owns or is
    acted on: spaCy missed it, but it is a name; in news, most often of an organisation."""
    root = span.root
    opening = span[0].is_sent_start and not (span[0].text.isupper() and len(span[0]) >= 2)  # "BK Foods" is a name
    return len(span) >= 2 and not opening and root.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "pobj")


def _common_word(token: Token) -> bool:
    """A capitalised word that is a common noun: it opens its sentence and the text also uses it
    in lower case ("Farmers ... the farmers")."""
    if not token.is_sent_start or gazetteer().country_iso(token.text) or gazetteer().org(token.text):
        return False
    words = token.doc.user_data.get("kg_lower_words")
    if words is None:  # the lowercase words and lemmas of the text, computed once per document
        words = token.doc.user_data["kg_lower_words"] = frozenset(
            w for t in token.doc if t.text.islower() for w in (t.text, t.lemma_))
    return token.lower_ in words or token.lemma_.lower() in words


def _typed_by_own_words(mention: NameMention) -> bool:
    return any(source in OWN_WORDS for _, source in mention.evidence) or mention.iso is not None


def proper_noun_runs(doc: Doc, covered: set[int]) -> Iterator[Span]:
    """Maximal runs of capitalised proper nouns (with "of", "the", "and" inside) outside spaCy's
    entities."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in covered and (
                doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
                or doc[j].lower_ in ("of", "the", "and", "for", "-") and j + 1 < len(doc)
                and doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper() and j + 1 not in covered):
            j += 1
        # "the company Vexmoor UK's": a country code between a name and its possessive is part of it
        if j + 1 < len(doc) and doc[j].ent_type_ == "GPE" and doc[j].text.isupper() and doc[j + 1].tag_ == "POS":
            j += 1
        yield doc[i:j]
        i = j


def _clean_spans(ent: Span) -> Iterator[tuple[Span, str | None, str, str | None]]:
    """The name part(s) of an entity span, with their labels: without a leading determiner,
    honorifics or titles, a trailing possessive, brackets; "Name (ACRONYM)" gives the name with its
    acronym; a known name glued to what follows it is cut off ("Amazon Prime", "the United
    Nations Maria Okafor")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    acronym, gloss = None, None
    for token in ent:
        if token.text in ("(", "["):
            closing = next((t.i for t in doc[token.i + 1:min(len(doc), end + 6)] if t.text in (")", "]")), end)
            inner = doc[token.i + 1:closing]
            if len(inner) == 1 and inner[0].text.isupper():
                acronym = inner[0].text
            elif len(inner) and any(t.text[:1].isupper() for t in inner):
                gloss = inner  # "Kyōto-eki [Kyoto Station]": two names of one thing
            end = token.i
            break
    else:
        after = doc[end:end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].text.isupper():
            acronym = after[1].text  # "the Workers' Party (PKK)", where NER stops before the bracket
    while start < end and (doc[start].lower_ in STRIP_LEFT or _is_title_word(doc, start, end)):
        start += 1
    label = ent.label_
    if label in ("PERSON", "ORG") and end - start >= 3 and doc[start + 1].lower_ in given_names() \
            and (type_word(doc[start]) == "Person" or doc[start].lower_ in person_nouns() or _common_word(doc[start])):
        start, label = start + 1, "PERSON"  # "Voter Ana Lee told ...": a noun for people describes the person
    if label == "ORG" and end - start >= 2 and gazetteer().honorific(doc[start].text.rstrip(".")) \
            and all(t.pos_ == "PROPN" for t in doc[start + 1:end]) and doc[end - 1].lower_ not in type_words():
        start, label = start + 1, "PERSON"  # "King Harald V", taken by NER for an organisation
    of = next((t.i for t in doc[start:end] if t.lower_ == "of"), None)
    if of is not None and of > start and doc[of - 1].lower_ in office_words() | {"officer", "vp", "head"}:
        start = of + 1  # "Chief Financial Officer of Acme Tools": a title, then the organisation
    while end > start and (doc[end - 1].text in STRIP_RIGHT or _postnominal(doc[end - 1])
                           or _caption_word(doc, end - 1)):
        end -= 1
    if end <= start:
        return
    if gloss is not None:
        yield doc[start:end], acronym, label, gloss.text
        yield gloss, None, label, doc[start:end].text
        return
    cut = _known_prefix(doc, start, end) or _person_tail(doc, start, end, label)
    rest = doc[cut:end] if cut is not None else None
    person_rest = rest is not None and 2 <= len(rest) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest) \
        and not type_words().get(rest[-1].lower_)
    if cut is None or not (person_rest or label in OTHER_LABELS):
        yield doc[start:end], acronym, label, None
        return
    yield doc[start:cut], None, label, None
    if person_rest:
        yield rest, acronym, "PERSON", None


def _person_tail(doc: Doc, start: int, end: int, label: str) -> int | None:
    """Where a person's name glued to the end of an organisation's name begins: "the Council on
    Arctic Affairs Maria Lund said" (a given name and one more capitalised word after two or more
    words of the organisation's name)."""
    first = end - 2
    if label != "ORG" or first - start < 2 or doc[first].lower_ not in given_names() \
            or doc[first - 1].lower_ in given_names() or not doc[first - 1].is_alpha or not doc[first - 1].whitespace_ or doc[first - 1].lower_ in NAME_PARTICLES | {"of", "for", "on", "and", "the"} \
            or not doc[end - 1].text[:1].isupper() or not doc[end - 1].is_alpha or type_word(doc[end - 1]) is not None:
        return None
    return first


def _known_prefix(doc: Doc, start: int, end: int) -> int | None:
    """Where a known country or organisation name at the start of a longer span ends."""
    gaz = gazetteer()
    for cut in range(end - 1, start, -1):
        text = doc[start:cut].text
        place = gaz.place(text)
        if gaz.org(text) is not None or gaz.country_iso(text) is not None and not doc[start:cut][-1].ent_type_ == "NORP" \
                or place is not None and (place.population == 0 or place.kind == "capital"):
            return cut
    return None


def _postnominal(token: Token) -> bool:
    title = gazetteer().titles.get(token.lower_.rstrip("."))
    return title is not None and title.kind == "postnominal"


def _caption_word(doc: Doc, i: int) -> bool:
    """"… Lena Ortiz Photo: Reuters": a caption's label glued to the name before it."""
    return doc[i].lower_ in CAPTION_WORDS and i + 1 < len(doc) and doc[i + 1].text == ":"


def _is_title_word(doc: Doc, start: int, end: int) -> bool:
    """True when the token at ``start`` is an honorific or title inside a longer PERSON span."""
    if end - start < 2 or doc[start].ent_type_ != "PERSON":
        return False
    word = doc[start].lower_.rstrip(".")
    titles = gazetteer().titles
    # the first word of a title of two ("Crown Prince X", "Prime Minister X")
    two = f"{word} {doc[start + 1].lower_}" in titles and end - start > 2
    return (word in titles or f"{word}." in titles or two) and not _named_thing(doc[start:end])


def _named_thing(span: Span) -> bool:
    """The name ends with a word that says it is a place or an organisation: a title in it is
    part of the name ("King Edward Hospital", "Saint Anne's Cathedral")."""
    return type_word(span[-1]) not in (None, "Person")


def _names_a_day(tokens: list[Token]) -> bool:
    """A holiday or a day named after someone or something ("Labor Day", "Earth Day", "New Year's
    Eve"); not a person whose surname is Day ("Doris Day")."""
    words = [t for t in tokens if t.is_alpha]
    return len(words) >= 2 and words[-1].text in DAY_WORDS and not (
        len(words) == 2 and words[0].lower_ in given_names() and tokens[0].ent_type_ == "PERSON")


def _mention(doc: Doc, span: Span, label: str, sentence: int, acronym: str | None) -> NameMention | None:
    tokens = [t for t in span if t.text not in ("[", "]", "(", ")")]
    name = " ".join(t.text for t in tokens) if len(tokens) != len(span) else span.text
    name = " ".join(name.split())
    if not any(ch.isalpha() for ch in name) or not any(ch.isupper() for ch in name):
        return None
    name = name.replace("[", "").replace("]", "")
    if fold(name) in not_names() or all(_postnominal(t) for t in tokens) or _ends_title(span):
        return None
    if len(tokens) == 1 and (fold(name) in gazetteer().titles or tokens[0].is_stop and not name.isupper()):
        return None  # "the Pope" is a role reference; "[T]hey" a pronoun in brackets
    if len(tokens) == 1 and _common_word(tokens[0]):
        return None  # "Farmers blocked the road": a common noun opening a sentence
    if len(tokens) == 1 and label != "PERSON" and _title_before_person(span):
        return None  # "Hojatoleslam Ali Rezaei": an unknown title glued to the name after it
    if span.start > 0 and doc[span.start - 1].text in ("@", "#") or name.startswith(("@", "#")):
        return None  # a social-media handle or hashtag, not a name
    if label == "PERSON" and any(re.search(r"\d", t.text) and not ORDINAL.fullmatch(t.text) for t in tokens):
        return None  # "COVID-19", "Windows 10": no person's name has a digit ("2nd Earl of X" is an ordinal)
    if len(tokens) > 1 and tokens[-1].text == "Act":
        return None  # "the Clean Air Act" is a law, a proposal (phrases.names_a_law), not an organisation
    if _names_a_day(tokens):
        return None  # "Independence Day", "Martin Luther King Jr. Day": a date, not an entity
    mention = NameMention(span.start, span.end, span.start_char, span.end_char, name, name, label, sentence,
                          acronym=acronym, dep=span.root.dep_,
                          modifies_noun=span.root.dep_ == "compound" and span.root.head.pos_ == "NOUN")
    address = _form_of_address(doc, span)
    if address is not None:
        mention.honorific = address.lower_.rstrip(".")
        mention.surface = f"{address.text} {name}"
    after = [t for t in doc[span.end:span.end + 2] if t.text != ","]
    if after and _postnominal(after[0]):  # "Ruth Allard, KC"
        mention.forms.add(doc.text[span.start_char:after[0].idx + len(after[0].text)])
    type_evidence(mention, span)
    return mention


def _title_before_person(span: Span) -> bool:
    """A one-word name that modifies the person's name right after it is a title or a form of
    address kg does not know, not a name of its own."""
    doc, root = span.doc, span.root
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.ent_iob_ == "B" and after.ent_type_ == "PERSON" \
        and root.dep_ == "compound" and root.head.ent_type_ == "PERSON" and root.head.i >= span.end


def _form_of_address(doc: Doc, span: Span) -> Token | None:
    """"Mr", "Sir", "President" right before a name, when it stands alone ("President Amara
    Diallo"), not as the end of a longer title ("Danish Foreign Minister Ole Brandt")."""
    if span.start == 0:
        return None
    before = doc[span.start - 1]
    if not before.text[:1].isupper() or gazetteer().honorific(before.text.rstrip(".")) is None:
        return None
    if span.start >= 2 and doc[span.start - 2].text[:1].isupper() and doc[span.start - 2].is_alpha \
            and not doc[span.start - 2].is_sent_start:
        return None
    if span.start >= 2 and f"{doc[span.start - 2].lower_} {before.lower_}" in gazetteer().titles:
        return None  # "Prime Minister Ana Ruiz", "Crown Prince X" opening a sentence
    return before


def _ends_title(span: Span) -> bool:
    """The name is the end of a title: "State" in "Secretary of State Joan Farrow"."""
    doc = span.doc
    for words in _multiword_titles().get(doc[span.end - 1].lower_, ()):
        start = span.end - len(words)
        if start < span.start and start >= 0 and [t.lower_ for t in doc[start:span.end]] == words:
            return True
    return False


@cache
def _multiword_titles() -> dict[str, list[list[str]]]:
    """Multiword titles by their last word."""
    out: dict[str, list[list[str]]] = {}
    for title in gazetteer().titles.values():
        if " " in title.title:
            words = title.title.split()
            out.setdefault(words[-1], []).append(words)
    return out
