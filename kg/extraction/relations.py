"""Who proposes, backs, opposes, considers, discusses or commits to which proposal.

Read from the dependency parse with the cue lexicon of ``kg/extraction/data/cues.tsv``:

- a cue verb's subject (or passive agent) is the agent, its object, prepositional object or
  clausal complement the proposal: "Erdogan proposed converting Hagia Sophia",
  "Queen Elizabeth agrees to suspend Parliament", "peace negotiations being proposed by Trump";
- a proposal noun names its agent by a possessor, "of"/"by", or a hyphenated modifier:
  "Johnson's plans", "the request of Boris Johnson", "a French-backed proposal",
  "the Turkish-Libyan agreement" (both parties commit);
- "criticism by X", "support from X": X opposes / backs the proposal in question;
- a critical direct quotation (VADER sentiment) about the proposal under discussion opposes it,
  with a low confidence, unless the speaker is one of its proponents.

A negated cue ("did not commit to") or one under a negating verb ("refused to sign") gives no
fact. Hedges lower the confidence ("might propose").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..core.records import Fact, Quote, Role
from .clauses import Modality, Polarity, agents_of, displaced_infinitive, intended_stance, is_asserted, intention_to_take_a_stance, is_passive, read_clause
from .collector import ProposalFacts
from .context import AGENT_TYPES, SELECTION_NOUNS, ArticleContext
from .evaluations import (
    AS_JUDGING_VERBS,
    AS_LABELLING_VERBS,
    EVALUATED_ACTS,
    JUDGING_VERBS,
    evaluated_act,
    judgement,
    quoted_effect,
    quoted_verdict,
)
from .gazetteer import gazetteer
from .lexicon import Cue, cue_verbs, speech_verbs
from .nominals import BEHEST_NOUNS, STANCE_NOUNS, behest, proposal_noun, stance_noun
from .phrases import REPORT_NOUNS, does_what_was_proposed, is_proposal_noun, proposal_head, proposal_kind
from .proposals import ProposalRegistry
from .stances import critical_quotes, intention, negated_conjuncts, own_refusal, purpose, refusal, stance_phrase

ALLOWING = {"allow", "permit"}  # what they back is the act allowed, when someone allows it
AID_CUES = {"support", "back", "fund", "endorse", "arm"}  # backing a country or a person is support
STANCES = {"proposes", "backs", "opposes", "commitsTo"}
PASSING_VERBS = {"pass", "clear"}  # "the bill passed the Senate": the Senate passed it
MODALITY_FACTOR = {Modality.FACT: 1.0, Modality.INTENDED: 0.85, Modality.POSSIBLE: 0.6}
# who must approve a measure has it before them: "the regulator has to approve the deal" (considers)
APPROVING_VERBS = {"approve", "ratify", "authorise", "authorize", "clear", "confirm"}
# what demanding that a stance be taken says of the one demanding it ("must be scrapped": opposes)
DEMANDED = {"opposes": "opposes", "backs": "backs", "commitsTo": "backs", "proposes": "proposes"}
# going to court: the measure it is over is opposed
LEGAL_ACTIONS = {"sue", "petition", "file"}
# instruments one office issues alone: signing one puts it forward, it binds no signatory to another
ISSUED_ALONE = {"decree", "order", "ordinance", "proclamation", "directive", "edict"}
# verbs that put a person forward for a post, and those that do only with a word of choosing
# ("announced Ana Ruiz as his pick"; "named her as ambassador" is an appointment, done)
NOMINATING_VERBS = {"nominate", "propose", "recommend", "suggest"}
CHOOSING_VERBS = {"announce", "pick", "choose", "select", "name", "unveil", "tap"}


class ProposalRelations(ProposalFacts):
    """Collects the proposal facts of one article: cue verbs, proposal nouns, and the stances of
    `kg.extraction.stances`."""

    # --- cue verbs ------------------------------------------------------------------------------

    def cue_verb(self, verb: Token) -> None:
        """A cue verb's stance, read from its clause: asserted, it states the cue's relation;
        refused ("refused to sign"), what refusing it states; negated or conditional, nothing."""
        cues = cue_verbs().get(_prefixed(verb))
        if verb.pos_ == "VERB" and self._passed_through(verb, read_clause(verb)):
            return
        if not cues or verb.pos_ not in ("VERB", "AUX", "ADJ"):
            return
        if verb.lemma_.lower() in ALLOWING and not self._allowed_by_someone(verb):
            return
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in cue_verbs() and not intended_stance(verb):
            return  # "called on Italy to join the project": the joining is what is proposed, not done
        clause = read_clause(verb)
        if clause.modality is Modality.REQUIRED and clause.polarity is Polarity.ASSERTED:
            self._demanded(verb, cues, clause)
            if verb.lemma_.lower() in APPROVING_VERBS:  # "the regulator has to approve the deal": weighing it
                agents = self.agents(self.ctx.subjects(verb))
                for target in (t for cue in cues for t in cue_targets(verb, cue)):
                    self._cue_target(verb, cues[0], "considers", agents, target, 0.7, done=False)
        if clause.modality not in MODALITY_FACTOR or clause.polarity is Polarity.NEGATED:
            return  # "if Spain backs it", "Spain should back it": Spain's stance is not stated
        agents = self.agents(self.ctx.subjects(verb))
        if not agents and is_passive(verb) and (clause.polarity is Polarity.REFUSED or clause.modality in (
                Modality.INTENDED, Modality.REQUIRED)):
            # "X will not be tolerated", "the plan will be adopted" in a quotation: its speaker's policy
            speaker = self.speaker_at(verb)
            agents = self.agents([speaker]) if speaker is not None else []
        done = clause.modality is Modality.FACT  # "would prefer to agree a deal" has not agreed it
        for cue in cues:
            relation = cue.relation if clause.polarity is Polarity.ASSERTED else cue.refused
            if relation is None:
                continue
            if relation in STANCES and clause.modality is Modality.POSSIBLE and clause.polarity is Polarity.ASSERTED:
                relation = "considers"  # "may declare an emergency", "might back it": weighing it, no stance yet
            factor = MODALITY_FACTOR[clause.modality] * (0.9 if self.ctx.in_quote(verb) else 1.0)
            for target in cue_targets(verb, cue):
                if intended_stance(target) or intention_to_take_a_stance(target):
                    # "vowed to fight the bill": the stance is the fact, not a proposal to fight it;
                    # "agreed to support the plan" also commits to the plan
                    if relation == "commitsTo" and target.pos_ in ("VERB", "AUX"):
                        for stance in cue_verbs()[target.lemma_.lower()]:
                            for backed in cue_targets(target, stance) if stance.relation == "backs" else ():
                                self._cue_target(verb, cue, relation, agents, backed, factor, done=done)
                    continue
                if target.dep_ == "ccomp" and _against_negated(relation, target) != relation \
                        and set(self.ctx.subjects(target)) & set(agents):
                    continue  # "announced she would not run again": her plan (stances.own_refusal)
                self._cue_target(verb, cue, _against_negated(relation, target), agents, target, factor, done=done)

    def _allowed_by_someone(self, verb: Token) -> bool:
        """"The government allowed the city to vote" backs the vote; what a thing allows is what it
        makes possible, no one's stance: "the law allows two days for ...", "strong jaws allow
        the fish to ..." (even when a country names the law: "Peruvian law")."""
        heads = agents_of(verb)
        return bool(heads) and not any(is_proposal_noun(h) for h in heads) and bool(self.agents(self.ctx.subjects(verb)))

    def _demanded(self, verb: Token, cues: list[Cue], clause) -> None:
        """Who says a stance must be taken takes it: "she said the levy must be scrapped" and
        "we must scrap the levy" oppose the levy; "it is time to pass the bill" backs it; "the
        country should call for a vote" proposes the vote. The one who says it is the quotation's
        speaker or the subject of the speech verb, never the clause's own subject ("Spain should
        back it" states no stance of Spain)."""
        speaker = self.speaker_at(verb)
        if speaker is None and clause.attribution is not None:
            said_by = self.agents(self.ctx.refers_to(clause.attribution))
            speaker = said_by[0] if said_by else None
        if speaker is None or self.ctx.entities[speaker].type not in AGENT_TYPES:
            return
        for cue in cues:
            relation = DEMANDED.get(cue.relation)
            for target in cue_targets(verb, cue) if relation else ():
                if intended_stance(target) or intention_to_take_a_stance(target):
                    continue
                # what is called for is the proposal ("must call for a ceasefire", "fight for equal pay")
                any_noun = cue.any_object and relation == "proposes"
                if proposal_head(target, any_noun=any_noun, inside=False) is not None:
                    self._cue_target(verb, cue, _against_negated(relation, target), [speaker], target, 0.6, done=False)
                    continue
                # "should accept the outcome": no proposal named, the act demanded is the proposal
                key = self.registry.of_phrase(verb)
                if key is not None:
                    self.take_stance([speaker], "proposes", key, verb, 0.55)
                return

    def _passed_through(self, verb: Token, clause) -> bool:
        """"The bill passed the Senate", "the motion cleared the House": the body in the object
        position is the one that passed it (backs), the proposal is the subject."""
        if verb.lemma_.lower() not in PASSING_VERBS or clause.polarity is not Polarity.ASSERTED \
                or clause.modality not in MODALITY_FACTOR:
            return False
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and is_proposal_noun(c)]
        bodies = [k for c in verb.children if c.dep_ == "dobj" for k in self.ctx.refers_to(c)
                  if self.ctx.entities[k].type == "Organization"]
        if not subjects or not bodies:
            return False
        if clause.modality is Modality.POSSIBLE:
            return True  # "the bill may pass the Senate": a forecast, no one's stance
        for subject in subjects:
            head = proposal_head(subject)
            key = self.registry.of_phrase(head) if head is not None else None
            if key is not None:
                self.take_stance(bodies, "backs", key, verb, 0.75 * MODALITY_FACTOR[clause.modality])
        return True

    def _cue_target(self, verb: Token, cue: Cue, relation: str, agents: list[str], target: Token,
                    factor: float, *, done: bool = True) -> None:
        ctx = self.ctx
        named = [k for k in ctx.refers_to(target) if ctx.entities[k].type in AGENT_TYPES]
        if named and not is_proposal_noun(target):
            if relation == "backs" and verb.lemma_ in AID_CUES:
                for agent in agents:
                    for other in named:
                        if other != agent:
                            self.add(agent, "supports", other, verb, cue.confidence * 0.8)
            return
        # "issued an opinion on the closure": who reports on a proposal does not put it forward
        # what is allowed is the whole clause: "allowed the ban to lapse" does not back the ban
        permitting = verb.lemma_.lower() in ("allow", "permit")
        if permitting and not agents:
            return  # "an emergency, which would allow him to act": a means, nobody's stance to remember
        inside = target.lemma_.lower() not in REPORT_NOUNS and not permitting
        head = proposal_head(target, any_noun=cue.any_object, inside=inside)
        if head is None:  # "doubted her authority [to do as she had planned]", hung on the verb
            head = next((c for c in verb.children if c.dep_ == "advcl" and c.i == target.right_edge.i + 2
                         and does_what_was_proposed(c)), None)
        # the proposal is registered even with no named agent ("Leaders discussed the proposal"),
        # so that a later "it" can find it
        # "McGurk also criticised the decision": the one others have criticised
        prefer = frozenset(f.object for f in self.facts if f.relation == relation and f.subject not in agents)
        key = self.registry.of_phrase(head, prefer) if head is not None else None
        if key is None or not agents:
            return
        self.registry.add_agents(key, agents, relation)
        if relation == cue.relation and done:  # "must be scrapped" is not scrapped yet
            self.registry.set_status(key, verb.lemma_.lower(), agents)
        for agent in agents:
            self.add(agent, relation, key, verb, cue.confidence * factor)
        if relation == "proposes" and verb.lemma_.lower() in LEGAL_ACTIONS:
            self._challenged(verb, head, key, agents, cue.confidence * factor)
        also = _also_implied(verb, relation, head, agents, ctx)
        if also is not None:
            self.take_stance(agents, also, key, verb, cue.confidence * factor * 0.9)
        if relation == "opposes":
            self._demanded_by_refusal(verb, head, key, agents, cue.confidence * factor * 0.8)

    def _demanded_by_refusal(self, verb: Token, head: Token, refused: str, agents: list[str], confidence: float) -> None:
        """Refusing "a budget that does not fund the wall" is demanding that it fund the wall: what
        the negated relative clause leaves out is proposed."""
        for clause in (c for c in head.children if c.dep_ == "relcl" and any(n.dep_ == "neg" for n in c.children)):
            for obj in (o for o in clause.children if o.dep_ == "dobj"):
                # "does not fund [the bridge]": the funding; "does not protect the river": protecting it
                wanted = proposal_head(obj, inside=False) or clause
                key = self.registry.apart_from(wanted, refused)
                if key is not None:
                    self.take_stance(agents, "proposes", key, verb, confidence)

    def _challenged(self, verb: Token, action: Token, action_key: str, agents: list[str], confidence: float) -> None:
        """Who goes to court over a measure opposes it: "sued the city over the ban", "filed a
        lawsuit against the levy", "petitioned the court for a ruling on the curfew"."""
        for prep in [*action.subtree, *(c for c in verb.children if c.dep_ == "prep")]:
            if prep.dep_ != "prep" or prep.lower_ not in ("over", "against", "on") or prep.head.lemma_.lower() in (
                    "court", "behalf") or prep.lower_ == "on" and prep.head.lemma_.lower() not in REPORT_NOUNS:
                continue  # "on" only in "a ruling on X"
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                head = proposal_head(obj)
                key = self.registry.of_phrase(head) if head is not None else None
                if key is not None and key != action_key:
                    self.take_stance(agents, "opposes", key, verb, confidence * 0.9)


