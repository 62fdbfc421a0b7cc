"""Proposal phrases: which words name a proposal, which phrases point back to one ("the move",
"this change"), and the label a proposal gets from the text.

A proposal's label is the phrase itself, without determiners, possessors, relative clauses and
the agent: "the request of Mayor Ana Ruiz to close the harbour" -> "request to
suspend Parliament".
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from spacy.tokens import Token

from .clauses import displacing_verb
from .context import ArticleContext
from .gazetteer import gazetteer
from .lexicon import cue_verbs
from .nametypes import type_words
from .pipeline import verb_lemmas

MAX_LABEL_TOKENS = 24
SEQUENCE_ADJECTIVES = {"initial", "first", "latest", "last", "earlier", "previous", "original", "recent", "current",
                       "second", "new", "revised", "final"}
ANAPHOR_DETERMINERS = {"the", "this", "that", "these", "those", "such"}
ANAPHOR_NOUNS = {"move", "decision", "plan", "proposal", "idea", "step", "change", "announcement", "policy",
                 "deal", "agreement", "measure", "initiative", "project", "scheme", "request", "call", "bill",
                 "withdrawal", "operation", "pledge", "offer", "treaty", "accord", "pact", "law", "programme",
                 "program", "reform", "proclamation", "order", "demarcation", "pipeline", "partnership",
                 "commitment", "promise", "intention", "vow", "attempt", "bid", "effort"}
NOUN_DROPS = {"det", "predet", "poss", "relcl", "appos", "punct", "cc", "advmod", "case", "neg"}
VERB_DROPS = {"mark", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "advcl", "agent"}
# what is said about a proposal, not the proposal: no proposal inside them is the verb's
REPORT_NOUNS = {"opinion", "ruling", "judgement", "judgment", "verdict", "finding", "report", "statement", "review",
                "study", "assessment", "analysis"}
RESULT_STATES = {"law", "effect", "force", "operation", "existence", "practice", "place", "action"}
DASHES = {"—", "–", "-", "--"}
WHEN_MARKS = {"while", "when", "until", "before", "after", "once", "unless"}
DEVERBAL = ("tion", "sion", "ment", "sal", "wal")  # not "-ence"/"-ance": condolence, evidence, acceptance


def proposal_kind(token: Token) -> str | None:
    """``named``, ``act`` or ``topic`` for a proposal noun (``kg/extraction/data/proposal_nouns.tsv``);
    ``named`` for the last word of a law's name ("the Clean Air Act")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    if names_a_law(token):
        return "named"
    return gazetteer().proposal_nouns.get(token.lemma_.lower())


def names_a_law(token: Token) -> bool:
    """ "Act" ending a capitalised name ("the Clean Air Act"): a law, unlike "an act of war"."""
    return token.text == "Act" and token.i > 0 and token.nbor(-1).text[:1].isupper() and token.nbor(-1).is_alpha


def is_proposal_noun(token: Token) -> bool:
    return proposal_kind(token) is not None


def proposal_head(target: Token, *, any_noun: bool = False, inside: bool = True) -> Token | None:
    """The token heading the proposal a cue verb is about, or None when its object is not one:
    a clause, a proposal noun or a deverbal noun ("the conversion of the museum"), any common noun
    after a verb that only takes proposals ("proposed a mining royalty"), a pronoun or anaphor
    pointing back to one; or (``inside``) a proposal noun inside the object ("his authority to
    make the change")."""
    if target.pos_ in ("VERB", "AUX") or target.dep_ == "xcomp":
        return target
    if target.pos_ in ("PRON", "NUM", "DET", "ADJ"):
        # "some of the plans", "one of her proposals", "all of the measures": the part is of the whole
        wholes = [o for c in target.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                  if o.dep_ == "pobj"]
        if wholes:
            return proposal_head(wholes[0], any_noun=any_noun, inside=inside)
    if target.pos_ == "PRON":
        return target if target.lower_ in ("it", "this", "that") else None
    if is_proposal_noun(target) or (is_deverbal(target) or target.tag_ == "VBG") and not names_no_proposal(target):
        return target
    if any_noun and target.pos_ in ("NOUN", "PROPN") and not names_no_proposal(target):
        return target  # "proposed a new mining royalty", "voted against Brexit"; not "backed the rebels"
    for token in target.subtree if inside else ():
        if token is not target and (is_proposal_noun(token) or is_anaphor(token) or does_what_was_proposed(token)):
            return token
    return None


