"""Stances the text takes towards proposals without a cue verb: "criticism by X" and "support from
X", a stance said by a phrase ("is against X", "voted in favour of X", "is opposed to X", "a
critic of X"), a speaker's label for a proposal ("called the move a 'smash and grab'"), a critical quotation
about the proposal under discussion (VADER sentiment), and a stated intention in a quotation
("we will change its name").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..core.records import Fact, Quote
from .clauses import FUTURE_AUX, REFUSING_VERBS, UNWILLING_ADJECTIVES, WILLING_ADJECTIVES, Modality, Polarity, is_asserted, read_clause, time_to
from .collector import ProposalFacts
from .context import AGENT_TYPES
from .lexicon import cue_verbs, speech_verbs
from .phrases import proposal_head

CRITICAL_QUOTE = -0.25  # VADER compound score at or below which a quotation is critical
POSITIVE = {"proposes", "backs", "commitsTo"}
# nouns for who holds a stance on something: "a critic of the deal", "a supporter of the plan"
HOLDER_NOUNS = {"critic": "opposes", "opponent": "opposes", "supporter": "backs", "proponent": "backs",
                "advocate": "backs", "backer": "backs", "champion": "backs"}


@cache
def _sentiment():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def critical_quotes(rel: ProposalFacts, quotes: list[Quote]) -> None:
    """A speaker's negative quotation about a proposal opposes it: the proposal the quote
    shares words or entities with. A quotation that names no proposal is not taken to be about
    the one under discussion ("the shelling of our towns is a cruel reminder" is grief, not
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
        engaged = {f.subject for f in rel.facts if f.object == key and f.relation in POSITIVE | {"considers"}}
        if quote.speaker not in engaged:  # "I may well do it [a harsh measure]": weighing it, not against it
            rel.facts.append(Fact(quote.speaker, "opposes", key, quote.evidence, round(0.4 * quote.confidence, 3)))


# verbs too general to make what someone will do a proposal ("we will go", "it may help")
LIGHT_VERBS = {"be", "have", "do", "go", "come", "get", "make", "take", "see", "know", "think", "remain", "stay",
               "continue", "keep", "try", "need", "want", "like", "happen", "become", "seem", "look", "work",
               "help", "win", "lose", "live", "die", "feel", "let", "give", "put", "find", "hear", "wait", "meet",
               "change", "start", "begin", "end", "use", "mean", "say", "tell", "talk", "speak", "ask", "hope",
               "express", "thank", "extend", "send", "remember", "pray"}  # condolences and thanks are no plans
PURPOSE_MODALS = {"could", "would", "can", "will", "might", "may"}  # "so (that) she could ..."
STATED = {Modality.INTENDED: ("proposes", 0.6), Modality.POSSIBLE: ("considers", 0.5),
          Modality.REQUIRED: ("proposes", 0.55)}


def intention(rel: ProposalFacts, verb: Token, speakers: list[tuple[int, int, str]]) -> None:
    """What someone says will, may or must be done is a proposal of theirs: "we will close the
    mine" in their quotation, "she said she would resign", "he said he may call an election"
    (considers), "the minister said the law must be changed" (a demand). The one who says it is
    the quotation's speaker or the subject of the speech verb; for an intention or a possibility
    the clause must be about themselves ("I", "we", or a pronoun standing for them)."""
    # "get the bridge finished": what is to be done is the participle, whatever "get" is
    causative = verb.lemma_.lower() == "get" and any(
        c.dep_ in ("ccomp", "xcomp", "oprd") and c.tag_ == "VBN" for c in verb.children)
    # "it is time to give the public a say": a call to act names what is to be done, light verb or not
    called = time_to(verb) is not None and any(c.dep_ == "dobj" for c in verb.children)
    if verb.pos_ != "VERB" or verb.lemma_.lower() in LIGHT_VERBS and not (causative or called) or _is_cue(verb):
        return  # a cue verb states its own stance ("said she would veto the levy" opposes it)
    if verb.lemma_.lower() in speech_verbs() and any(c.dep_ in ("ccomp", "oprd") for c in verb.children) \
            and not any(c.dep_ == "auxpass" for c in verb.children):
        return  # it reports speech ("will say that ..."); "will call a referendum" is a plan, and
        # "parliament must be recalled" no speech
    if verb.dep_ in ("relcl", "acl", "advcl", "amod", "pcomp", "csubj") and time_to(verb) is None:
        return  # "the role companies should play": a description, not a statement of intent
    clause = read_clause(verb)
    stated = STATED.get(clause.modality)
    if stated is None or clause.polarity is not Polarity.ASSERTED or _conditional(verb):
        return
    if not any(c.dep_ in ("dobj", "prep", "xcomp", "prt", "nsubjpass", "ccomp") for c in verb.children):
        return  # "we will win": an outcome, not a plan
    ctx = rel.ctx
    if ctx.in_quote(verb):
        speaker = next((key for start, end, key in speakers if start <= verb.idx < end), None)
        own = any(a.norm_ in ("i", "we") for a in clause.agents)  # "[W]e" too
    elif clause.attribution is not None:
        said_by = rel.agents(ctx.refers_to(clause.attribution))
        speaker = said_by[0] if said_by else None
        own = speaker is not None and any(speaker in ctx.refers_to(a) for a in clause.agents)
    else:
        return
    if speaker is None or ctx.entities[speaker].type not in AGENT_TYPES:
        return
    if clause.modality is not Modality.REQUIRED and not own:
        return  # "she said the army would leave" reports a plan, whose we do not know
    key = rel.registry.of_phrase(verb)
    if key is not None:
        relation, confidence = stated
        rel.registry.add_agents(key, [speaker], relation)
        rel.add(speaker, relation, key, verb, confidence)
        if clause.modality is Modality.REQUIRED and own:  # "we must finish the bridge": bound to it too
            rel.add(speaker, "commitsTo", key, verb, confidence * 0.8)


def stance_phrase(rel: ProposalFacts, token: Token) -> None:
    """A stance said by a phrase rather than a cue verb: "Spain is against the merger", "voted in
    favour of the bill", "is opposed to the tax", "Ana Ruiz, a critic of the deal," or "is a
    supporter of the plan". Negated ("is not against it") or conditional, it says nothing."""
    relation, target, holder = _stance_phrase(token)
    if relation is None or target is None or holder is None:
        return
    verb = holder if holder.pos_ in ("VERB", "AUX") else None
    if verb is not None:
        clause = read_clause(verb)
        if not clause.asserted or clause.modality is Modality.POSSIBLE:
            return
        agents = rel.agents(rel.ctx.subjects(verb) if verb is not token else [
            k for c in verb.children if c.dep_ == "nsubjpass" for k in rel.ctx.refers_to(c)])  # "is opposed to"
    else:
        agents = rel.agents(rel.ctx.refers_to(holder))
    head = proposal_head(target)
    key = rel.registry.of_phrase(head) if head is not None and agents else None
    if key is not None:
        rel.take_stance(agents, relation, key, token, 0.7)


def _stance_phrase(token: Token) -> tuple[str | None, Token | None, Token | None]:
    """(relation, what it is about, the verb whose subject holds it or the name it describes)."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower == "against" and token.dep_ == "prep" and token.head.lemma_ in ("be", "come", "stand"):
        return "opposes", _object(token), token.head  # "is against", "came out against"
    if lemma in ("favour", "favor") and token.dep_ == "pobj" and token.head.lower_ == "in" \
            and token.head.head.pos_ in ("VERB", "AUX"):
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return "backs", _object(of) if of is not None else None, token.head.head  # "voted in favour of"
    if lemma == "oppose" and token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children):
        to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if to is not None:  # "is opposed to": the subject holds the stance, it is not opposed
            return "opposes", _object(to), token
    relation = HOLDER_NOUNS.get(lemma)
    if relation is not None and token.pos_ == "NOUN":
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = _object(of) if of is not None else None
        if token.dep_ == "attr" and token.head.lemma_ == "be":
            return relation, target, token.head  # "she is a critic of the deal"
        if token.dep_ == "appos":
            return relation, target, token.head  # "Ana Ruiz, a critic of the deal,"
    return None, None, None


def _object(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def refusal(rel: ProposalFacts, verb: Token) -> None:
    """Refusing to do what was asked is opposing it: "the ministers refused to hand over the
    files" opposes handing them over ("refused to sign" is read from the cue itself)."""
    if verb.pos_ != "VERB" or verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in (
            REFUSING_VERBS | WILLING_ADJECTIVES | UNWILLING_ADJECTIVES):
        return
    lemma = verb.lemma_.lower()
    if lemma in LIGHT_VERBS or lemma in speech_verbs() or _is_cue(verb) or not any(
            c.dep_ in ("dobj", "prt", "prep", "xcomp") for c in verb.children):
        return  # "refused to comment", "declined to say": no proposal
    clause = read_clause(verb)
    agents = rel.agents(rel.ctx.subjects(verb))
    if clause.polarity is not Polarity.REFUSED or not agents:
        return
    key = rel.registry.of_phrase(verb)
    if key is not None:
        rel.take_stance(agents, "opposes", key, verb, 0.6)


def purpose(rel: ProposalFacts, verb: Token) -> None:
    """What a proposal is for is proposed with it: "declared a curfew so she could clear the
    streets", "raised the levy so that it could pay for the bridge", "proposed a levy in order to pay
    for the bridge". Only the proposer's own purpose: "so the rivers stay clean" says no plan."""
    if verb.dep_ not in ("advcl", "ccomp", "acl") or verb.pos_ != "VERB" or verb.lemma_.lower() in ("be", "have") \
            or _is_cue(verb) or not any(c.dep_ in ("dobj", "xcomp") or c.dep_ == "prep" and c.lower_ != "to"
                                        for c in verb.children):
        return  # "so she could go": no aim to name
    if verb.dep_ in ("advcl", "ccomp") and any(c.dep_ == "mark" and c.lower_ == "so" for c in verb.children) \
            and any(c.dep_ == "aux" and c.lower_ in PURPOSE_MODALS for c in verb.children):
        act, own = verb.head, set(rel.ctx.subjects(verb))
    elif verb.dep_ == "acl" and verb.head.lower_ == "order" and verb.head.head.lower_ == "in":
        act, own = verb.head.head.head, None  # "in order to": the act's own subject does it
    else:
        return
    cues = cue_verbs().get(act.lemma_.lower(), []) if _is_cue(act) else []
    if not any(c.relation in ("proposes", "commitsTo") for c in cues) or read_clause(act).polarity is not Polarity.ASSERTED:
        return
    agents = [k for k in rel.agents(rel.ctx.subjects(act)) if own is None or k in own]
    key = rel.registry.of_phrase(verb) if agents else None
    if key is not None:
        rel.take_stance(agents, "proposes", key, verb, 0.55)


def _is_cue(verb: Token) -> bool:
    """The verb is a cue here: one of its cues needs no preposition, or its preposition follows
    ("call for a vote" is a cue, "call a vote" is not)."""
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt")}
    return any(cue.prep is None or cue.prep in preps for cue in cue_verbs().get(verb.lemma_.lower(), ()))


def _conditional(verb: Token) -> bool:
    """Inside or governing an "if" clause: a threat or a hypothesis, not an intention."""
    for token in (verb, *verb.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            return True
        if any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children) for c in token.children):
            return True
    return False