def _also_implied(verb: Token, relation: str, head: Token, agents: list[str], ctx: ArticleContext) -> str | None:
    """A second relation the first implies: who signs a decree alone issues it ("proposes");
    who announces their own act ("announced his resignation") is bound to it ("commitsTo")."""
    lemma = verb.lemma_.lower()
    if relation == "commitsTo" and lemma == "sign" and head.lemma_.lower() in ISSUED_ALONE:
        return "proposes"
    if relation == "proposes" and lemma in ("announce", "confirm") and proposal_kind(head) == "act" and any(
            c.dep_ == "poss" and set(ctx.refers_to(c)) & set(agents) for c in head.children):
        return "commitsTo"
    return None


def _prefixed(verb: Token) -> str:
    """The verb's lemma with a prefix the tokenizer split off: "co-sponsored" is "co-sponsor"."""
    doc, i = verb.doc, verb.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_ \
            and doc[i - 2].lower_ in ("co", "re", "pre", "counter"):
        return f"{doc[i - 2].lower_}-{verb.lemma_.lower()}"
    return verb.lemma_.lower()


def cue_targets(verb: Token, cue: Cue) -> list[Token]:
    """The heads of what a cue verb is about: its prepositional object for "call for", "commit
    to"; else its direct object(s), infinitive or gerund complement, or clausal complement (unless
    that clause reports speech or is itself a cue); for a passive, its subject or the noun it
    modifies ("negotiations being proposed by Trump")."""
    targets: list[Token] = []
    if cue.object == "self":  # "sued the state over the ban": the suing is the proposal
        return [verb]
    if verb.lemma_.lower() in JUDGING_VERBS and any(
            c.dep_ in ("oprd", "acomp") or c.dep_ == "ccomp" and _small_clause(c) for c in verb.children):
        return []  # "considered him a flight risk", "considers it to be lawful": a judgement, not a stance
    if cue.prep:
        for child in verb.children:
            if child.dep_ in ("prep", "prt") and child.lower_ == cue.prep:
                targets += [o for o in child.children if o.dep_ in ("pobj", "pcomp")]
                if child.dep_ == "prt":
                    targets += [o for o in verb.children if o.dep_ == "dobj"]
            # "pushed for the ban to be lifted": the parser makes "for" the mark of a clause, or
            # ("called for the city to act") hangs the clause on the verb after "for the city"
            if child.dep_ == "advcl" and cue.prep == "for" and any(m.dep_ == "mark" and m.lower_ == "for" for m in child.children):
                targets.append(child)
            elif child.dep_ == "advcl" and cue.prep == "for" and _for_to_clause(verb, child):
                targets = [t for t in targets if t.i > child.i or t.i < verb.i]
                targets.append(child)
        if cue.prep in ("to", "on") and any(t.dep_ == "prep" and t.lower_ == cue.prep for t in verb.children) \
                or cue.prep == "to":
            # "agreed to postpone", "urged Chile and Peru to sign the accord"
            targets += [c for c in verb.children if c.dep_ == "xcomp"]
        return _with_conjuncts(targets)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
    # "allowed the ban to lapse": the object is the infinitive's subject, what is backed is the clause
    # (not across a quotation mark: 'pledged a donation "to help developers"' is the donation's purpose)
    controlled = any(c.dep_ == "xcomp" and c.lemma_ != "be" and not verb.doc[c.left_edge.i - 1].is_quote
                     for c in verb.children)
    for child in verb.children:
        if child.dep_ == "xcomp" and child.lemma_ == "be":
            continue  # "consider it to be off limits" is a judgement, not a proposal
        if child.dep_ == "dobj" and controlled and not passive:
            continue
        if child.dep_ in ("dobj", "xcomp") and not passive:
            targets.append(child)
        elif child.dep_ == "nsubjpass" and not any(t.dep_ == "nsubjpass" for t in targets):
            targets.append(child)  # a verb has one subject: a second one is a misparse
        elif child.dep_ == "ccomp" and cue.clause and not _reports_or_cues(child, cue) \
                and (cue.relation == "backs" or not states_a_fact(child)):
            targets.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("on", "to") and verb.lemma_ in ("agree", "vote", "decide"):
            targets += [o for o in child.children if o.dep_ in ("pobj", "pcomp")]
        elif child.dep_ == "advcl" and cue.clause and not passive and _after_a_tally(verb, child):
            targets.append(child)  # "voted 66 to 27 to ban it": the count makes the parser hang it apart
    if passive and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        targets.append(verb.head)
    if passive and verb.dep_ == "xcomp" and not any(c.dep_ == "nsubjpass" for c in verb.children):
        # "the merger has to be approved", "the bill needs to be signed": the subject is the governor's
        targets += [c for c in verb.head.children if c.dep_ == "nsubj"]
    if verb.dep_ == "acomp" and verb.tag_ == "VBN" and verb.head.lemma_ == "be":  # "It was co-sponsored by ..."
        targets += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    displaced = displaced_infinitive(verb) if not passive else None
    # "urged her, if she cannot govern, to step down" (its conjuncts are the parser's, not the text's)
    return _with_conjuncts(targets) + ([displaced] if displaced is not None else [])