def does_what_was_proposed(verb: Token) -> bool:
    """"do so", "do it", "do as he proposed": a verb standing for a proposal named before ("his
    power to do so")."""
    if verb.lemma_.lower() != "do" or verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "aux":
        return False
    return any(c.dep_ in ("advmod", "dobj") and c.lower_ in ("so", "it", "this", "that") for c in verb.children) \
        or any(c.dep_ == "advcl" and any(m.lower_ == "as" for m in c.children) and c.lemma_.lower() in cue_verbs()
               for c in verb.children)


def is_deverbal(noun: Token) -> bool:
    """A noun naming the act of a verb: "-tion", "-sion", "-ment" ("withdrawal", "proposal" too), or
    "-al" after a verb the lemmatizer knows ("removal", "denial", "dismissal"), unless the noun is
    itself a verb ("signal", "total")."""
    word = noun.lower_
    if word.endswith(DEVERBAL):
        return True
    if not word.endswith("al") or noun.pos_ != "NOUN":
        return False
    verbs = verb_lemmas()
    stem = word[:-2]
    made_from = {stem, stem + "e", stem[:-1] + "y"}  # dismiss-al, remov-al, deni-al
    if stem[-1:] == stem[-2:-1]:
        made_from.add(stem[:-1])  # referr-al, acquitt-al
    return len(stem) >= 4 and word not in verbs and any(v in verbs for v in made_from)


@cache
def _not_proposals() -> frozenset[str]:
    """Nouns naming people, groups, places, money or things (``data/not_proposals.txt``), the
    nouns that type a name (``type_words.tsv``) and offices (``titles.tsv``)."""
    text = files("kg.extraction").joinpath("data", "not_proposals.txt").read_text(encoding="utf-8")
    words = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words | set(type_words()) | set(gazetteer().titles))


def names_no_proposal(noun: Token) -> bool:
    """The noun names people, a group, a place, an amount or a date: what a stance can be taken
    on without it being a proposal ("criticised the police", "backed the rebels")."""
    if noun.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"):
        return True
    if noun.lemma_.lower() not in _not_proposals():
        return False
    # "a state of emergency" is what its complement says; "a group of protesters" is people
    of = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return not of or not of[0].ent_type_ == "" or names_no_proposal(of[0])


def is_anaphor(head: Token) -> bool:
    """A definite phrase that points back to a proposal: "the move", "this change", "this
    impulsive decision by the president"."""
    if head.lemma_.lower() not in ANAPHOR_NOUNS:
        return False
    dets = [c for c in head.children if c.dep_ in ("det", "poss")]
    # "[T]his decision": editorial brackets in quotations
    if not dets or not (dets[0].lower_.replace("[", "").replace("]", "") in ANAPHOR_DETERMINERS or dets[0].dep_ == "poss"):
        return False
    # a relative clause after a comma adds to what is known, it does not pick one out: "the
    # council's decision, which the mayor called a stunt,"
    content = [c for c in head.children if c.dep_ in ("prep", "acl", "relcl", "compound", "nmod")
               and not (c.dep_ == "prep" and (c.lower_ == "by" or _is_occasion(c)))
               and not (c.dep_ == "relcl" and head.doc[c.left_edge.i - 1].text == ",")]
    # "the Greek-Cypriot agreement" names which one it is
    content += [c for c in head.children if c.dep_ == "amod" and any(t.ent_type_ for t in c.subtree)]
    if dets[0].dep_ == "poss":  # "his decision" points back; "Trump's foreign policy" names a thing
        # ("its initial attempt", "her latest plan" still point back: which one in time, not what)
        content += [c for c in head.children if c.dep_ == "amod" and c.lower_ not in SEQUENCE_ADJECTIVES]
    return not content


def bare_definite(head: Token) -> bool:
    """ "the tax", "this scheme": a definite noun with nothing to tell it from one named before."""
    dets = [c for c in head.children if c.dep_ == "det"]
    # a relative clause set off by a comma adds to what is known, it does not pick one out:
    # "the tax, which the minister defended,"
    others = [c for c in head.children if c.dep_ not in ("det", "punct")
              and not (c.dep_ == "relcl" and c.i > 0 and head.doc[c.left_edge.i - 1].text == ",")]
    return bool(dets) and dets[0].lower_ in ANAPHOR_DETERMINERS and not others


def quoted_label(noun: Token) -> Token | None:
    """A word in quotation marks after a noun that the parser took for the noun's modifier:
    "called the reform "reckless"" is a verdict on the reform, not a "reform reckless"."""
    return next((c for c in noun.children if _quoted_after(c, noun)), None)


def _quoted_after(child: Token, noun: Token) -> bool:
    return child.dep_ == "amod" and child.i > noun.i and child.doc[child.i - 1].is_quote


