"""Nouns that carry a stance of their own: a proposal noun naming who proposes it ("Johnson's
plans", "the request of the minister", "a French-backed proposal", "the Turkish-Libyan
agreement"), a stance noun ("criticism by X", "support from X for the plan"), and an act done at
someone's request ("the suspension of parliament at the request of the prime minister").
"""

from __future__ import annotations

from spacy.tokens import Token

from .clauses import intention_to_take_a_stance
from .collector import ProposalFacts
from .context import AGENT_TYPES, SELECTION_NOUNS
from .lexicon import cue_verbs
from .phrases import across_a_break, proposal_head, proposal_kind

AGREEMENT_NOUNS = {"agreement", "deal", "treaty", "accord", "pact", "memorandum", "partnership", "alliance",
                   "ceasefire", "truce", "settlement", "compromise"}
PLEDGE_NOUNS = {"pledge", "promise", "commitment", "guarantee"}
HYPHEN_VERBS = {"backed": "backs", "supported": "backs", "funded": "backs", "endorsed": "backs",
                "proposed": "proposes", "drafted": "proposes", "led": "proposes", "brokered": "proposes",
                "sponsored": "proposes", "initiated": "proposes"}
LAWS = {"law", "legislation", "constitution", "rule", "regulation", "treaty", "sanction"}
STANCE_NOUNS = {"criticism": "opposes", "opposition": "opposes", "objection": "opposes", "condemnation": "opposes",
                "rejection": "opposes", "protest": "opposes", "support": "backs", "backing": "backs", "justification": "backs",
                "endorsement": "backs"}  # not "approval": "the need for approval by the regulator" is no backing
# who runs for something: "candidate for", "bid for", "won", "sought"
SOUGHT_BY = {*SELECTION_NOUNS, "run", "bid", "race", "campaign", "contender", "frontrunner", "win", "seek", "secure",
             "clinch", "lose"}
# "at the request of X", "on the advice of X", "at X's urging": X proposes what is done
BEHEST_NOUNS = {"request", "behest", "urging", "suggestion", "invitation", "advice", "instruction", "order",
                "direction", "initiative", "insistence", "command", "recommendation"}


def proposal_noun(rel: ProposalFacts, noun: Token) -> None:
    """Agents a proposal noun names itself: a possessor, "of"/"by", a hyphenated modifier,
    the parties to an agreement, the subject of "X ... with a plan to"."""
    kind = proposal_kind(noun)
    if kind is None or kind == "topic" or _sought(noun) or intention_to_take_a_stance(noun):
        return
    if _one_of(rel, noun):
        return
    ctx = rel.ctx
    lemma = noun.lemma_.lower()
    relation = "commitsTo" if lemma in PLEDGE_NOUNS else "proposes"
    found: list[tuple[str, str, float]] = []
    # "the suspension of the fees by X": the parser often hangs "by X" on the "of" complement
    low_by = [b for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
              if o.dep_ == "pobj" for b in o.children if b.dep_ == "prep" and b.lower_ == "by"]
    for child in [*noun.children, *low_by]:
        if child.dep_ == "poss" and kind == "named":
            # "their agreement": the parties to an agreement are bound by it
            drafted = any(c.lower_ in ("proposed", "draft", "planned", "mooted") for c in noun.children)
            owned = "commitsTo" if lemma in AGREEMENT_NOUNS and not drafted else relation
            owners = rel.agents(ctx.refers_to(child))
            if not owners and child.pos_ == "PRON" and noun.dep_ == "dobj":
                owners = rel.agents(ctx.subjects(noun.head))  # "Chile and Peru announced their agreement"
            found += [(k, owned, 0.75) for k in owners]
        elif child.dep_ == "prep" and (child.lower_ == "by" or child.lower_ == "of" and kind == "named"):
            for obj in (o for o in child.children if o.dep_ == "pobj"):
                keys = rel.agents(ctx.refers_to(obj))
                if child.lower_ == "of":  # "the request of Boris Johnson", not "a plan of the EU's"
                    keys = [k for k in keys if ctx.entities[k].type == "Person"]
                # "a bill by X": X wrote it; "the suspension of the assembly by X": X carried it out
                done = "commitsTo" if kind == "act" and child.lower_ == "by" else relation
                found += [(k, done, 0.7) for k in keys]
        elif child.dep_ == "prep" and child.lower_ == "between" and lemma in AGREEMENT_NOUNS \
                and not _proposed_by_another(noun):
            for obj in child.children:
                found += [(k, "commitsTo", 0.75) for k in rel.agents(ctx.refers_to(obj))]
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else None
    if kind == "named" and verb is not None and verb.pos_ == "VERB" and verb.lemma_ not in cue_verbs() \
            and any(c.dep_ in ("acl", "relcl") for c in noun.children):
        # "Trump is sworn in ... with a plan to negotiate"; not "comply with the request"
        holders = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        found += [(k, relation, 0.6) for c in holders for k in rel.agents(ctx.refers_to(c))]
    found += _hyphenated(rel, noun)
    parties = _parties(rel, noun)
    if lemma in AGREEMENT_NOUNS and len(parties) >= 2:  # "the Turkish-Libyan agreement"
        found += [(k, "commitsTo", 0.7) for k in parties]
    elif len(parties) == 1 and not found and lemma not in LAWS and not any(c.dep_ == "poss" for c in noun.children):
        # "the Turkish military operation" (not "US law"; not "the firm's Polish operation", whose
        # country is where it is)
        found += [(parties[0], relation, 0.6)]
    if not found:
        return
    key = rel.registry.of_phrase(noun)
    if key is None:
        return
    for agent, relation, _ in found:
        rel.registry.add_agents(key, [agent], relation)
    for agent, relation, confidence in found:
        rel.add(agent, relation, key, noun, confidence)


