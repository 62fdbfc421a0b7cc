"""Verdicts on proposals: who calls a proposal lawful, necessary, a mistake or unconstitutional.

A verdict is an evaluative word said of a proposal by someone who judges it:

- a judging verb with a small clause: "the court ruled the curfew unlawful", "found the levy
  justified", "finding it to be unlawful", "called the move a disaster";
- a judging or speech verb with a clause: "ruled that the curfew was unlawful", "said the ban is
  a sensible step";
- a quotation's own statement: "The ban is necessary," the minister said.

The word's polarity comes from ``data/evaluations.tsv`` (legal and normative words, which
sentiment lexicons do not score: "unlawful", "necessary", "invalid"). Only labels given with
"call", "describe", "brand" are also scored by VADER: they are criticism unless positive, as a
label in quotation marks is rarely praise. Elsewhere sentiment misreads verdicts too often ("a big
win for our enemies" is no praise).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from spacy.tokens import Token

from .clauses import is_asserted
from .collector import ProposalFacts
from .lexicon import speech_verbs
from .phrases import proposal_head, quoted_label

# what says a measure may come, not whether it is good: its speaker is weighing it
LIKELIHOOD_WORDS = {"inevitable", "likely", "possible", "unavoidable", "probable", "imminent", "option"}
LABELLING_VERBS = {"call", "describe", "brand", "label", "dub", "term"}
JUDGING_VERBS = {"find", "rule", "declare", "deem", "consider", "judge", "hold", "think", "believe", "argue",
                 "conclude", "say", *LABELLING_VERBS}
SMALL_CLAUSE = ("oprd", "xcomp", "acomp", "ccomp", "advmod")
# "X as Y": a label ("described the levy as reckless", "referred to it as a stunt") or a judgement
# ("regards the levy as necessary")
AS_LABELLING_VERBS = {"describe", "refer", "brand", "label", "characterise", "characterize", "dub", "term"}
AS_JUDGING_VERBS = {"regard", "view", "see", "consider", "judge"}
SENTIMENT_THRESHOLD = 0.3
# heads of a label that says what kind of thing something is, not how good it is
DESCRIPTIVE_LABELS = {"matter", "issue", "question", "case", "part", "form", "kind", "type", "sort", "way", "example",
                      "means", "tool", "response", "reaction", "answer", "measure", "step", "instrument"}
QUANTIFIERS = {"every", "any", "all", "each", "no", "some", "many", "most"}


@cache
def verdict_words() -> dict[str, str]:
    """Evaluative words and the stance they express: ``backs`` or ``opposes``."""
    text = files("kg.extraction").joinpath("data", "evaluations.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {word: stance for word, stance in rows[1:]}


@cache
def _sentiment():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def stance_of_words(tokens: list[Token], *, labelling: bool = False) -> str | None:
    """``backs``, ``opposes`` or None for what the words say of something (a label given with
    "call" is also scored by sentiment)."""
    words = verdict_words()
    found = {words[t.lemma_.lower()] for t in tokens if t.lemma_.lower() in words}
    found |= {words[t.lower_] for t in tokens if t.lower_ in words}
    negated = any(t.dep_ == "neg" or t.lower_ in ("not", "n't", "never") for t in tokens)
    if len(found) == 1:
        stance = found.pop()
    elif not labelling:
        return None
    else:
        score = _sentiment().polarity_scores(" ".join(t.text for t in tokens))["compound"]
        if score >= SENTIMENT_THRESHOLD:
            stance = "backs"
        elif score <= -SENTIMENT_THRESHOLD or not any(t.lemma_.lower() in DESCRIPTIVE_LABELS for t in tokens):
            stance = "opposes"
        else:
            return None  # "called it "a question of health"": what kind of thing it is, no verdict
    if negated:  # "not lawful", "was not necessary"
        return "opposes" if stance == "backs" else "backs"
    return stance


def _predicate_words(token: Token) -> list[Token]:
    """The evaluative part of a predicate: an adjective with its conjuncts, or a noun with its
    modifiers ("a sensible and necessary step", "a non-starter"); not what its prepositions
    govern ("oppressive of the rights of others" is no verdict of "right")."""
    heads = [c for c in token.children if c.dep_ in ("acomp", "attr", "neg")] if token.lemma_ == "be" else [token]
    out: list[Token] = []
    for head in heads:
        for word in (head, *head.conjuncts):
            out += [word, *(c for c in word.children if c.dep_ in ("amod", "advmod", "neg", "compound"))]
    return out


def judgement(rel: ProposalFacts, verb: Token) -> None:
    """A judging verb's verdict on a proposal (see the module docstring)."""
    lemma = verb.lemma_.lower()
    if lemma in AS_LABELLING_VERBS | AS_JUDGING_VERBS and verb.pos_ == "VERB" and is_asserted(verb):
        _labelled_as(rel, verb, lemma in AS_LABELLING_VERBS)
    if lemma not in JUDGING_VERBS or verb.pos_ != "VERB" or not is_asserted(verb):
        return
    agents = rel.agents(rel.ctx.subjects(verb))
    if not agents:
        return
    objects = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod")]
    complements = [c for c in verb.children if c.dep_ in SMALL_CLAUSE]
    if lemma in LABELLING_VERBS and not complements:  # "called the plan "reckless"", parsed as its modifier
        labels = [(o, label) for o in objects if (label := quoted_label(o)) is not None]
        for theme, label in labels[:1]:
            _add_verdict(rel, agents, theme, stance_of_words(_predicate_words(label), labelling=True), verb)
    for complement in complements:
        if complement.dep_ in ("ccomp", "xcomp") and complement.pos_ in ("VERB", "AUX"):
            subjects = [c for c in complement.children if c.dep_ in ("nsubj", "nsubjpass")]
            participle = complement.tag_ in ("VBN", "VBD") and complement.lower_ in verdict_words()
            if complement.lemma_ != "be" and not (participle and subjects):
                continue  # "said [the army would leave]": no verdict; "found [it justified]" is one
            theme = subjects[0] if subjects else objects[0] if objects else None
        else:  # a small clause, sometimes parsed with its subject inside: "found [the quota lawful]"
            inner = [c for c in complement.children if c.dep_ in ("nsubj", "compound") and c.pos_ == "NOUN"]
            theme = objects[0] if objects else inner[0] if inner else None
        if theme is None or (lemma == "say" and complement.lemma_ != "be"):
            continue
        words = _predicate_words(complement)
        stance = stance_of_words(words, labelling=lemma in LABELLING_VERBS)
        if stance is None and any(w.lower_ in LIKELIHOOD_WORDS for w in words) and not any(
                w.dep_ == "neg" for w in words):
            stance = "considers"  # "said a curfew could be inevitable": weighing it, for or against unsaid
        _add_verdict(rel, agents, theme, stance, verb)


