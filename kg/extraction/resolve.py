"""Entity resolution within an article: grouping the names that refer to one entity.

"Dame Amara Diallo", "Amara Diallo" and "Dame Amara" are one person; "WMO" is the "World
Meteorological Organization" written before it; "US", "U.S." and "America"
are one country. Two people who share a surname are kept apart: a bare surname goes to the
nearest full name that carries it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..core.records import Entity, Mention
from .gazetteer import fold, gazetteer
from .namedafter import given_after
from .names import NameMention
from .nametypes import division_words, type_words, weigh

PARTICLES = {"of", "the", "and", "for", "on", "in", "at", "de", "la", "al", "el", "du", "des", "von", "van",
             "der", "del", "da", "di", "bin", "ibn"}
PEERAGE_TITLES = {"lord", "lady", "baron", "baroness", "viscount", "viscountess"}


@lru_cache(maxsize=65536)
def ascii_key(name: str) -> str:
    """A spelling-insensitive key: accents removed, lowercase, letters and digits only.

    >>> ascii_key("Zoë Gökçe Ferrán")
    'zoe gokce ferran'
    """
    folded = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


@dataclass
class Group:
    """Mentions believed to name one entity, with their summed type evidence."""

    mentions: list[NameMention] = field(default_factory=list)
    canonical: str | None = None  # a gazetteer name, when the entity is known
    iso: str | None = None

    @property
    def votes(self) -> dict[str, float]:
        return weigh([item for mention in self.mentions for item in mention.evidence])

    @property
    def type(self) -> str:
        """The best-supported type. A country is a known one (an ISO code): a name that only
        looks like one ("the Commonwealth of Nations") is the next best type."""
        votes = {kind: weight for kind, weight in self.votes.items() if kind != "Country" or self.iso}
        return max(sorted(votes), key=votes.get) if votes else "Organization"

    @property
    def known(self) -> bool:
        return self.canonical is not None or self.iso is not None

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.mentions]

    @property
    def full_name(self) -> str:
        """The longest name used (most words, then most characters), first seen on ties."""
        best = max(enumerate(self.names), key=lambda item: (len(item[1].split()), len(item[1]), -item[0]))
        return best[1]

    def absorb(self, other: Group) -> None:
        self.mentions.extend(other.mentions)
        self.mentions.sort(key=lambda m: m.start)
        self.canonical = self.canonical or other.canonical
        self.iso = self.iso or other.iso


def resolve_entities(mentions: list[NameMention], text: str) -> tuple[dict[str, Entity], dict[int, str]]:
    """Group name mentions into entities.

    Args:
        mentions: the article's name mentions, in text order.
        text: the article text (to see brackets between names).

    Returns:
        The entities by key, and for every token of every name mention, its entity's key.
    """
    named = [m for m in mentions if (m.evidence or m.gloss or m.aka_of is not None) and not m.weak]
    groups = _initial_groups(_disambiguate_places(named))
    groups = _merge_bracketed(groups, text)
    groups = _merge_variants(groups)
    groups = _merge_acronyms(groups)
    groups = _merge_heads(groups)
    groups = _merge_tails(groups)
    groups = _merge_people(_merge_mistyped_full_names(groups))
    groups = [g for g in groups if not _unlikely(g)]
    _attach_weak([m for m in mentions if m.weak], groups)
    groups = _merge_other_names(groups)
    return _entities([g for g in groups if any(m.evidence or m.gloss for m in g.mentions)])


def _unlikely(group: Group) -> bool:
    """A demonym never standing for its country ("the Thai New Year", "Swiss cheese") does not
    name the country. Other names spaCy found stay: a one-word name that only modifies a noun
    ("the Senate race") or never acts is still a name."""
    return bool(group.iso) and all(m.demonym and not m.agentive for m in group.mentions)


def _attach_weak(weak: list[NameMention], groups: list[Group]) -> None:
    """A capitalised name spaCy missed ("Later on Friday Okonkwo met ...") is a mention of the
    one person whose name contains it; otherwise it is dropped."""
    people = [g for g in groups if g.type == "Person"]
    names = [set(_name_parts(g.full_name)) for g in people]  # computed once, not per weak mention
    for mention in weak:
        parts = set(_name_parts(mention.name))
        owners = [g for g, words in zip(people, names) if parts and parts <= words]
        if len(owners) == 1:
            owners[0].mentions.append(mention)
            owners[0].mentions.sort(key=lambda m: m.start)


def _disambiguate_places(mentions: list[NameMention]) -> list[NameMention]:
    """A country's name that is also a place elsewhere ("Georgia") is that place when the sentence
    names other places of the same country ("senators from Alabama ... and from
    Georgia")."""
    gaz = gazetteer()
    for mention in mentions:
        place = gaz.place(mention.name) if mention.iso else None
        if place is None or place.country in (None, mention.iso):
            continue
        neighbours = [m for m in mentions if m.sentence == mention.sentence and m is not mention]
        if any((p := gaz.place(m.name)) is not None and p.country == place.country and not m.iso for m in neighbours):
            mention.iso, mention.evidence = None, [("Place", "gazetteer")]
    return mentions


def _initial_groups(mentions: list[NameMention]) -> list[Group]:
    """One group per country (ISO code), known organisation, or distinct spelling of a name."""
    by_key: dict[str, Group] = {}
    for mention in mentions:
        if mention.iso:
            key, canonical = f"iso:{mention.iso}", None
        elif mention.org is not None:
            key, canonical = f"org:{mention.org}", mention.org
        else:
            key, canonical = f"name:{ascii_key(mention.name)}", None
        group = by_key.setdefault(key, Group(canonical=canonical, iso=mention.iso))
        group.mentions.append(mention)
    return list(by_key.values())


def _merge(groups: list[Group], pairs: list[tuple[int, int]]) -> list[Group]:
    """Merge groups by index pairs (union-find), keeping text order of first mention."""
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    merged: dict[int, Group] = {}
    for i, group in enumerate(groups):
        r = root(i)
        if r not in merged:
            merged[r] = Group(canonical=None, iso=None)
        merged[r].absorb(group)
    return sorted(merged.values(), key=lambda g: g.mentions[0].start)


def _compatible(a: Group, b: Group) -> bool:
    """Two groups may be one entity: not two different known entities."""
    if a.iso and b.iso:
        return a.iso == b.iso
    if a.canonical and b.canonical:
        return a.canonical == b.canonical
    return not ((a.iso and b.canonical) or (a.canonical and b.iso))


def _merge_bracketed(groups: list[Group], text: str) -> list[Group]:
    """A name glossed in brackets right after another is the same entity: "Kyōto-eki [Kyoto
    Station]", "World Meteorological Organization (WMO)"; so is a peer's title after a comma
    ("Ann Rowe, Baroness Rowe of Ely")."""
    owner = {id(m): i for i, g in enumerate(groups) for m in g.mentions}
    ordered = sorted((m for g in groups for m in g.mentions), key=lambda m: m.start)
    pairs = []
    for first, second in zip(ordered, ordered[1:]):
        if 1 <= second.start - first.end <= 2 and first.sentence == second.sentence:
            a, b = owner[id(first)], owner[id(second)]
            between = text[first.end_char:second.start_char].strip()
            labelling = text[second.end_char:second.end_char + 1] == ":"  # "(IATA: HEL)": the code is the name
            if a != b and not labelling and (between in ("(", "[") or _peerage(between, second.name, text[second.end_char:]) and
                           groups[a].type == groups[b].type == "Person") and _compatible(groups[a], groups[b]):
                pairs.append((a, b))
    by_name = {ascii_key(n): i for i, g in enumerate(groups) for n in g.names}
    for i, group in enumerate(groups):
        for mention in group.mentions:
            other = by_name.get(ascii_key(mention.gloss)) if mention.gloss else None
            if other is not None and other != i and _compatible(group, groups[other]):
                pairs.append((i, other))
    return _merge(groups, pairs)


def _merge_other_names(groups: list[Group]) -> list[Group]:
    """A name given in brackets as another name of the one before ("Lviv (also known as Lemberg)",
    "Vantaa Airport (IATA: HEL)", `mentions._bracketed_names`) joins it; last, so that each name
    has first found its own shorter forms ("Saint Clare" and "Clare (Latin: Clara Offreducia)"). Such a
    name that joins none, nothing else typing it, is dropped."""
    owner = {(m.start, m.end): i for i, g in enumerate(groups) for m in g.mentions}
    pairs = [(i, owner[m.aka_of]) for i, g in enumerate(groups) for m in g.mentions
             if m.aka_of in owner and owner[m.aka_of] != i and _compatible(g, groups[owner[m.aka_of]])]
    return _merge(groups, pairs)


def _peerage(between: str, name: str, after: str) -> bool:
    """A peer's title set beside their name, after a comma: "Ann Rowe, Baroness Rowe of Ely,
    said"; not one name of a list ("Ann Rowe, Lord Byrne and Tom Hart")."""
    words = (between.lstrip(",").split() or name.split())[:1]
    closed = re.match(r"\s*(,\s*[a-z]|[.;:)]|$)", after) is not None
    return between.startswith(",") and len(between.split()) <= 2 and words[0].lower() in PEERAGE_TITLES and closed


def _merge_variants(groups: list[Group]) -> list[Group]:
    """Spelling variants and longer forms of one name: "Tchaikovsky Hall" / "Tschaikowsky Hall",
    "Green" / "Green Party", "Senate" / "French Senate", "the Prado" / "the Prado
    Museum" (the last word says what it is, whatever NER thought of the shorter one)."""
    pairs = []
    keys = [{ascii_key(n) for n in g.names} | ({ascii_key(g.canonical)} if g.canonical else set()) for g in groups]
    types = [g.type for g in groups]
    for i, a in enumerate(groups):
        for j in range(i + 1, len(groups)):
            b = groups[j]
            if not _compatible(a, b) or (a.known and b.known) or _named_after_other(a, b) or _named_after_other(b, a):
                continue
            people = types[i] == "Person" or types[j] == "Person"
            same_type = types[i] == types[j]
            for x in keys[i]:
                for y in keys[j]:
                    if _variant(x, y, people=people) or same_type and not people and _short_of(x, y):
                        pairs.append((i, j))
    return _merge(groups, pairs)


def _named_after_other(short: Group, long: Group) -> bool:
    """``long`` names a thing named after ``short`` ("Ada Lowe" and "the Ada Lowe Memorial",
    "Kestrel Hospital" and "Kestrel Hospital Station"), or after a longer name than ``short``
    ("the Ada Lowe Memorial" and "Ada Lowe Memorial Hall Station"): two things. A name found nested
    in the longer one is that other thing; otherwise only a longer inner name says so ("Heathrow"
    may be the airport)."""
    nested = any(m.nested for m in short.mentions)
    for x in short.names:
        for y in long.names:
            inner = given_after(ascii_key(y))
            if inner is not None and (inner.startswith(ascii_key(x) + " ") or nested and inner == ascii_key(x)):
                return True
    return False


def _merge_heads(groups: list[Group]) -> list[Group]:
    """"the Assembly" is the "Regional Assembly", and "the House" the "House of Delegates", when
    the article names one organisation or place whose name has that word as its head: its last word, or
    the word before "of"."""
    pairs = []
    types = [g.type for g in groups]  # a group's type sums all its evidence: counted once
    for i, short in enumerate(groups):
        words = {ascii_key(n) for n in short.names}
        if types[i] != "Organization" or short.known or any(" " in w for w in words):
            continue
        owners = [j for j, g in enumerate(groups) if j != i and types[j] in ("Organization", "Place")
                  and any(" " in (key := ascii_key(n)) and head_words(key) & words for n in g.names)]
        if len({groups[j].full_name for j in owners}) == 1:
            pairs += [(i, j) for j in owners]
    return _merge(groups, pairs)


def _merge_tails(groups: list[Group]) -> list[Group]:
    """A name that ends a longer name of an organisation or a place, after the name of a place
    where it is or after a hyphen, is a short form of it: "the Blue Herons" of the "Portland Blue
    Herons", "the Inner Ring Road" of the "Leeds Inner Ring Road", "the Court on Human Rights" of
    the "African Court on Human Rights", "Night Brigade" of the "Kestrel Guard Corps-Night
    Brigade"; when the article names one such longer name (the "Democratic Party" is not the
    "Social Democratic Party"). Not a known place ("Phoenix" of "Downtown Phoenix"); a short name
    only NER calls a person may be one ("the Comets" of the "Denver Comets")."""
    pairs = []
    types = [g.type for g in groups]  # a group's type sums all its evidence: counted once
    gaz = gazetteer()
    for i, short in enumerate(groups):
        if types[i] not in ("Organization", "Place") and not _weak_person(short) or short.known:
            continue
        # the surname of a person the article names ("Lee" of "Dana Lee") is that person's, even
        # after a hyphen: "the Marsh-Lee ticket" pairs two people's names
        surnames = {ascii_key(n).rsplit(" ", 1)[-1] for j, g in enumerate(groups) if j != i and types[j] == "Person"
                    and not _weak_person(g) for n in g.names if " " in ascii_key(n)}
        keys = {k for n in short.names if (k := ascii_key(n)) and not gaz.place(n) and k not in _country_keys()
                and k not in surnames}
        owners = [j for j, g in enumerate(groups) if j != i and types[j] in ("Organization", "Place")
                  and _compatible(short, g) and any(_tail_of(key, name) for key in keys for name in g.names)]
        if owners and len({groups[j].full_name for j in owners}) == 1:
            pairs += [(i, j) for j in owners]
            if types[i] == "Person":  # the longer name says what it is
                for mention in short.mentions:
                    mention.evidence = [(kind, source) for kind, source in mention.evidence if kind != "Person"]
    return _merge(groups, pairs)


def _weak_person(group: Group) -> bool:
    """Only NER's label and the words around it call the name a person ("the Comets", "the second
    Comets player"): no given name, title or surname says so."""
    return group.type == "Person" and all(source in ("label", "context") for m in group.mentions
                                          for kind, source in m.evidence if kind == "Person")


def _tail_of(key: str, name: str) -> bool:
    """``key`` ends ``name`` after a place's name ("boston" + "red sox") or after a hyphen."""
    long = ascii_key(name)
    if not long.endswith(" " + key):
        return False
    prefix = long[: -len(key) - 1]
    return _place_key(prefix) or "-" in name and ascii_key(name.rsplit("-", 1)[1]) == key


def _place_key(key: str) -> bool:
    """A place's name, a country's name or demonym, or a continent's adjective ("european")."""
    return key in _country_keys() or key in _continent_adjectives() or gazetteer().place(key) is not None


@cache
def _continent_adjectives() -> frozenset[str]:
    """"european", "african", "asian", "north american": a continent's name with "-n" after "a", else "-an"."""
    continents = {ascii_key(p.name) for p in gazetteer().places.values() if p.kind == "continent"}
    return frozenset(c + ("n" if c.endswith("a") else "an") for c in continents)


def head_words(name: str) -> set[str]:
    """The words that say what a lowercase name names: its last, and each one before "of" ("house"
    in "the house of delegates")."""
    words = name.split()
    return {words[-1], *(words[i - 1] for i, word in enumerate(words) if word == "of" and i > 0)} if words else set()


def _short_of(x: str, y: str) -> bool:
    """One name is the other's short form: "Saints" or "the Church" for "Church of the
    Saints"."""
    short, long = sorted((x, y), key=len)
    head, sep, rest = long.partition(" of ")
    return bool(sep) and " " not in head and short in (head, rest)


def _variant(x: str, y: str, *, people: bool = False) -> bool:
    """Two forms of one name: equal, misspelt, or the longer one adds only a word that says what
    it is ("Green Party"), a country word before it ("French Senate") or "of" and a country after
    it ("the Senate of France"), or a country and a legal form after a company's name ("Vexmoor
    Norway Ltd", its arm there, named as the company). What is named after a
    known place, and a land division or natural feature named after any place, is another thing
    ("Coimbra University", "Kent County", "the Avon River"). People's shorter names are merged by their name parts instead (see
    `_merge_people`)."""
    if x == y or _saint(x) == _saint(y):
        return True
    short, long = sorted((x, y), key=len)
    if long.startswith(short + " "):
        rest = long[len(short) + 1:].split()
        if any(word in division_words() for word in rest) or short in _country_keys() or gazetteer().place(short):
            return False  # "Coimbra" and "Coimbra University", "Kent" and "Kent County" are two things
        if rest[0] == "of" and " ".join(rest[1 + (rest[1:2] == ["the"]):]) in _country_keys() and not people:
            return True  # "the Senate of Ruritania" is "the Senate", as "the Ruritanian Senate" is
        if not people:
            rest = _after_country(rest)  # "Vexmoor Norway Ltd": the company's arm in a country
        return all(word in type_words() and type_words()[word] != "Person" or word in PARTICLES for word in rest)
    if long.endswith(" " + short) and not people:
        before = re.sub(r"^\d+(st|nd|rd|th)( |$)", "", long[: -len(short) - 1])  # "the 42nd Congress": one sitting of it
        return not before or before in _country_keys()  # "French Senate", "U.S. Senate"
    similar = len(short) >= 6 and short[0] == long[0] and _similar(short, long, 0.9)
    return similar and (not people or len(short.split()) == len(long.split()) >= 2)


def _after_country(words: list[str]) -> list[str]:
    """The words after a country's name opening ``words`` (up to three words long), or ``words``."""
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[:n]) in _country_keys():
            return words[n:]
    return words


