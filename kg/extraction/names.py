"""`NameMention`: one name in the text, with the evidence gathered about what it names.

`mentions` finds them, `nametypes` adds the evidence of their words and context, `resolve`
groups them into entities.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class NameMention:
    """One name in the text.

    Attributes:
        start, end: token offsets of the name itself (honorific and title excluded).
        name: the name as written, cleaned ("Amara Diallo", "Diallo").
        surface: the name with the honorific before it ("Dame Amara", "Ms Diallo").
        label: spaCy's entity label.
        evidence: what says which type it is, as (type, source) pairs; `nametypes.weigh`
            turns them into votes, summed over mentions when names are grouped.
        honorific: a form of address before the name ("mr", "sir"), lowercase.
        iso: the ISO code when the name is a country or its demonym.
        org: the gazetteer's name when the name is a known organisation.
        acronym: an acronym given in brackets right after the name: "... Meteorological Organization (WMO)".
    """

    start: int
    end: int
    start_char: int
    end_char: int
    name: str
    surface: str
    label: str
    sentence: int
    evidence: list[tuple[str, str]] = field(default_factory=list)
    honorific: str | None = None
    iso: str | None = None
    org: str | None = None
    acronym: str | None = None
    demonym: bool = False
    ambiguous: bool = False  # a short name two people share: not recorded as a name of either
    forms: set[str] = field(default_factory=set)  # other surface forms: "Ruth Allard, KC"
    gloss: str | None = None  # another name given for it in brackets: "Kyōto-eki [Kyoto Station]"
    aka_of: tuple[int, int] | None = None  # where the name it is another name of is: "Lviv (also known as Lemberg)"
    dep: str = ""  # the name's syntactic role: nsubj, poss, compound, ...
    modifies_noun: bool = False  # it modifies a common noun: "the Acme Corp merger"
    weak: bool = False  # a capitalised run nothing types: kept only if it repeats a known name
    nested: bool = False  # a place named inside a longer name: "Coimbra" in "University of Coimbra"
    agentive: bool = True  # for a demonym: it stands for the country acting ("Danish troops")

    def vote(self, kind: str | None, source: str) -> None:
        """Record that ``source`` (a row of ``data/type_weights.tsv``) says the name is a ``kind``."""
        if kind:
            self.evidence.append((kind, source))
