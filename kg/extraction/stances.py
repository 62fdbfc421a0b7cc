"""Stances the text takes towards proposals without a cue verb: "criticism by X" and "support from
X", a speaker's label for a proposal ("called the move a 'smash and grab'"), a critical quotation
about the proposal under discussion (VADER sentiment), and a stated intention in a quotation
("we will change its name").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..core.records import Fact, Quote
from .clauses import is_asserted
from .collector import ProposalFacts
from .context import AGENT_TYPES
from .lexicon import cue_verbs, speech_verbs
from .phrases import proposal_head

CRITICAL_QUOTE = -0.25  # VADER compound score at or below which a quotation is critical
CHARACTERISING_VERBS = {"call", "describe", "brand", "label", "dub", "term"}
POSITIVE = {"proposes", "backs", "commitsTo"}


@cache
def _sentiment():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def critical_quotes(rel: ProposalFacts, quotes: list[Quote]) -> None:
    """A speaker's negative quotation about a proposal opposes it: the proposal the quote
    shares words or entities with. A quotation that names no proposal is not taken to be about
    the one under discussion ("the attacks here today are a reminder..." is grief, not
    opposition), and a proponent's own complaint is not opposition."""
    doc = rel.ctx.doc
    for quote in quotes:
        if rel.ctx.entities[quote.speaker].type not in AGENT_TYPES:
            continue
        if _sentiment().polarity_scores(quote.text)["compound"] > CRITICAL_QUOTE:
            continue
        start = rel.ctx.text.find(quote.text, quote.evidence.start)
        span = doc.char_span(start, start + len(quote.text), alignment_mode="expand") if start >= 0 else None
        if span is None:
            continue
        key = rel.registry.topic_of(span)
        if key is None:
            continue
        positive = {f.subject for f in rel.facts if f.object == key and f.relation in POSITIVE}
        if quote.speaker not in positive:
            rel.facts.append(Fact(quote.speaker, "opposes", key, quote.evidence, round(0.4 * quote.confidence, 3)))


def intention(rel: ProposalFacts, verb: Token, speakers: list[tuple[int, int, str]]) -> None:
    """"We will change Hagia Sophia's name", "I will be naming a new adviser next week": a
    speaker's stated intention, in a quotation, is a proposal of theirs."""
    if verb.pos_ != "VERB" or not rel.ctx.in_quote(verb) or not is_asserted(verb) or _conditional(verb):
        return
    lemma = verb.lemma_.lower()
    if lemma in ("be", "have", "do") or lemma in speech_verbs() or lemma in cue_verbs():
        return
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children):
        return
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("i", "we") or not any(c.dep_ in ("dobj", "prep", "xcomp") for c in verb.children):
        return
    speaker = next((key for start, end, key in speakers if start <= verb.idx < end), None)
    if speaker is None or rel.ctx.entities[speaker].type not in AGENT_TYPES:
        return
    key = rel.registry.of_phrase(verb)
    if key is not None:
        rel.registry.add_agents(key, [speaker])
        rel.add(speaker, "proposes", key, verb, 0.5)


def characterisation(rel: ProposalFacts, verb: Token) -> None:
    """"X called the move a 'smash and grab'", "calling it 'null and void'": a speaker's label
    for a proposal. Unless the label is positive, it is criticism."""
    if verb.lemma_ not in CHARACTERISING_VERBS or verb.pos_ != "VERB" or not is_asserted(verb):
        return
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    labels = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "acomp")]
    if not objects or not labels:
        return
    if objects[0].pos_ == "PRON" and not any(rel.ctx.in_quote(t) for label in labels for t in label.subtree):
        return  # "called it unlikely that ...": no proposal is being labelled
    head = proposal_head(objects[0])
    agents = rel.agents(rel.ctx.subjects(verb))
    key = rel.registry.of_phrase(head) if head is not None and agents else None
    if key is None:
        return
    said = " ".join(t.text for label in labels for t in label.subtree)
    relation = "backs" if _sentiment().polarity_scores(said)["compound"] >= 0.3 else "opposes"
    for agent in agents:
        rel.add(agent, relation, key, verb, 0.6)


def _conditional(verb: Token) -> bool:
    """Inside or governing an "if" clause: a threat or a hypothesis, not an intention."""
    for token in (verb, *verb.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            return True
        if any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children) for c in token.children):
            return True
    return False