def _saint(key: str) -> str:
    """"St" or "Ste" opening a name key is "Saint" or "Sainte": "St. Anne's Church" and "Saint
    Anne's Church" are one name (at the end, "St" is a street)."""
    first, _, rest = key.partition(" ")
    return f"{SAINTS.get(first, first)} {rest}" if rest else key


SAINTS = {"st": "saint", "ste": "sainte"}


def _similar(a: str, b: str, threshold: float) -> bool:
    """difflib's ratio of two spellings is at least ``threshold``; its two cheap upper bounds
    (lengths, then letters in common) rule most pairs out before the full comparison."""
    matcher = difflib.SequenceMatcher(None, a, b)
    return (matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold
            and matcher.ratio() >= threshold)


@cache
def _country_keys() -> frozenset[str]:
    """The `ascii_key` of every country name, alias and demonym."""
    gaz = gazetteer()
    return frozenset(ascii_key(name) for country in gaz.countries.values()
                     for name in (country.name, *country.aliases, *country.demonyms))


@lru_cache(maxsize=65536)  # asked for every acronym and longer name of an article
def initials(name: str) -> str:
    """The initials of a name's content words: "World Meteorological
    Organization" -> "WMO"."""
    words = [w for w in re.split(r"[\s,\-]+", name) if w and w.lower() not in PARTICLES]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _merge_acronyms(groups: list[Group]) -> list[Group]:
    """An acronym joins the name it abbreviates: one given in brackets after the name, or one
    whose letters are the initials of a longer name in the article."""
    pairs = []
    types = [g.type for g in groups]  # a group's type sums all its evidence: counted once
    for i, short in enumerate(groups):
        acronyms = {m.name for m in short.mentions if m.name.replace(".", "").isupper() and len(m.name) <= 8}
        if not acronyms:
            continue  # nothing can match: spares the pairs loop (a quarter of resolution's time)
        for j, long in enumerate(groups):
            if i == j or not _compatible(short, long) or types[j] in ("Person",):
                continue
            given = {m.acronym for m in long.mentions if m.acronym}
            if acronyms & given or any(
                    initials(name) == acronym.replace(".", "") and len(name.split()) > 1
                    for acronym in acronyms for name in long.names):
                pairs.append((i, j))
    return _merge(groups, pairs + _initialled_pairs(groups, types))


