"""The predicates kg knows the meaning of, read once from the data files beside the code: cue
verbs and what they state about a proposal (``data/cues.tsv``), including what refusing them
states; and the verbs that report speech (``data/speech_verbs.txt``).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files
from typing import NamedTuple


class Cue(NamedTuple):
    """One meaning of a cue verb.

    Attributes:
        relation: what the agent does to the theme when the verb is asserted (``backs``, ...).
        lemma, prep: the verb, and the particle or preposition that must follow it ("call for").
        confidence: how reliably the verb states the relation.
        clause: a clausal complement is the proposal ("announced that troops would leave").
        object: what its object must be to be a proposal: ``any`` noun phrase ("proposed a
            royalty"), only a ``proposal`` (a proposal noun, a deverbal noun or a clause), or
            ``self``: the verb's own clause is the proposal ("sued the state over the ban").
        refused: what refusing it states ("refused to sign" opposes), or None.
    """

    relation: str | None
    lemma: str
    prep: str | None
    confidence: float
    clause: bool
    object: str
    refused: str | None

    @property
    def any_object(self) -> bool:
        return self.object == "any"


def _lines(name: str) -> list[str]:
    text = files("kg.extraction").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def cue_verbs() -> dict[str, tuple[Cue, ...]]:
    """Cue verbs by lemma (a lemma may carry several meanings: "call for", "call on")."""
    out: dict[str, list[Cue]] = {}
    for row in csv.DictReader(_lines("cues.tsv"), delimiter="\t", quoting=csv.QUOTE_NONE):
        cue = Cue(None if row["relation"] == "-" else row["relation"], row["lemma"],
                  None if row["prep"] == "-" else row["prep"], float(row["confidence"]), row["clause"] == "yes",
                  row["object"], None if row["refused"] == "-" else row["refused"])
        out.setdefault(cue.lemma, []).append(cue)
    return {lemma: tuple(cues) for lemma, cues in out.items()}


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs that report what someone said or wrote."""
    return frozenset(line.strip() for line in _lines("speech_verbs.txt"))