def _after_a_tally(verb: Token, clause: Token) -> bool:
    """An infinitive right after a count on the verb ("voted 66 to 27 to ban it", "voted 9-0 to
    approve"), which the parser takes for a purpose clause."""
    tally = [c for c in verb.children if c.dep_ in ("npadvmod", "dobj", "advmod") and verb.i < c.i < clause.i
             and any(t.like_num for t in c.subtree)]
    return bool(tally) and clause.left_edge.i == tally[-1].right_edge.i + 1 and clause.left_edge.lower_ == "to" \
        and not any(c.dep_ == "mark" for c in clause.children)


def _small_clause(clause: Token) -> bool:
    """A clause that only says what its subject is: "[it to be lawful]", or verbless "[the levy a
    burden]", "[the plan unworkable]", which the parser hangs as a clausal complement."""
    return any(g.dep_ == "nsubj" for g in clause.children) and (
        clause.lemma_ == "be" or clause.pos_ in ("NOUN", "PROPN", "ADJ"))


MODALS = {"will", "wo", "'ll", "shall", "would", "'d", "should", "must", "could", "may", "might", "can", "ca"}


def states_a_fact(clause: Token) -> bool:
    """The clause says what is or was, in the indicative ("insisted [she was never pressured]",
    "announced [profits rose]"), not what should, will or may be: a subjunctive ("insisted [the
    budget include the funds]"), a modal ("announced [troops would leave]"), an infinitive or a
    progressive future ("announced [it is closing the mine]") is what someone proposes."""
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in MODALS or a.lower_ == "to" for a in auxes):
        return False
    if clause.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if clause.tag_ == "VBP" and not auxes and subject is not None and (
            subject.tag_ in ("NN", "NNP") or subject.lower_ in ("he", "she", "it")):
        return False  # a subjunctive: "insists that the city include it" (not "includes")
    return clause.tag_ in ("VBD", "VBZ", "VBP", "VBN")