def _labelled_as(rel: ProposalFacts, verb: Token, labelling: bool) -> None:
    """ "described the levy as reckless", "the ruling, which she referred to as a stunt",
    "regards the plan as necessary": the words after "as" judge the object (for a relative
    clause, the noun it describes)."""
    as_phrase = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    label = next((c for c in as_phrase.children if c.dep_ in ("pobj", "amod", "acomp")), None) if as_phrase else None
    agents = rel.agents(rel.ctx.subjects(verb))
    if label is None or not agents:
        return
    themes = [c for c in verb.children if c.dep_ == "dobj"]
    themes += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children if o.dep_ == "pobj"]
    themes += [c for c in verb.children if c.dep_ == "pobj" and c.i < verb.i]  # "which [she] referred to"
    if not themes:
        return
    theme = themes[0]
    if theme.tag_ == "WDT" or theme.lower_ in ("which", "that"):
        if verb.dep_ != "relcl":
            return
        theme = verb.head  # "the ruling, which she referred to as a stunt"
    # a label in quotation marks is scored by sentiment too; "described it as a response to X" is no verdict
    quoted = any(t.is_quote for t in label.subtree) or label.doc[label.left_edge.i - 1].is_quote
    if all(t.is_title or not t.is_alpha for t in label.subtree):
        return  # "referred to the plan as 'Plan B'": a name, not a verdict
    stance = stance_of_words(_predicate_words(label), labelling=labelling and quoted)
    _add_verdict(rel, agents, theme, stance, verb)


def quoted_verdict(rel: ProposalFacts, copula: Token, speakers: list[tuple[int, int, str]]) -> None:
    """A quotation's own verdict, "The ban is a necessary step": its speaker's stance."""
    if copula.lemma_ != "be" or not rel.ctx.in_quote(copula) or not is_asserted(copula):
        return
    if copula.dep_ == "ccomp" and copula.head.lemma_.lower() in JUDGING_VERBS | speech_verbs():
        return  # a verdict reported inside the quotation is someone else's
    subjects = [c for c in copula.children if c.dep_ in ("nsubj", "csubj")]
    speaker = next((key for start, end, key in speakers if start <= copula.idx < end), None)
    if not subjects or speaker is None:
        return
    stance = stance_of_words(_predicate_words(copula))
    _add_verdict(rel, rel.agents([speaker]), subjects[0], stance, copula)