def label_tokens(head: Token, ctx: ArticleContext) -> list[Token]:
    """The tokens of a proposal's label: the phrase headed by ``head`` without determiners,
    possessors, relative clauses, appositions, agents ("by X", "of X") and edge punctuation."""
    excluded: set[int] = set()
    clause = head.pos_ in ("VERB", "AUX")
    for child in head.children:
        drop = child.dep_ in (VERB_DROPS if clause else NOUN_DROPS)
        if child.dep_ == "advcl" and head.lemma_ == "be":
            drop = False  # "is ready [for other towns to take part]": the point of the statement
        if child.dep_ == "advcl" and child.i > head.i and any(
                m.dep_ == "mark" and m.lower_ in WHEN_MARKS for m in child.children):
            drop = False  # "masks become compulsory [while riding the bus]": when the rule applies
        if clause and (head.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == "for" for m in head.children)) \
                and child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass"):
            # "announced [the army would be leaving the valley]", "called for [the army to leave]":
            # the subject belongs to it; not "[we must] finish the bridge", the speaker's own
            drop = any(c.dep_ == "nsubj" and c.norm_ in ("i", "we") for c in head.children)
        if clause and child.dep_ == "nsubjpass" and child.pos_ in ("NOUN", "PROPN") \
                and not any(c.dep_ == "agent" for c in head.children):  # "the court was petitioned by X": X's act
            drop = False  # "at her request, [the port] was closed": what was done is to the port
        if child.dep_ == "prep" and head.pos_ == "NOUN" and _is_agent_phrase(child, ctx):
            drop = True
        if child.dep_ == "acl" and not clause and child.tag_ == "VBN" and any(c.dep_ == "agent" for c in child.children):
            drop = True  # "the accord[, backed by Chile,]": who stands where is a fact, not the proposal's name
        if child.dep_ == "prep" and child.i > head.i and _is_time(child):
            drop = True
        if child.dep_ in ("npadvmod", "advmod") and all(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            drop = True  # "resignation [Monday night]", not "a [100-year] partnership"
        if clause and child.i < head.i and child.dep_ in ("prep", "npadvmod", "advmod"):
            drop = True  # "[In a statement on Monday,] the army withdrew": where and when it was said
        if clause and (across_a_break(child, head) or child.i < head.i and child.dep_ in ("ccomp", "parataxis")
                       and any(t.text in DASHES for t in head.doc[child.right_edge.i + 1:head.i])):
            # "[the council met;] the vote was held early", "[the curfew was unlawful] — so the
            # council must meet": another clause of the sentence
            drop = True
        if child.dep_ == "prep" and not clause and _is_occasion(child):
            drop = True  # "announced the measure [at the daily briefing]": where it was said
        if child.text == "-" and not child.whitespace_ and not child.nbor(-1).whitespace_:
            drop = False  # "cease-fire": the hyphen of a compound is part of the word
        if not clause and _quoted_after(child, head):
            drop = True  # "called the reform "reckless"": a verdict on it, not part of its name
        if drop:
            excluded.update(t.i for t in child.subtree)
        if drop and child.dep_ == "appos" and not clause and child.doc[child.left_edge.i - 1].text in DASHES:
            # "the suspension — prorogation — of parliament": the gloss between dashes is left
            # out, what follows it belongs to the head
            excluded -= {t.i for c in child.children if c.dep_ == "prep" and c.nbor(-1).text in DASHES
                         for t in c.subtree}
    negated = clause and any(c.dep_ == "neg" for c in head.children)
    for child in head.children:
        if child.dep_ in ("conj", "cc", "preconj") and (not clause or negated):
            # "both [the red plan] and the blue plan", "not to delay the vote [but to hold it early]":
            # each conjunct is a proposal of its own
            excluded.update(t.i for t in child.subtree)
    for token in head.subtree:  # "to leave [and not seek an extension]": what is not wanted is not the proposal
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and token.i not in excluded and token.i != head.i \
                and any(c.dep_ == "neg" for c in token.children):
            excluded.update(t.i for t in token.subtree)
            excluded.update(c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i)
    content = [t for t in head.subtree if t.i not in excluded and t.is_alpha and t.i != head.i]
    for child in head.children:  # "a bill [that would pay for the new schools]": all it says
        if child.dep_ == "relcl" and not clause and len(content) <= 1:
            excluded -= {t.i for t in child.subtree}
    tokens = [t for t in head.subtree if t.i not in excluded and t.text not in ("[", "]")]
    tokens += _argument_on_the_verb(head, ctx)
    governing = displacing_verb(head)
    if governing is not None:  # "urged [Ana Ruiz], if she cannot govern, to step down"
        tokens = [t for c in governing.children if c.dep_ == "dobj" and ctx.refers_to(c) for t in c.subtree] + [
            t for t in tokens if t.i >= head.left_edge.i]
    elif head.dep_ in ("xcomp", "advcl"):  # "urged Chile and Peru [to sign the accord]": who is to do it
        for sibling in head.head.children:
            controllers = [sibling] if sibling.dep_ == "dobj" and head.dep_ == "xcomp" else [
                o for o in sibling.children if o.dep_ == "pobj" and o.right_edge.i + 1 == head.left_edge.i] \
                if sibling.dep_ == "prep" and sibling.lower_ in ("on", "for") else []
            for obj in controllers:
                if ctx.refers_to(obj):
                    tokens = [*obj.subtree, *tokens]
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in ("to", "that", "and", "but")
                      or tokens[0].dep_ == "det" and tokens[0].lower_ in ("the", "a", "an")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("and", "or", "but", "which", "that")):
        tokens = tokens[:-1]
    if len(tokens) > MAX_LABEL_TOKENS:
        tokens = tokens[:MAX_LABEL_TOKENS]
        while tokens and (tokens[-1].pos_ in ("ADP", "DET", "CCONJ", "PART", "PUNCT") or tokens[-1].is_stop):
            tokens = tokens[:-1]
    if not tokens or not any(t.is_alpha for t in tokens):
        return []
    return tokens