def _reports_or_cues(clause: Token, cue: Cue) -> bool:
    """A clause that reports speech or carries its own cue is not the proposal; nor is a copula,
    except after "reaffirmed that X is open to ...", which backs the proposition itself."""
    lemma = clause.lemma_.lower()
    if lemma == "be":
        return cue.relation != "backs"
    return lemma in speech_verbs() or lemma in cue_verbs()


def _for_to_clause(verb: Token, clause: Token) -> bool:
    """ "called for [the city] to act": an infinitive right after the object of "for", whose
    subject that object is (not a purpose: "committed to the pact [to secure peace]")."""
    opening = clause.left_edge
    before = verb.doc[opening.i - 1] if opening.i > 0 else None
    return opening.lower_ == "to" and opening.dep_ == "aux" and before is not None and any(
        p.dep_ == "prep" and p.lower_ == "for" and p.right_edge.i == before.i for p in verb.children)


# "urged the states not to delay the vote", "pledged never to raise the tax": what is put forward
# is that it not happen, a stance against it
TURNED_BY_NEGATION = {"proposes", "backs", "commitsTo"}


def _against_negated(relation: str, target: Token) -> str:
    negated = target.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in target.children)
    return "opposes" if negated and relation in TURNED_BY_NEGATION else relation


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out = []
    # "the strike, which the minister approved": the relative pronoun stands for "the strike"
    tokens = [t.head.head if t.lower_ in ("which", "that") and t.head.dep_ == "relcl" else t for t in tokens]
    for token in tokens:
        for t in (token, *token.conjuncts):
            if t not in out and (t.pos_ in ("NOUN", "PROPN", "PRON", "VERB", "AUX", "NUM") or t.dep_ == "xcomp"):
                out.append(t)
    return out