def negated_conjuncts(rel: ProposalFacts) -> None:
    """What a proposal says will not be done is opposed by who puts it forward: "promised to cut
    fares and not raise fees" opposes raising fees (the proposal's label leaves that part out)."""
    positive = [f for f in rel.facts if f.relation in ("proposes", "commitsTo") and f.object.startswith("proposal:")]
    for key in dict.fromkeys(f.object for f in positive):
        agents = list(dict.fromkeys(f.subject for f in positive if f.object == key))
        for head in (rel.ctx.doc[i] for i in sorted(rel.registry.heads_of(key))):
            for verb in head.subtree:
                if verb.dep_ != "conj" or verb.pos_ != "VERB" or not any(c.dep_ == "neg" for c in verb.children) \
                        or verb.head.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                    continue
                # what is not to be done ("not raise the levy"), or what is not sought ("not
                # seek an extension", "not sign the treaty": refusing what a cue of support takes)
                objects = [c for c in verb.children if c.dep_ == "dobj"]
                if _is_cue(verb):
                    if any(c.relation not in POSITIVE for c in cue_verbs()[verb.lemma_.lower()]):
                        continue  # "and not block the bill" states no stance
                    named = proposal_head(objects[0], inside=False) if objects else None
                    if named is None:
                        continue
                else:
                    named = verb
                other = rel.registry.of_phrase(named)
                if other is not None and other != key:
                    rel.take_stance(agents, "opposes", other, verb, 0.55)