def _initialled_pairs(groups: list[Group], types: list[str]) -> list[tuple[int, int]]:
    """A name opening with the initials of the start of a longer name, the rest written out, is
    that name: "UC Davis" is the "University of California, Davis", "UA Lindale" the "University
    of Ardmore, Lindale"."""
    return [(i, j) for i, short in enumerate(groups) for j, long in enumerate(groups)
            if j != i and types[j] != "Person" and _compatible(short, long)
            and any(_initialled(x, y) for x in short.names for y in long.names)]


def _initialled(short: str, long: str) -> bool:
    first, _, rest = short.partition(" ")
    letters = first.replace(".", "")
    if not rest or not (2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()):
        return False
    words = long.split()
    count = len(rest.split())
    if len(words) <= count or ascii_key(" ".join(words[-count:])) != ascii_key(rest):
        return False
    return initials(" ".join(words[:-count])) == letters


def _name_parts(name: str) -> list[str]:
    """The words of a person's name that identify them: no initials, no particles; a hyphenated
    name is one word ("Abu-Sharif")."""
    words = [ascii_key(w).replace(" ", "-") for w in name.split()]
    return [w for w in words if len(w) > 1 and w not in PARTICLES]


def _merge_people(groups: list[Group]) -> list[Group]:
    """A shorter form of a person's name ("Diallo", "Amara", "Ms Diallo") joins the full name
    that contains it, or that it misspells by a letter or two ("Schmitt" for "Schmidt").
    When two people share the word, each mention goes to the nearest one before it (after it, if
    none is before), and the shared word is not recorded as a name of either."""
    people = [g for g in groups if g.type == "Person" and not g.known]
    full = _merge_full_names([g for g in people if len(_name_parts(g.full_name)) >= 2])
    short = [g for g in people if len(_name_parts(g.full_name)) < 2]
    others = [g for g in groups if g.type != "Person" or g.known]
    result = list(full)
    for group in short:
        parts = set(_name_parts(group.full_name))
        candidates = [f for f in full if parts and parts <= set(_name_parts(f.full_name))]
        if not candidates:
            candidates = [f for f in full if _misspelt_surname(parts, f)]
        if not candidates:
            result.append(group)
            continue
        for mention in group.mentions:
            mention.ambiguous = len(candidates) > 1
            _nearest(candidates, mention.start).mentions.append(mention)
    # a lone surname that NER typed otherwise ("Okonkwo" as ORG) still names the person
    surnames: dict[str, list[Group]] = {}
    for f in full:  # any part but the first: "Rivera" of "Ana Rivera Soto" (two surnames)
        for part in dict.fromkeys(p for g in f.names for p in _name_parts(g)[1:]):
            surnames.setdefault(part, []).append(f)
    kept = []
    for group in others:
        parts = _name_parts(group.full_name)
        known_place = group.type == "Place" and gazetteer().place(group.full_name) is not None  # "Washington, D.C."
        owners = surnames.get(parts[0], []) if len(parts) == 1 and not group.known and group.type != "Country" \
            and not known_place else []
        if len(owners) == 1:
            for mention in group.mentions:  # NER's other guesses for a surname do not count
                mention.evidence = [("Person", "surname")]
            owners[0].mentions.extend(group.mentions)
        else:
            kept.append(group)
    for group in result:
        group.mentions.sort(key=lambda m: m.start)
    return sorted(result + kept, key=lambda g: g.mentions[0].start)


