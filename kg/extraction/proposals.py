"""Proposals as first-class nodes: plans, bills, deals, agreements, requests, calls, pledges.

A proposal is the phrase someone proposes, backs, opposes, considers, discusses or commits to: a
noun phrase headed by a proposal noun ("a Danish-backed proposal for observers to watch the
truce") or a clause ("agreed to postpone the vote", "announced the army would be leaving the
valley"); `phrases.py` says which phrases those are and how they are labelled.

Two phrases are one proposal when they share a distinctive name ("the Baltlink project", "the
Baltlink cable"), most of their content words, or a content word and an entity. An anaphoric
phrase is the last proposal with its head noun ("the plan"), the one its possessor is behind
("his decision"), the one just named in the sentence ("calling it ..."), or the one the passage
is about (each mention counts, less the further back it is).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from spacy.tokens import Token

from ..core.records import Evidence, Proposal
from .context import ArticleContext
from .gazetteer import gazetteer
from .phrases import bare_definite, does_what_was_proposed, is_anaphor, label_text, label_tokens, proposal_kind

TIME_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}
SALIENCE_DECAY = 300.0  # tokens: a mention this far back counts e^-1 as much as one just before
# nouns that name the same kind of thing: "their agreement ... the deal"
SAME_KIND = ({"deal", "agreement", "accord", "pact"}, {"bill", "legislation"})
GENERIC_ANAPHORS = {"move", "decision", "step", "change", "idea", "announcement", "it", "this", "that"}
STATUS_RANK = {"proposed": 0, "under consideration": 1, "agreed": 2, "rejected": 3, "withdrawn": 3}
STOP_LEMMAS = {"make", "take", "give", "get", "go", "come", "put", "set", "keep", "end", "start", "begin", "continue",
               "allow", "help", "let", "need", "want", "see", "use", "new",
               "be", "have", "do", "will", "would", "can", "could", "may", "might", "must", "shall", "should",
               "to", "of", "a", "an", "the", "for", "on", "in", "at", "by", "with", "from", "and", "or", "that",
               "this", "its", "their", "his", "her", "it", "they", "as", "into", "about", "-", "'s"}


@cache
def statuses() -> dict[str, str]:
    text = files("kg.extraction").joinpath("data", "proposal_status.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {lemma: status for lemma, status in rows[1:]}


@dataclass
class _Candidate:
    key: str
    label: str
    head: str  # head lemma
    tokens: set[int] = field(default_factory=set)
    lemmas: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # distinctive proper nouns
    entities: set[str] = field(default_factory=set)  # entities named in it
    heads: set[int] = field(default_factory=set)  # the head tokens of the phrases that name it
    labels: list[str] = field(default_factory=list)
    last: int = 0
    status: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    possessors: set[str] = field(default_factory=set)  # "Bolton's resignation": concerned, even as agents
    owned: set[tuple[str, str]] = field(default_factory=set)  # (owner, label): "her candidacy ..." said of X
    raw: set[str] = field(default_factory=set)  # content words, the article's topic words included
    verbs: set[str] = field(default_factory=set)  # the cue verbs it was put forward with ("declare")


class ProposalRegistry:
    """The proposals of one article, found phrase by phrase in text order."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.topic_words = topic_words(ctx.doc)
        self.candidates: list[_Candidate] = []
        self.agents: dict[str, set[str]] = {}  # proposal key -> entity keys acting on it
        self.proposers: dict[str, set[str]] = {}  # proposal key -> who proposes or commits to it

    # --- finding --------------------------------------------------------------------------------

    def of_phrase(self, head: Token, prefer: frozenset[str] = frozenset()) -> str | None:
        """The proposal a phrase headed by ``head`` (a noun or a clause's verb) denotes, created
        on first sight; None when the phrase is not a proposal (a name, a pronoun, "details")."""
        if head.i in self.ctx.token_entity or head.pos_ == "PRON":
            return self.antecedent(head, prefer) if head.pos_ == "PRON" and head.lower_ in ("it", "this", "that") else None
        for candidate in self.candidates:
            if head.i in candidate.heads:
                candidate.last = max(candidate.last, head.i)
                return candidate.key
        if does_what_was_proposed(head):  # "questioned his power to do so"
            return self.antecedent(head, prefer)
        if is_anaphor(head):
            key = self.antecedent(head, prefer)
            if key is not None or head.lemma_.lower() in GENERIC_ANAPHORS:
                # "this decision" with nothing before it to point back to says nothing a reader
                # could use: no node; "the deal" with nothing before it is a deal all the same
                return key
        done = self._nominalized(head)
        if done is not None:
            return done
        if bare_definite(head):  # "a tax on sugary drinks ... backed the tax"
            same = [c for c in self.candidates if c.head == head.lemma_.lower() and min(c.heads) < head.i]
            if same:
                chosen = max(same, key=lambda c: c.last)
                chosen.heads.add(head.i)
                chosen.last = max(chosen.last, head.i)
                return chosen.key
            earlier = self._earlier_mention(head)
            if earlier is not None:  # "killed him in an airstrike ... justified the strike"
                key = self._add(earlier, label_tokens(earlier, self.ctx) or [earlier])
                candidate = self._get(key)
                candidate.heads.add(head.i)
                candidate.last = max(candidate.last, head.i)
                return key
        tokens = label_tokens(head, self.ctx)
        if not tokens:
            return None
        return self._add(head, tokens)

    def of_refusal(self, verb: Token) -> str | None:
        """The plan not to do what ``verb`` says ("will not seek re-election"): its label keeps the
        negation and the auxiliary."""
        pronouns = {t.i for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PRON" for t in c.subtree}
        tokens = [t for t in label_tokens(verb, self.ctx) if t.i not in pronouns]
        if not tokens:
            return None
        kept = [c for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i]
        return self._add(verb, sorted({t.i: t for t in [*kept, *tokens]}.values(), key=lambda t: t.i))

    def named_before(self, noun: Token) -> bool:
        """A proposal with this head noun was named before ``noun``: "a fishing quota ... the quota"."""
        lemma = noun.lemma_.lower()
        return any(c.head == lemma and min(c.heads) < noun.i for c in self.candidates)

    def _earlier_mention(self, head: Token) -> Token | None:
        """The last noun before ``head`` in the article that it repeats: the same noun, or a
        compound ending in it ("an airstrike" for "the strike")."""
        lemma = head.lemma_.lower()
        for token in reversed(self.ctx.tokens[:head.i]):
            if token.pos_ == "NOUN" and token.i not in self.ctx.token_entity and (
                    token.lemma_.lower() == lemma or token.lemma_.lower().endswith(lemma) and len(token.lemma_) > len(lemma) + 2):
                return token
        return None

    def antecedent(self, token: Token, prefer: frozenset[str] = frozenset()) -> str | None:
        """The proposal an anaphoric phrase refers to: "the plan" is the last plan before it;
        "his decision" is the one he is behind; "X also criticised the decision" is the one others
        criticised (``prefer``); "the move", "it" are the one just named in the sentence, else the
        one the passage is about."""
        before = [c for c in self.candidates if min(c.tokens, default=0) < token.i]
        sentence = self.ctx.sent(token)
        if token.pos_ == "PRON" and not any(sentence.start <= i < token.i for c in before for i in c.heads):
            # "a ruling on the curfew, finding it unlawful": "it" is the act just named, even if
            # no stance was taken on it yet
            named = [t for t in self.ctx.tokens[sentence.start:token.i] if proposal_kind(t) in ("named", "act")
                     and t.i not in self.ctx.token_entity]
            if named:
                return self.of_phrase(named[-1])
        if not before:
            return None
        lemma = token.lemma_.lower()
        kind = next((group for group in SAME_KIND if lemma in group), {lemma})
        same = [c for c in before if c.head in kind] if lemma not in GENERIC_ANAPHORS else []
        here = [c for c in before if any(sentence.start <= i < token.i for i in c.heads)]
        owners = {k for c in token.children if c.dep_ == "poss" for k in self.ctx.refers_to(c)}
        if not owners and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children) and token.head.pos_ == "VERB":
            owners = set(self.ctx.subjects(token.head))  # "Ghana defended its decision": its = Ghana's
        theirs = [c for c in before if owners & self.agents.get(c.key, set())]
        if same:
            chosen = max(same, key=lambda c: c.last if c.last < token.i else min(c.tokens))
        elif theirs:  # "Trump defended his decision"
            chosen = max(theirs, key=lambda c: self._salience(c, token.i))
        elif lemma in GENERIC_ANAPHORS and (preferred := [c for c in before if c.key in prefer]):
            chosen = max(preferred, key=lambda c: self._salience(c, token.i))
        elif here:  # "commented on the agreement, calling it ...": the one just named
            chosen = max(here, key=lambda c: max(i for i in c.heads if i < token.i))
        else:
            chosen = self._get(self.salient_before(token.i))
        chosen.last = max(chosen.last, token.i)
        chosen.heads.add(token.i)
        return chosen.key

    def topic_of(self, span) -> str | None:
        """The proposal a passage (a quotation) is about: the one sharing most content words and
        entities (named in it, or acting on it) with the passage. The country the article is about
        says nothing about which plan is meant: "Ukraine is free" is about no plan for Ukraine."""
        lemmas = {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop and t.i not in self.ctx.token_entity}
        lemmas -= set(gazetteer().proposal_nouns)
        entities = {self.ctx.token_entity[t.i] for t in span if t.i in self.ctx.token_entity}
        entities.discard(self.ctx.dominant_country())
        best, best_score = None, 0
        for c in self.candidates:
            score = len(lemmas & c.lemmas) + len(entities & (c.entities | self.agents.get(c.key, set())))
            if score > best_score:
                best, best_score = c.key, score
        return best

    def _nominalized(self, head: Token) -> str | None:
        """ "the mayor declared a curfew ... the mayor's declaration": the owner's noun for
        the very act by which they put a proposal forward names that proposal."""
        owners = {k for c in head.children if c.dep_ == "poss" for k in self.ctx.refers_to(c)}
        if not owners or any(c.dep_ not in ("poss", "det", "case", "punct") for c in head.children):
            return None
        noun = head.lemma_.lower()
        theirs = [c for c in self.candidates if min(c.heads) < head.i and owners & self.proposers.get(c.key, set())
                  and any(_nominalizes(noun, verb) for verb in c.verbs)]
        if not theirs:
            return None
        chosen = max(theirs, key=lambda c: c.last)
        chosen.heads.add(head.i)
        chosen.last = max(chosen.last, head.i)
        return chosen.key

    def salient_before(self, position: int) -> str | None:
        """The proposal the text before ``position`` is about: each mention counts, less the
        further back it is."""
        before = [c for c in self.candidates if min(c.heads) < position]
        if not before:
            return self.latest_before(position)
        return max(before, key=lambda c: self._salience(c, position)).key

    @staticmethod
    def _salience(candidate: _Candidate, position: int) -> float:
        return sum(math.exp(-(position - i) / SALIENCE_DECAY) for i in candidate.heads if i < position)

    def latest_before(self, position: int) -> str | None:
        before = [c for c in self.candidates if min(c.tokens, default=0) < position]
        return max(before, key=lambda c: c.last).key if before else None

    def apart_from(self, head: Token, other: str) -> str | None:
        """The proposal headed by ``head``, never merged into ``other`` though its words lie inside
        it ("a budget that does not fund [the bridge]": the bridge's funding is another one)."""
        for candidate in self.candidates:
            if head.i in candidate.heads and candidate.key != other:
                return candidate.key
        tokens = label_tokens(head, self.ctx)
        return self._add(head, tokens, apart={other}) if tokens else None

    def _add(self, head: Token, tokens: list[Token], apart: set[str] = frozenset()) -> str:
        label = label_text(tokens)
        # entity names are shared by many proposals of one article: they do not make two one
        raw = {t.lemma_.lower() for t in tokens if t.is_alpha and t.lemma_.lower() not in STOP_LEMMAS
               and not t.is_stop and t.i not in self.ctx.token_entity and t.ent_type_ not in TIME_ENTITIES}
        lemmas = raw - self.topic_words
        names = {t.lower_ for t in tokens if t.pos_ == "PROPN" and t.i not in self.ctx.token_entity and t.is_alpha
                 and t.ent_type_ not in TIME_ENTITIES}
        # named in it: "our towns" in a quotation is its speaker, but names no one
        entities = {self.ctx.token_entity[t.i] for t in tokens if t.i in self.ctx.token_entity and t.pos_ != "PRON"}
        # "Bolton's resignation": who an act is by or about is concerned by it
        possessors = {k for c in head.children if c.dep_ == "poss" for k in self.ctx.refers_to(c)} \
            if proposal_kind(head) == "act" else set()
        owned = {(owner, label) for owner in self._owners(head)}
        for candidate in self.candidates:
            if candidate.key in apart:
                continue
            if _same_proposal(candidate, lemmas, names, entities) or _same_words(candidate, raw, lemmas, head.lemma_.lower()) \
                    or _spelled_alike(label, candidate.labels):
                candidate.possessors |= possessors
                candidate.owned |= owned
                candidate.heads.add(head.i)
                candidate.tokens.update(t.i for t in tokens)
                candidate.labels.append(label)
                candidate.lemmas |= lemmas
                candidate.raw |= raw
                candidate.entities |= entities
                candidate.last = head.i
                candidate.evidence.append(self.ctx.evidence(head))
                return candidate.key
        key = f"proposal:{_slug(label)}"
        existing = {c.key for c in self.candidates}
        n = 2
        while key in existing:
            key, n = f"proposal:{_slug(label)}-{n}", n + 1
        self.candidates.append(_Candidate(key, label, head.lemma_.lower(), {t.i for t in tokens}, lemmas, names,
                                          entities, {head.i}, [label], head.i, None, [self.ctx.evidence(head)],
                                          possessors, owned, raw))
        return key

    def _owners(self, head: Token) -> list[str]:
        """Whose a phrase says the proposal is: its possessor, a pronoun standing for the subject
        of its verb ("the party announced its plan"), if it is one person, country or body."""
        owners: list[str] = []
        for child in head.children:
            if child.dep_ == "poss":
                owners = self.ctx.refers_to(child)
                if not owners and child.pos_ == "PRON" and head.dep_ == "dobj":
                    owners = self.ctx.subjects(head.head)
        return owners if len(owners) == 1 else []

    # --- status and participants ---------------------------------------------------------------

    def set_status(self, key: str, lemma: str, agents: list[str]) -> None:
        status = statuses().get(lemma)
        if status == "rejected" and not any(self.ctx.entities[a].type in ("Country", "Organization") for a in agents):
            status = None  # a critic cannot reject a proposal; a parliament or a state can
        candidate = self._get(key)
        candidate.verbs.add(lemma)
        if status and (candidate.status is None or STATUS_RANK[status] >= STATUS_RANK[candidate.status]):
            candidate.status = status

    def add_agents(self, key: str, agents: list[str], relation: str | None = None) -> None:
        """Record who acts on a proposal (``relation``: proposes, backs, ...); proposers and
        those committed to it are whose it is."""
        self.agents.setdefault(key, set()).update(agents)
        if relation in ("proposes", "commitsTo"):
            self.proposers.setdefault(key, set()).update(agents)

    def of_selection(self, person: Token, role: Token) -> str:
        """The proposal that a person take a post, named by the words from the person's name to
        the post: "[Ana Ruiz as her pick for deputy]"."""
        tokens = [t for t in self.ctx.doc[person.left_edge.i:role.right_edge.i + 1] if not t.is_punct]
        for candidate in self.candidates:
            if person.i in candidate.heads:
                return candidate.key
        return self._add(person, tokens)

    def head_lemma(self, key: str) -> str:
        """The lemma of the noun (or verb) heading the proposal's first phrase."""
        return self._get(key).head

    def heads_of(self, key: str) -> set[int]:
        """The tokens heading the phrases that name a proposal."""
        return self._get(key).heads

    def concerned(self, key: str) -> list[tuple[str, Token]]:
        """The entities named inside the proposal's phrases (its agents excepted), with a token
        of each for evidence."""
        candidate = self._get(key)
        agents = self.agents.get(key, set())
        out: dict[str, Token] = {}
        for i in sorted(candidate.tokens):
            entity = self.ctx.token_entity.get(i)
            if entity and entity not in agents and entity not in out:
                if self.ctx.entities[entity].type != "Person" or self.ctx.doc[i].pos_ == "PROPN":
                    out[entity] = self.ctx.doc[i]
        head = self.ctx.doc[min(candidate.heads)]
        for entity in sorted((candidate.entities - agents | candidate.possessors) - set(out)):
            out[entity] = head
        return list(out.items())

    def _get(self, key: str) -> _Candidate:
        return next(c for c in self.candidates if c.key == key)

    def proposals(self) -> dict[str, Proposal]:
        out = {}
        for c in self.candidates:
            names = set(c.labels)
            label = self._qualified(c)
            names.add(label)
            # "her candidacy for the post": the owner's name is part of what the phrase says
            names |= {f"{self.ctx.entities[owner].name}'s {text}" for owner, text in c.owned}
            out[c.key] = Proposal(c.key, label, names, c.status, c.evidence)
        return out

    def _qualified(self, candidate: _Candidate) -> str:
        """A label a reader can tell apart: a bare noun ("resignation", "appeal") gets the name of
        whose act it is, its possessor or its one agent: "Ana Ruiz's resignation"."""
        label = candidate.labels[0]
        if len(label.split()) > 1:
            return label
        owners = sorted(candidate.possessors) or sorted(self.proposers.get(candidate.key, ()))
        if len(owners) != 1:
            return label
        return f"{self.ctx.entities[owners[0]].name}'s {label}"


