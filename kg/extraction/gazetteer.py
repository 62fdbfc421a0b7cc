"""The word lists kg knows, read once from the data files beside the code (``kg/extraction/data/``).

Countries (ISO codes, demonyms, capitals), places, organisations, titles and cue verbs are data,
not code: extend a TSV file to teach kg a new name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from typing import NamedTuple


def _rows(name: str) -> list[dict[str, str]]:
    """The rows of a TSV data file; lines starting with ``#`` are comments."""
    text = files("kg.extraction").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _words(name: str) -> list[str]:
    text = files("kg.extraction").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The lookup key of a name: lowercase, straight apostrophes, no leading "the", single spaces.

    >>> fold("The  United Nations")
    'united nations'
    """
    key = " ".join(name.replace("\u2019", "'").replace("\u2018", "'").split()).lower()
    return key[4:] if key.startswith("the ") else key


class Country(NamedTuple):
    iso: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    sovereign: bool


class Place(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    population: int


class Org(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None


class Title(NamedTuple):
    title: str
    kind: str  # honorific | office | both | postnominal
    gender: str | None
    national: bool  # an office of a country's state


class Cue(NamedTuple):
    relation: str
    lemma: str
    prep: str | None
    confidence: float
    clause: bool
    any_object: bool


@dataclass(frozen=True)
class Gazetteer:
    """Lookup tables built from the data files. Get the shared instance with `gazetteer()`."""

    countries: dict[str, Country] = field(default_factory=dict)  # by ISO code
    country_names: dict[str, str] = field(default_factory=dict)  # folded name/alias -> ISO
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> ISO
    places: dict[str, Place] = field(default_factory=dict)  # folded name/alias -> best place
    orgs: dict[str, Org] = field(default_factory=dict)  # folded name/alias -> org
    titles: dict[str, Title] = field(default_factory=dict)  # lowercase title -> Title
    title_modifiers: frozenset[str] = frozenset()
    cues: dict[str, list[Cue]] = field(default_factory=dict)  # lemma -> cues
    proposal_nouns: dict[str, str] = field(default_factory=dict)  # lemma -> named | act | topic

    def country_iso(self, name: str) -> str | None:
        """The ISO code of a country named by ``name`` (a name, alias or demonym), if any."""
        key = fold(name)
        return self.country_names.get(key) or self.demonyms.get(key)

    def capital_of(self, name: str) -> str | None:
        """The ISO code of the country whose capital is ``name`` ("Moscow" -> "RU"): a capital
        may stand for its country's government ("Moscow warned Washington"). kg types the name
        as the place; whether it acts for the country in a fact is the relations' call."""
        key = fold(name)
        return next((c.iso for c in self.countries.values() if c.capital and fold(c.capital) == key), None)

    def place(self, name: str) -> Place | None:
        return self.places.get(fold(name))

    def org(self, name: str) -> Org | None:
        return self.orgs.get(fold(name))

    def honorific(self, word: str) -> Title | None:
        title = self.titles.get(word.lower())
        return title if title and title.kind in ("honorific", "both") else None


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read from ``kg/extraction/data`` on first use and shared afterwards."""
    countries, country_names, demonyms = {}, {}, {}
    for row in _rows("countries.tsv"):
        country = Country(row["iso"], row["name"], tuple(_split(row["aliases"])), tuple(_split(row["demonyms"])),
                          row["capital"], row["kind"] == "country")
        countries[country.iso] = country
        for name in (country.name, *country.aliases):
            country_names.setdefault(fold(name), country.iso)
        for demonym in country.demonyms:
            demonyms.setdefault(fold(demonym), country.iso)
    places: dict[str, Place] = {}
    for row in _rows("places.tsv") + _rows("regions.tsv"):
        place = Place(row["name"], tuple(_split(row["aliases"])), None if row["country"] in ("", "-") else row["country"],
                      row["kind"], int(row.get("population") or 0))
        for name in (place.name, *place.aliases):
            key = fold(name)
            # a name shared by several cities refers to the most populous; curated regions win
            if key not in places or place.population == 0 or places[key].population < place.population:
                places[key] = place
    orgs = {}
    for row in _rows("orgs.tsv"):
        org = Org(row["name"], tuple(_split(row["aliases"])), row["kind"], None if row["country"] in ("", "-") else row["country"])
        for name in (org.name, *org.aliases):
            orgs.setdefault(fold(name), org)
    titles = {row["title"]: Title(row["title"], row["kind"], None if row["gender"] == "-" else row["gender"],
                                  row["scope"] == "national") for row in _rows("titles.tsv")}
    cues: dict[str, list[Cue]] = {}
    for row in _rows("cues.tsv"):
        cue = Cue(row["relation"], row["lemma"], None if row["prep"] == "-" else row["prep"], float(row["confidence"]),
                  row["clause"] == "yes", row["object"] == "any")
        cues.setdefault(cue.lemma, []).append(cue)
    proposal_nouns = {row["noun"]: row["kind"] for row in _rows("proposal_nouns.tsv")}
    return Gazetteer(countries, country_names, demonyms, places, orgs, titles,
                     frozenset(_words("title_modifiers.txt")), cues, proposal_nouns)