def _one_of(rel: ProposalFacts, noun: Token) -> bool:
    """ "the tunnel, which was one of her election pledges": the plural names no one proposal; the
    thing said to be one of them is the owner's. True when ``noun`` is such a plural."""
    one = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if one is None or one.lower_ != "one" or one.dep_ != "attr" or one.head.lemma_ != "be":
        return False
    copula = one.head
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ == "WDT" and copula.dep_ == "relcl":
        subject = copula.head  # "the tunnel, which was one of ...": the tunnel
    owners = [k for c in noun.children if c.dep_ == "poss" for k in rel.agents(rel.ctx.refers_to(c))]
    head = proposal_head(subject, any_noun=True) if subject is not None else None
    key = rel.registry.of_phrase(head) if head is not None and owners else None
    if key is not None:
        relation = "commitsTo" if noun.lemma_.lower() in PLEDGE_NOUNS else "proposes"
        rel.take_stance(owners, relation, key, noun, 0.6)
    return True


def _sought(noun: Token) -> bool:
    """A nomination or post someone runs for is a prize, not a party's proposal: "a candidate
    for the Democratic nomination", "won the Republican nomination", "his bid for the presidency"."""
    governor = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else \
        noun.head if noun.dep_ == "dobj" else None
    return governor is not None and governor.lemma_.lower() in SOUGHT_BY


def _hyphenated(rel: ProposalFacts, noun: Token) -> list[tuple[str, str, float]]:
    """"French-backed proposal": the word before "-backed" names who backs it."""
    doc = noun.doc
    out = []
    for token in noun.lefts:
        for t in token.subtree:
            relation = HYPHEN_VERBS.get(t.lower_)
            if relation and t.i >= 2 and doc[t.i - 1].text == "-":
                key = rel.ctx.token_entity.get(t.i - 2)
                if key and rel.ctx.entities[key].type in AGENT_TYPES:
                    out.append((key, relation, 0.8))
    return out

def _parties(rel: ProposalFacts, noun: Token) -> list[str]:
    """Countries or organisations modifying an agreement noun: "the Turkish-Libyan deal"."""
    parties = []
    for token in noun.lefts:
        for t in token.subtree:
            key = rel.ctx.token_entity.get(t.i)
            if key and rel.ctx.entities[key].type in ("Country", "Organization") and key not in parties:
                if t.dep_ in ("amod", "compound", "nmod", "npadvmod") or t.head.dep_ in ("amod", "compound"):
                    parties.append(key)
    return parties