def topic_words(doc) -> frozenset[str]:
    """Words in three or more sentences of the article: what it is about ("war" in a war story),
    too common in it to tell one proposal from another."""
    counts: dict[str, int] = {}
    for sent in doc.sents:
        for lemma in {t.lemma_.lower() for t in sent if t.is_alpha and not t.is_stop}:
            counts[lemma] = counts.get(lemma, 0) + 1
    return frozenset(lemma for lemma, n in counts.items() if n >= 3)


def _same_words(candidate: _Candidate, raw: set[str], lemmas: set[str], head: str) -> bool:
    """Two phrases made only of proposal nouns and the article's topic words are one proposal when,
    but for their heads, they use the same words ("a tariff plan" ... "the new tariff plan" ...
    "the tariff proposal"): nothing else tells them apart."""
    generic = set(gazetteer().proposal_nouns)
    mine, theirs = raw - {head}, candidate.raw - {candidate.head}
    return not lemmas - generic and not candidate.lemmas - generic and bool(mine) and mine == theirs


def _nominalizes(noun: str, verb: str) -> bool:
    """ "declaration" names the act of "declare", "proposal" of "propose", "ban" of "ban"."""
    stem = verb[:-1] if verb.endswith("e") else verb
    return len(stem) >= 3 and noun.startswith(stem)