def _merge_mistyped_full_names(groups: list[Group]) -> list[Group]:
    """A lone name typed as a person ("Keller") joins the one longer name that ends with it and has
    some evidence of a person's name, though NER typed that one otherwise ("Jean-Luc Keller" as an
    organisation): the evidence of both then decides the type. Not a name with a type word in it."""
    pairs = []
    types = [g.type for g in groups]  # type and name parts of every group, computed once
    names = [_name_parts(g.full_name) for g in groups]
    for i, short in enumerate(groups):
        parts = names[i]
        if types[i] != "Person" or short.known or len(parts) != 1:
            continue
        owners = [j for j, g in enumerate(groups) if types[j] != "Person" and not g.known
                  and len(names[j]) >= 2 and names[j][-1] == parts[0]
                  and not any(w in type_words() for w in names[j]) and "Person" in g.votes]
        if len(owners) == 1:
            pairs.append((i, owners[0]))
    return _merge(groups, pairs)


def _merge_full_names(full: list[Group]) -> list[Group]:
    """Full names where one's words contain the other's: "John Carter", "John R. Carter"; not
    two names that both give middle initials, and not the same ("John A. Smith", "John A. B. Smith")."""
    pairs = []
    parts = [set(_name_parts(g.full_name)) for g in full]  # computed once, not per pair
    given = [_initials(g.full_name) for g in full]
    for i in range(len(full)):
        for j in range(i + 1, len(full)):
            pa, pb = parts[i], parts[j]
            ia, ib = given[i], given[j]
            if (pa <= pb or pb <= pa) and (not ia or not ib or ia == ib):
                pairs.append((i, j))
    return _merge(full, pairs)