EFFECT_MODALS = {"will", "wo", "'ll", "would", "'d", "could", "can", "ca", "may", "might", "shall"}
EFFECT_THRESHOLD = 0.4  # VADER compound score of what a measure is said to do, for a stance


def quoted_effect(rel: ProposalFacts, verb: Token, speakers: list[tuple[int, int, str]]) -> None:
    """What a quotation says a measure will do is its speaker's verdict on it: "The levy will help
    every family" backs the levy, "this ban will hurt small shops" opposes it (sentiment of the
    predicate, its subject left out). Only a measure named before, as the clause's subject."""
    if verb.pos_ != "VERB" or verb.lemma_ == "be" or not rel.ctx.in_quote(verb) or not is_asserted(verb):
        return
    if verb.dep_ not in ("ROOT", "ccomp", "conj") or verb.lemma_.lower() in speech_verbs():
        return
    speaker = next((key for start, end, key in speakers if start <= verb.idx < end), None)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    if speaker is None or not subjects:
        return
    head = proposal_head(subjects[0], inside=False)
    known = len(rel.registry.candidates)
    if head is None or rel.registry.of_phrase(head) is None or len(rel.registry.candidates) > known:
        return  # "the rain will help farmers": no measure; only one already named is judged
    if not any(c.dep_ == "aux" and c.lower_ in EFFECT_MODALS for c in verb.children):
        return  # "the current law has meant fines", "the current is eroding the shelf": what is, not a forecast
    predicate = [t for t in verb.subtree if t.i not in {s.i for s in subjects[0].subtree}]
    score = _sentiment().polarity_scores(" ".join(t.text for t in predicate))["compound"]
    stance = "backs" if score >= EFFECT_THRESHOLD else "opposes" if score <= -EFFECT_THRESHOLD else None
    _add_verdict(rel, rel.agents([speaker]), subjects[0], stance, verb)


EVALUATED_ACTS = {"decision", "move", "step", "choice", "idea", "call", "plan", "proposal", "deal", "policy"}


def evaluated_act(rel: ProposalFacts, noun: Token) -> None:
    """"He made the right decision", "this is a dangerous move": a verdict on the act the
    phrase points back to, by whoever says it (the quotation's speaker, or the subject of the
    speech verb)."""
    if noun.lemma_.lower() not in EVALUATED_ACTS or noun.pos_ != "NOUN":
        return
    words = [c for c in noun.children if c.dep_ == "amod"]
    stance = stance_of_words([w for a in words for w in (a, *a.conjuncts)]) if words else None
    if stance is None:
        return
    speaker = rel.speaker_at(noun)
    if speaker is None:
        verb = noun.head
        while verb.dep_ not in ("ccomp", "ROOT") and verb.head is not verb:
            verb = verb.head
        said_by: list[str] = []
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in speech_verbs():
            said_by = rel.ctx.subjects(verb.head)
        speaker = said_by[0] if said_by else None
    if speaker is None:
        return
    _add_verdict(rel, rel.agents([speaker]), noun, stance, noun)


def _add_verdict(rel: ProposalFacts, agents: list[str], theme: Token, stance: str | None, token: Token) -> None:
    if stance is None or not agents:
        return
    if any(c.dep_ == "det" and c.lower_ in QUANTIFIERS for c in theme.children):
        return  # "every measure of that kind is understandable" judges a kind, not a proposal
    if theme.pos_ in ("VERB", "AUX") and theme.tag_ != "VBG":
        return  # "what came after the vote is illegal": a clause, not a proposal named
    head = proposal_head(theme, inside=False) if theme.pos_ != "VERB" else theme
    if head is None and theme.pos_ == "NOUN" and rel.registry.named_before(theme):
        head = theme  # "proposed a fishing quota ... ruled the quota unlawful"
    # only a proposal already named, or named here, is judged; "it" points back to one
    key = rel.registry.of_phrase(head) if head is not None else None
    if key is None:
        return
    for agent in agents:
        rel.add(agent, stance, key, token, 0.6)