# where something is said or done: "at the briefing", "during a speech", "in an interview"
OCCASION_NOUNS = {"briefing", "conference", "meeting", "summit", "speech", "statement", "interview", "rally",
                  "session", "hearing", "event", "address", "debate", "ceremony", "visit", "broadcast", "post",
                  "tweet", "letter", "announcement",
                  # media: "announced the plan on Twitter"
                  "twitter", "facebook", "instagram", "television", "radio", "website", "media", "channel"}


def _is_occasion(prep: Token) -> bool:
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return prep.lower_ in ("at", "during", "in", "on") and bool(objects) and all(
        o.lemma_.lower() in OCCASION_NOUNS for o in objects)


def _argument_on_the_verb(head: Token, ctx: ArticleContext) -> list[Token]:
    """ "launched an inquiry [into the minister's conduct]", "imposed sanctions [on Chile]": the
    parser hangs the noun's argument on the verb; what the inquiry is into is part of it."""
    if head.dep_ != "dobj" or head.pos_ != "NOUN":
        return []
    following = [c for c in head.head.children if c.dep_ == "prep" and c.i == head.right_edge.i + 1]
    for prep in following:
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if any(o.lemma_.lower() in RESULT_STATES for o in objects):
            continue  # "signed the bill [into law]", "put the plan [into effect]": what it became
        if prep.lower_ in ("into", "against") or prep.lower_ == "on" and objects and all(
                ctx.entity_of(o) and ctx.entities[ctx.entity_of(o)].type in ("Country", "Person") for o in objects):
            return list(prep.subtree)
    return []


def across_a_break(a: Token, b: Token, *, quotes: bool = False) -> bool:
    """Whether a colon or semicolon (or, with ``quotes``, a quotation mark) stands between two
    tokens of a sentence: they belong to different clauses whatever the parser hung together."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text in (":", ";") or quotes and t.is_quote for t in a.doc[lo + 1:hi])


def _is_agent_phrase(prep: Token, ctx: ArticleContext) -> bool:
    """ "by X" naming an entity, or "of X" / "from X" naming a person: who acts, not what."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    keys = [ctx.entity_of(o) for o in objects]
    if not objects or not all(keys):
        return False
    if prep.lower_ == "by":
        return True
    return prep.lower_ in ("of", "from") and all(ctx.entities[k].type == "Person" for k in keys)


def _is_time(prep: Token) -> bool:
    """A prepositional phrase of time: "on Monday", "in July", "until December"."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects) and prep.lower_ in ("on", "in", "at", "until", "since", "during")


def label_text(tokens: list[Token]) -> str:
    tokens = [t for t in tokens if t.text.strip("[]")]
    parts = []
    for token, following in zip(tokens, [*tokens[1:], None]):
        gap = following is not None and following.i != token.i + 1  # a dropped agent or clause
        parts.append(token.text + (" " if gap and not token.whitespace_ else token.whitespace_))
    text = "".join(parts).replace("[", "").replace("]", "").strip()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" ,;:\"'“”‘’")