def _proposed_by_another(noun: Token) -> bool:
    """"Turkey proposed a ceasefire between Armenia and Azerbaijan": the parties have not agreed."""
    verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else noun.head.head if noun.dep_ == "pobj" else None
    return verb is not None and any(c.relation != "commitsTo" for c in cue_verbs().get(verb.lemma_.lower(), []))


def behest(rel: ProposalFacts, noun: Token) -> bool:
    """"X was done at the request of Y", "on Y's advice", "at the direction of Y": Y proposes X,
    the act the phrase is attached to. True when ``noun`` is such a phrase."""
    prep = noun.head
    if noun.lemma_.lower() not in BEHEST_NOUNS or noun.dep_ != "pobj" or prep.lower_ not in ("at", "on", "upon", "per"):
        return False
    agents = [k for c in noun.children if c.dep_ == "poss" for k in rel.agents(rel.ctx.refers_to(c))]
    agents += [k for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for o in c.children if o.dep_ == "pobj" for k in rel.agents(rel.ctx.refers_to(o))]
    act = prep.head
    if across_a_break(prep, act, quotes=True):
        return True  # 'justified the strike: "At the direction of ...': the parser hung the quote's phrase on the verb
    head = act if act.pos_ in ("VERB", "AUX") else proposal_head(act, any_noun=True) if act.pos_ == "NOUN" else None
    if not agents or head is None:
        return True
    key = rel.registry.of_phrase(head)
    if key is not None:
        rel.registry.add_agents(key, agents, "proposes")
        for agent in agents:
            rel.add(agent, "proposes", key, noun, 0.75)
        # who did it at their request carried it out: "the board closed the port at the mayor's request"
        doers = [k for k in rel.agents(rel.ctx.subjects(act)) if k not in agents] if act.pos_ == "VERB" else []
        rel.take_stance(doers, "commitsTo", key, act, 0.7)
    return True


def stance_noun(rel: ProposalFacts, noun: Token) -> None:
    """"criticism by the Danish finance minister", "support from the council for the plan"."""
    relation = STANCE_NOUNS.get(noun.lemma_.lower())
    if relation is None or noun.pos_ != "NOUN":
        return
    ctx = rel.ctx
    agents, target = [], None
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            agents += rel.agents(ctx.refers_to(child))
        elif child.dep_ == "prep":
            for obj in (o for o in child.children if o.dep_ == "pobj"):
                if child.lower_ in ("by", "from"):
                    agents += rel.agents(ctx.refers_to(obj))
                elif child.lower_ in ("of", "to", "for", "against"):
                    target = obj
    verb = _governing_verb(noun)
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children) or verb is not None and any(
            c.dep_ == "neg" for c in verb.children):
        return  # "saw no justification for it", "did not express support": no stance stated
    if not agents and verb is not None:  # "the mayor sent a letter of support", "Norway expressed its support"
        agents = rel.agents(rel.ctx.subjects(verb))
        if not agents and any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in verb.children):
            speaker = rel.speaker_at(verb)  # "We find justification for it," said the union's head
            agents = rel.agents([speaker]) if speaker is not None else []
    if not agents:
        return
    if target is None:
        key = _proposal_in_sentence(rel, noun)
    else:
        head = proposal_head(target)
        key = rel.registry.of_phrase(head) if head is not None else None
    if key is None:
        return
    for agent in agents:
        rel.add(agent, relation, key, noun, 0.7)


def _proposal_in_sentence(rel: ProposalFacts, token: Token) -> str | None:
    sent = rel.ctx.sent(token)
    keys = {c.key for c in rel.registry.candidates if any(sent.start <= i < sent.end for i in c.tokens)}
    if len(keys) == 1:
        return keys.pop()
    return rel.registry.latest_before(token.i)


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, through "a letter of": "sent a letter of support"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "dobj":
        noun = noun.head.head
    return noun.head if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" else None