@cache
def _triggers() -> frozenset[str]:
    """Lemmas that can start a proposal fact: cue verbs, proposal and stance nouns."""
    gaz = gazetteer()
    return frozenset({*cue_verbs(), *gaz.proposal_nouns, *STANCE_NOUNS, *BEHEST_NOUNS, *JUDGING_VERBS, *EVALUATED_ACTS,
                      *PASSING_VERBS, *AS_LABELLING_VERBS, *AS_JUDGING_VERBS, "be"})


def proposal_facts(ctx: ArticleContext, registry: ProposalRegistry, quotes: list[Quote],
                   roles: list[Role] = ()) -> list[Fact]:
    """All proposal facts of an article, and the proposals' ``concerns``, in text order."""
    relations = ProposalRelations(ctx, registry)
    speakers = relations.speakers = [(q.evidence.start, q.evidence.end, q.speaker) for q in quotes]
    triggers = _triggers()
    for token in ctx.tokens:  # one pass in text order, so that "the move" finds what came before
        if token.pos_ == "VERB":
            intention(relations, token, speakers)
            refusal(relations, token)
            selection(relations, token)
            transfer(relations, token)
            own_refusal(relations, token)
            quoted_effect(relations, token, speakers)
            joined_in(relations, token)
            purpose(relations, token)
        stance_phrase(relations, token)
        if token.lemma_.lower() not in triggers:
            continue  # most words start nothing: skip them cheaply
        relations.cue_verb(token)
        judgement(relations, token)
        quoted_verdict(relations, token, speakers)
        evaluated_act(relations, token)
        if not behest(relations, token):
            proposal_noun(relations, token)
        stance_noun(relations, token)
    negated_conjuncts(relations)
    critical_quotes(relations, quotes)
    used = {f.object for f in relations.facts if f.object.startswith("proposal:")}
    for key in sorted(used):
        concerned = registry.concerned(key)
        for entity, token in concerned:
            relations.add(key, "concerns", entity, token, 0.7)
        home = _home_country(ctx, registry.proposers.get(key, set()), roles)
        places = {e for e, _ in concerned if ctx.entities[e].type in ("Country", "Place")}
        law = registry.head_lemma(key) in LEGISLATIVE_NOUNS
        if home is not None and home not in places and (not places or law):
            # "the prime minister of Chile signed a decree banning X": a measure of a country's
            # own government, naming no other place, is about that country; its laws are, whatever
            # other place they name ("the Hong Kong government proposed a law on extradition to China")
            token = ctx.doc[min(registry.heads_of(key))]
            relations.add(key, "concerns", home, token, 0.5)
    return relations.facts