HEARERS = {"me", "us", "you"}  # the one spoken to, in a narrated conversation


def own_refusal(rel: ProposalFacts, verb: Token) -> None:
    """Saying one will not do something oneself is a plan of one's own: "she announced she will not
    seek re-election", "he said he would not run again" propose not doing it (the label keeps the
    "not"). Not when refusing states a stance ("will not sign the treaty" opposes the treaty)."""
    if verb.pos_ != "VERB" or verb.dep_ != "ccomp" or verb.lemma_.lower() in LIGHT_VERBS:
        return
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return  # "I can't promise we will stay": what one cannot do is no plan
    if any(c.dep_ in ("dobj", "dative") and c.norm_ in HEARERS for c in verb.children):
        return  # "he told me he would not hurt me": a promise to the one spoken to, not a plan
    cues = cue_verbs().get(verb.lemma_.lower(), ())
    if _is_cue(verb) and any(c.refused is not None for c in cues):
        return  # "will not sign it": a refusal, opposes what is not signed
    clause = read_clause(verb)
    if clause.polarity is not Polarity.REFUSED or clause.modality is Modality.CONDITIONAL:
        return
    said = verb.head
    if said.lemma_.lower() not in speech_verbs() | {"announce", "declare", "confirm", "decide"} or not is_asserted(said):
        return
    speakers = rel.agents(rel.ctx.subjects(said))
    own = [k for a in clause.agents for k in rel.ctx.refers_to(a)]
    if not speakers or speakers[0] not in own:
        return  # "she said he will not run": someone else's plan, not hers
    key = rel.registry.of_refusal(verb)
    if key is not None:
        rel.take_stance(speakers[:1], "proposes", key, verb, 0.6)