def _initials(name: str) -> set[str]:
    """The initials written in a name: "George H. W. Smith" -> {"H", "W"}."""
    return {w[0] for w in name.split() if len(w.rstrip(".")) == 1 and w[0].isupper()}


def _misspelt_surname(parts: set[str], group: Group) -> bool:
    if len(parts) != 1:
        return False
    word, surname = next(iter(parts)), _name_parts(group.full_name)[-1]
    return len(word) >= 5 and word[0] == surname[0] and _similar(word, surname, 0.85)


def _nearest(candidates: list[Group], position: int) -> Group:
    before = [(max(m.start for m in g.mentions if m.start <= position), g) for g in candidates
              if any(m.start <= position for m in g.mentions)]
    if before:
        return max(before, key=lambda pair: pair[0])[1]
    return min(candidates, key=lambda g: g.mentions[0].start)


def _entities(groups: list[Group]) -> tuple[dict[str, Entity], dict[int, str]]:
    gaz = gazetteer()
    entities: dict[str, Entity] = {}
    token_entity: dict[int, str] = {}
    for group in groups:
        kind = group.type
        if group.iso:
            country = gaz.countries[group.iso]
            name, key = country.name, f"iso:{group.iso}"
            kind = "Country" if country.sovereign else "Place"
        else:
            name = group.canonical or _display_name(group, kind)
            key = f"{kind}:{ascii_key(name)}"
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(key=key, type=kind, name=name, iso=group.iso)
        for m in group.mentions:
            if not m.demonym and not m.ambiguous:
                entity.aliases.update({m.name, m.surface, *m.forms})
            entity.mentions.append(Mention(m.name, m.start_char, m.end_char, kind, m.sentence))
            if m.nested:
                continue  # its words belong to the longer name
            for i in range(m.start - (1 if m.surface != m.name else 0), m.end):
                token_entity[i] = key
        for m in group.mentions:
            if m.acronym:
                entity.aliases.add(m.acronym)
        entity.aliases.discard(entity.name)
    return entities, token_entity


def _display_name(group: Group, kind: str) -> str:
    gaz = gazetteer()
    name = group.full_name
    if kind == "Place":
        place = gaz.place(name)
        if place is not None:
            return place.name
        # "Melbourne (State Suburbs)": a known place among the names is the place's name
        known = {gaz.place(n).name for n in set(group.names) if gaz.place(n) is not None}
        if len(known) == 1:
            return known.pop()
    return name
