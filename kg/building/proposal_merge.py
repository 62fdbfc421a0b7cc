"""Cross-article proposal merging in a store: the same proposal reported by several articles
becomes one node, each merge recorded and undoable like an entity merge (`kg merges`).

The extractor names a proposal after its article (``…/proposal/<article hash>/<slug>``): the
prorogation of Parliament told in four articles is four nodes. After articles are added to a
store, `merge_proposals` compares the proposals of different articles and rewrites each group
into one IRI with `kg.building.merge.apply_merge`, so every article graph keeps its own facts
and evidence, now about the one node (recorded as ``kg:ProposalMerge``).

Two proposals are compared on what the store knows of them, not on one article's wording:

- **words**: the content words of all their names (label and other names, in every article
  already merged into them) and, at a third of the weight, of the sentences their facts were read
  from ("the request" in a sentence about "the prorogation of Parliament"). Words are cut to
  their first six letters, so "prorogue" meets "prorogation" and "suspend" "suspension"; each is
  weighted by how rare it is among the store's proposals (inverse document frequency), so "plan",
  "government" or "request" count for little and "prorogation" for much;
- **participants**: the people, countries and organisations that propose, back, oppose,
  consider, discuss or commit to them, or that they concern, weighted by rarity the same way;
- **dates**: the articles' publication dates; the score fades with the days between them and is
  nothing past `MAX_DAYS`.

The score is the cosine of the two weighted vectors, times the date factor. A pair is a candidate
only when they share a *distinctive* word of a label (not a generic word, nor a word of a
participant's name; and, in a store of `MIN_STATISTICS` proposals or more, in at most
`DISTINCT_SHARE` of them): two proposals sharing only common words ("a plan to build a
wall", "a plan to reopen the government") stay apart however many participants they share; and
two proposals with different proposers are two proposals. Pairs scoring at least `THRESHOLD`
(`PROPOSER_THRESHOLD` when they share a proposer: in a store of a few articles the words weigh
less, every word being rare) are joined, best first, into groups holding at most one proposal of
each article: within an article, the extractor has already decided what is one proposal.

Each group keeps the proposal reported by the most articles, then the earliest, then the first
IRI. The weights and thresholds were set on the groups annotated in
``tests/data/proposals/groups.json``; ``benchmarks/proposal_merge.py`` measures them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from ..core.records import iso_day
from ..questions.queries import load_query
from ..rdf.namespace import ID, KG
from ..rdf.store import GraphStore
from .merge import EntityInfo, MergePlan, MergeRecord, apply_merge, list_merges

CONTEXT_WEIGHT = 0.33
PARTICIPANT_WEIGHT = 0.8
THRESHOLD = 0.3
PROPOSER_THRESHOLD = 0.2  # the same proponent too: the words may say less
TAU_DAYS = 120.0
MAX_DAYS = 200
DISTINCT_SHARE = 0.05
MIN_STATISTICS = 200  # proposals: fewer tell too little about which words are common
STEM = 6
GENERIC = frozenset("""plan proposal request call move decision deal agreement bill law measure step change idea order
policy package effort project programme program initiative scheme process issue matter question case thing way part
one new year years month week day today time people country countries government national state states official
public president minister leader party house court""".split())
PROPOSES = str(KG.proposes)
ID_QUOTE = str(ID["quote/"])
MONTHS_AND_DAYS = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())


class ProposalInfo(NamedTuple):
    """A proposal as the store knows it."""

    iri: str
    name: str
    names: frozenset[str]
    articles: frozenset[str]
    dates: tuple[dt.date, ...]
    participants: frozenset[str]
    proposers: frozenset[str]
    label_stems: frozenset[str]
    context_stems: frozenset[str]
    name_stems: frozenset[str]  # words of the participants' names: no evidence of sameness by themselves


def stems(text: str) -> list[str]:
    """The content words of ``text``, cut to their first letters ("prorogation" -> "prorog").

    >>> stems("the Prime Minister's request to prorogue Parliament on 10 September")
    ['prime', 'minist', 'prorog', 'parlia']
    """
    out = []
    for word in re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower().replace("’", "'")):
        word = word.removesuffix("'s")
        if len(word) < 3 or word in STOP_WORDS or word in MONTHS_AND_DAYS or word in GENERIC:
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word not in GENERIC:
            out.append(word[:STEM])
    return out


def proposals_in(store: GraphStore) -> list[ProposalInfo]:
    """The proposals of the store, with their names, articles, dates, participants and words
    (``queries/_proposal-candidates.rq`` and ``_proposal-facts.rq``)."""
    names: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, set[dt.date]] = defaultdict(set)
    for row in store.query(load_query("_proposal-candidates").text):
        iri = row["proposal"].value
        names[iri].add(row["name"].value)
        articles[iri].add(row["article"].value)
        day = iso_day(row["date"].value) if row["date"] is not None else None
        if day is not None:
            dates[iri].add(day)
    participants: dict[str, set[str]] = defaultdict(set)
    proposers: dict[str, set[str]] = defaultdict(set)
    said_by: dict[str, set[str]] = defaultdict(set)  # the participants' names: counted as participants, not words
    sentences: dict[str, set[str]] = defaultdict(set)
    for row in store.query(load_query("_proposal-facts").text):
        iri, who = row["proposal"].value, row["participant"].value
        if not who.startswith(ID_QUOTE):
            participants[iri].add(who)
        if row["relation"].value == PROPOSES:
            proposers[iri].add(who)
        if row["participantName"] is not None:
            said_by[iri].update(stems(row["participantName"].value))
        sentences[iri].add(row["sentence"].value)
    found = []
    for iri in sorted(names):
        label = {s for n in names[iri] for s in stems(n)}
        context = {s for text in sentences[iri] for s in stems(text)} - label
        found.append(ProposalInfo(iri, min(names[iri]), frozenset(names[iri]), frozenset(articles[iri]),
                                  tuple(sorted(dates[iri])), frozenset(participants[iri]), frozenset(proposers[iri]),
                                  frozenset(label), frozenset(context), frozenset(said_by[iri])))
    return found


class _Scorer:
    """Weighted vectors of proposals, and the score of a pair (the rules of the module docstring)."""

    def __init__(self, proposals: list[ProposalInfo]) -> None:
        self.count = len(proposals)
        self.words = Counter(s for p in proposals for s in p.label_stems | p.context_stems)
        self.people = Counter(e for p in proposals for e in p.participants)
        self.vectors = {p.iri: self._vector(p) for p in proposals}

    def idf(self, frequency: int) -> float:
        return math.log((self.count + 1) / (frequency + 1))

    def distinctive(self, stem: str) -> bool:
        """Rare among the store's proposals; in a small store, where a story told by every article
        is the commonest thing, any word that is not generic (`stems` leaves those out)."""
        return self.count < MIN_STATISTICS or self.words[stem] <= DISTINCT_SHARE * self.count

    def _vector(self, p: ProposalInfo) -> dict[str, float]:
        vector = {f"w:{s}": self.idf(self.words[s]) for s in p.label_stems}
        vector |= {f"w:{s}": CONTEXT_WEIGHT * self.idf(self.words[s]) for s in p.context_stems}
        vector |= {f"e:{e}": PARTICIPANT_WEIGHT * self.idf(self.people[e]) for e in p.participants}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {k: w / norm for k, w in vector.items()}

    def score(self, a: ProposalInfo, b: ProposalInfo) -> float:
        va, vb = self.vectors[a.iri], self.vectors[b.iri]
        cosine = sum(w * vb[k] for k, w in va.items() if k in vb)
        return cosine * date_factor(a.dates, b.dates)


def date_factor(a: tuple[dt.date, ...], b: tuple[dt.date, ...]) -> float:
    """1 for the same day, fading with the days between the nearest dates; 0 past `MAX_DAYS`;
    1 when either has no date (nothing tells them apart)."""
    if not a or not b:
        return 1.0
    gap = min(abs((x - y).days) for x in a for y in b)
    return 0.0 if gap > MAX_DAYS else math.exp(-gap / TAU_DAYS)


def shared_words(a: ProposalInfo, b: ProposalInfo, scorer: _Scorer) -> list[str]:
    """The distinctive label words one has in its label and the other in its label or sentences."""
    shared = (a.label_stems & (b.label_stems | b.context_stems)) | (b.label_stems & a.context_stems)
    return sorted(s for s in shared - a.name_stems - b.name_stems if scorer.distinctive(s))


def plan_proposal_merges(proposals: list[ProposalInfo], *, apart: set[tuple[str, str]] = frozenset()) -> list[MergePlan]:
    """Which proposal goes into which. Pairs in ``apart`` (removed IRI, kept IRI), merges undone
    before, are left alone."""
    scorer = _Scorer(proposals)
    by_iri = {p.iri: p for p in proposals}
    index: dict[str, list[str]] = defaultdict(list)
    for p in proposals:
        for s in p.label_stems | p.context_stems:
            if scorer.distinctive(s):
                index[s].append(p.iri)
    pairs = []
    for p in proposals:
        candidates = {q for s in p.label_stems if scorer.distinctive(s) for q in index[s] if q > p.iri}
        candidates |= {q for s in p.context_stems if scorer.distinctive(s) for q in index[s] if q > p.iri}
        for q in sorted(candidates):
            other = by_iri[q]
            if p.articles & other.articles or not shared_words(p, other, scorer):
                continue
            if p.proposers and other.proposers and not p.proposers & other.proposers:
                continue  # the same proposal has the same proponent: two candidates' bids are two bids
            score = scorer.score(p, other)
            if score >= (PROPOSER_THRESHOLD if p.proposers & other.proposers else THRESHOLD):
                pairs.append((score, p.iri, q))
    groups = _group(sorted(pairs, key=lambda x: (-x[0], x[1], x[2])), by_iri, apart)
    plans = []
    for members in groups:
        kept = min(members, key=lambda iri: _rank(by_iri[iri]))
        for iri in sorted(members - {kept}):
            a, b = by_iri[iri], by_iri[kept]
            plans.append(MergePlan(_info(a), _info(b), _reason(a, b, scorer)))
    return plans


def _group(pairs: list[tuple[float, str, str]], by_iri: dict[str, ProposalInfo],
           apart: set[tuple[str, str]]) -> list[set[str]]:
    """Join pairs best first into groups that hold at most one proposal of each article."""
    group_of = {iri: {iri} for iri in by_iri}
    articles = {iri: set(p.articles) for iri, p in by_iri.items()}
    for _, a, b in pairs:
        if group_of[a] is group_of[b] or articles[a] & articles[b]:
            continue
        if any((x, y) in apart or (y, x) in apart for x in group_of[a] for y in group_of[b]):
            continue  # a merge undone before keeps its two proposals in different groups
        merged, joined = group_of[a] | group_of[b], articles[a] | articles[b]
        for iri in merged:
            group_of[iri] = merged
            articles[iri] = joined
    unique = {id(g): g for g in group_of.values() if len(g) > 1}
    return sorted(unique.values(), key=lambda g: sorted(g))


def _rank(p: ProposalInfo) -> tuple:
    """The proposal a group keeps: the most articles, then the earliest date, then the first IRI."""
    return (-len(p.articles), p.dates[0] if p.dates else dt.date.max, p.iri)


def _info(p: ProposalInfo) -> EntityInfo:
    return EntityInfo(p.iri, "Proposal", p.name, p.names, len(p.articles))


def _reason(a: ProposalInfo, b: ProposalInfo, scorer: _Scorer) -> str:
    words = ", ".join(f"'{w}'" for w in shared_words(a, b, scorer)[:4])
    people = len(a.participants & b.participants)
    gap = (f"; {min(abs((x - y).days) for x in a.dates for y in b.dates)} days apart" if a.dates and b.dates else "")
    return (f"'{a.name}' and '{b.name}' share the words {words}" + (f" and {people} participant(s)" if people else "")
            + gap + f" (score {scorer.score(a, b):.2f})")


def merge_proposals(store: GraphStore) -> list[MergeRecord]:
    """Find and apply the merges the store's proposals call for (after the entity merges, so that
    participants named differently are already one).

    Returns:
        The merges applied.
    """
    apart = {(r.removed, r.kept) for r in list_merges(store) if r.undone}
    applied = []
    for plan in plan_proposal_merges(proposals_in(store), apart=apart):
        record = apply_merge(store, plan, kinds=("EntityMerge", "ProposalMerge"))
        if record is not None:
            applied.append(record)
    return applied