def selection(rel: ProposalRelations, verb: Token) -> None:
    """"nominated Ana Ruiz as ambassador", "unveiled Tom Reed as her pick for deputy":
    the subject proposes that the person take the post."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in NOMINATING_VERBS | CHOOSING_VERBS:
        return
    clause = read_clause(verb)
    if clause.polarity is not Polarity.ASSERTED or clause.modality not in MODALITY_FACTOR:
        return
    people = [c for c in verb.children if c.dep_ == "dobj" and any(
        rel.ctx.entities[k].type == "Person" for k in rel.ctx.refers_to(c)) and c.pos_ == "PROPN"]
    posts = [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children if o.dep_ == "pobj"]
    if not people or not posts:
        return
    post = posts[0]
    if lemma in CHOOSING_VERBS and post.lemma_.lower() not in SELECTION_NOUNS | {"mate"}:  # running mate
        return
    agents = [k for k in rel.agents(rel.ctx.subjects(verb)) if k not in rel.ctx.refers_to(people[0])]
    if not agents:
        return
    key = rel.registry.of_selection(people[0], post)
    rel.take_stance(agents, "proposes", key, verb, 0.75 * MODALITY_FACTOR[clause.modality])


LEGAL_ACTION_NOUNS = {"lawsuit", "suit", "action", "case", "petition", "challenge", "complaint", "appeal"}


def joined_in(rel: ProposalRelations, verb: Token) -> None:
    """"X is joined in the lawsuit by Y": both take part in it; a legal action is proposed by
    whoever brings it, anything else ("joined in the boycott") committed to."""
    if verb.lemma_.lower() != "join" or not is_passive(verb) or not is_asserted(verb):
        return
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "on")):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            head = proposal_head(obj, inside=False)
            if head is None:
                continue
            by = [o for t in (verb, obj) for c in t.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"
                  for o in c.children if o.dep_ == "pobj"]
            parties = rel.agents([k for t in [*(c for c in verb.children if c.dep_ == "nsubjpass"), *by]
                                  for k in rel.ctx.refers_to(t)])
            key = rel.registry.of_phrase(head) if parties else None
            if key is not None:
                relation = "proposes" if obj.lemma_.lower() in LEGAL_ACTION_NOUNS else "commitsTo"
                rel.take_stance(parties, relation, key, verb, 0.7)


# buying or selling a company: a deal its parties are bound to ("X acquired Y", "X sold Y to Z")
TRANSFER_VERBS = {"acquire", "buy", "purchase", "sell", "take"}
TRANSFER_STANCE = {Modality.FACT: "commitsTo", Modality.INTENDED: "proposes", Modality.POSSIBLE: "considers"}


def transfer(rel: ProposalRelations, verb: Token) -> None:
    """"HDT acquired the arms maker Hirtenberger", "Tesco will sell its stores to Salling",
    "Salling took over the chain": a deal over a company (an organisation named in the object, or
    the company's own operation, chain, stake, ...), its buyer and seller bound to it (proposing
    it when they only plan it). Buying goods is no deal: "bought two masks"."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in TRANSFER_VERBS or (
            lemma == "take" and not any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)):
        return
    clause = read_clause(verb)
    relation = TRANSFER_STANCE.get(clause.modality)
    if clause.polarity is not Polarity.ASSERTED or relation is None or is_passive(verb):
        return
    ctx = rel.ctx
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    company = any(ctx.entities[k].type == "Organization" for o in objects for k in ctx.refers_to(o))
    business = any(o.lemma_.lower() in BUSINESS_NOUNS and any(c.dep_ == "poss" for c in o.children) for o in objects)
    if not company and not business:
        return  # the object is a company, or a company's business ("its Polish operation")
    agents = rel.agents(ctx.subjects(verb))
    if not company and not any(ctx.entities[k].type == "Organization" for k in agents):
        return  # "she sold her shares": a person's trade, no deal between companies
    counterparts = [k for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "from")
                    for o in c.children if o.dep_ == "pobj" for k in ctx.refers_to(o)
                    if ctx.entities[k].type in AGENT_TYPES]
    key = rel.registry.of_phrase(verb) if agents else None
    if key is not None:
        rel.take_stance([*agents, *counterparts], relation, key, verb, 0.7)


BUSINESS_NOUNS = {"operation", "operations", "branch", "subsidiary", "unit", "division", "business", "arm", "chain",
                  "stake", "share", "shares", "assets", "stores", "plant", "factory", "brand"}


LEGISLATIVE_NOUNS = {"law", "bill", "amendment", "legislation", "act", "decree", "regulation", "ordinance",
                     "constitution", "statute"}


def _home_country(ctx: ArticleContext, proposers: set[str], roles: list[Role]) -> str | None:
    """The one country (or region) whose government the proposers are: the country itself, the place
    a "Government of X" governs, or the country of a national office one of them holds."""
    countries = {k for k in proposers if ctx.entities[k].type == "Country"}
    governed = {ctx.entities[k].name.removeprefix("Government of ").removeprefix("the ") for k in proposers
                if ctx.entities[k].type == "Organization" and ctx.entities[k].name.startswith("Government of ")}
    countries |= {k for k, e in ctx.entities.items() if e.type in ("Country", "Place") and e.name in governed}
    countries |= {r.of for r in roles if r.person in proposers and r.of and ctx.entities[r.of].type == "Country"}
    return countries.pop() if len(countries) == 1 else None