def _spelled_alike(label: str, labels: list[str]) -> bool:
    """A compound written open, closed or hyphenated ("air strike", "airstrike", "air-strike";
    "cease-fire", "ceasefire") is one word: the labels differ only in their spaces and hyphens."""
    letters = re.sub(r"[^a-z0-9]", "", label.lower())
    return bool(letters) and any(re.sub(r"[^a-z0-9]", "", other.lower()) == letters for other in labels)


def _same_proposal(candidate: _Candidate, lemmas: set[str], names: set[str], entities: set[str]) -> bool:
    """Two phrases name one proposal when they share a distinctive name ("EastMed"), or most of
    their content words, or a content word and an entity ("suspend UK Parliament" / "request to
    suspend Parliament"). Proposal nouns themselves ("plan", "deal") do not count: articles
    discuss several plans."""
    if names & candidate.names:
        return True
    generic = gazetteer().proposal_nouns
    mine = {w for w in lemmas if w not in generic}
    theirs = {w for w in candidate.lemmas if w not in generic}
    shared = mine & theirs
    ratio = len(shared) / (min(len(mine), len(theirs)) or 1)
    if len(shared) >= 2 and ratio >= 0.5:
        return True
    if shared and ratio == 1.0 and min(len(mine), len(theirs)) <= 2:
        return True  # "the impeachment inquiry", "impeachment proceedings": nothing tells them apart
    return len(shared) >= 1 and ratio >= 0.5 and bool(entities & candidate.entities)


def _slug(label: str) -> str:
    words = re.findall(r"[a-z0-9]+", label.lower())
    return "-".join(words[:8]) or "proposal"


