"""Scoring cross-article proposal merges against annotated groups (``tests/data/proposals/groups.json``).

The annotation names no extracted node: for each proposal followed across articles, it lists per
article the phrases of the text that name it. An extracted proposal belongs to a group when one
of its names contains one of the group's phrases for its article, or is contained in one; the
longest phrase decides, a tie between groups leaves the proposal out, and so do names matching an
``ignore`` phrase. So the annotation stays valid when the extractor finds other proposals, and the
score can be taken again after every change to it.

Pairwise scores, over pairs of proposals (of the whole store) from different articles of which
at least one belongs to a group (pairs within one article are the extractor's business, not the
merge's). A merge of an annotated proposal with one of an article the annotation does not cover
counts against precision, even when a reader would call it right: the figure is a lower bound.

- precision: of the pairs merged into one node, the share whose two proposals belong to the
  same group;
- recall: of the pairs belonging to the same group, the share merged into one node.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

IGNORED = "(ignored)"


class Node(NamedTuple):
    """An extracted proposal: its IRI before any merge, its article's id, its names there."""

    iri: str
    article: str
    names: frozenset[str]


@dataclass
class Groups:
    """The annotation: group id -> article id -> phrases; article id -> phrases to ignore."""

    mentions: dict[str, dict[str, list[str]]]
    ignore: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> Groups:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls({g["id"]: g["mentions"] for g in data["groups"]}, data.get("ignore", {}))

    @property
    def articles(self) -> set[str]:
        return {a for mentions in self.mentions.values() for a in mentions}

    def group_of(self, node: Node) -> str | None:
        """The group ``node`` belongs to, `IGNORED`, or None (no group, or two equally)."""
        best: dict[str, int] = {}
        candidates = [(gid, phrase) for gid, m in self.mentions.items() for phrase in m.get(node.article, [])]
        candidates += [(IGNORED, phrase) for phrase in self.ignore.get(node.article, [])]
        for gid, phrase in candidates:
            if any(_matches(name, phrase) for name in node.names):
                best[gid] = max(best.get(gid, 0), len(phrase))
        if not best:
            return None
        longest = max(best.values())
        winners = [gid for gid, length in best.items() if length == longest]
        return winners[0] if len(winners) == 1 else None


def _norm(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+(?:['’]\w+)?", text.lower().replace("’", "'"))) + " "


def _matches(name: str, phrase: str) -> bool:
    """Whole words of one inside the other."""
    a, b = _norm(name), _norm(phrase)
    return a.strip() != "" and b.strip() != "" and (b in a or a in b)


class PairScore(NamedTuple):
    """Pairwise precision and recall, with the counts they come from."""

    precision: float
    recall: float
    merged: int  # merged pairs with at least one annotated proposal
    correct: int  # of those, pairs of the same group
    gold: int  # pairs of the same group (different articles)
    found: int  # of those, merged


def pairwise(nodes: Iterable[Node], cluster_of: dict[str, str], groups: Groups) -> PairScore:
    """Score the merges (``cluster_of``: original IRI -> the IRI it ended in) against the groups."""
    labelled = [(n, g) for n in nodes if (g := groups.group_of(n)) != IGNORED]
    merged = correct = gold = found = 0
    for i, (a, ga) in enumerate(labelled):
        for b, gb in labelled[i + 1:]:
            if a.article == b.article or (ga is None and gb is None):
                continue
            same_node = cluster_of.get(a.iri, a.iri) == cluster_of.get(b.iri, b.iri)
            same_group = ga is not None and ga == gb
            merged += same_node
            correct += same_node and same_group
            gold += same_group
            found += same_node and same_group
    return PairScore(correct / merged if merged else 1.0, found / gold if gold else 1.0, merged, correct, gold, found)


def final_iri(iri: str, merges: dict[str, str]) -> str:
    """Where a proposal ended after the merges in force (removed IRI -> kept IRI), chains followed."""
    seen = {iri}
    while iri in merges and merges[iri] not in seen:
        iri = merges[iri]
        seen.add(iri)
    return iri
