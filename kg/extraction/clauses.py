"""The clause layer: for a verb (or a noun that states an event), who does it, what it is about,
whether the text says it happened, and on whose word.

Relations are read from clauses, not from one pattern per relation: `read_clause` gives a
`Clause` with

- **agents**: the heads of the phrases naming who acts: the subject and its conjuncts ("France
  and Spain backed"), the "by" phrase of a passive ("was backed by Spain"), the controller of an
  infinitive ("Spain refused to back", "urged Spain to back"), the subject shared by coordinated
  verbs ("Spain welcomed and signed"), the noun a relative clause or participle modifies;
- **themes**: what the predicate is about: its objects, its clausal complement, the object of the
  preposition it takes ("call for", "object to"), the subject of a passive;
- **polarity**: ASSERTED, NEGATED ("did not back", "no longer supports", and every clause under a
  negated verb), or REFUSED ("refused to back", "declined to sign", "would never agree", "will
  not support"): a refusal is a stance, a plain negation is not;
- **modality**: FACT, POSSIBLE ("may", "might", "could"), INTENDED ("will", "plans to", "is
  going to", "would" in reported speech), REQUIRED ("must", "should", "has to", "needs to", "it is
  time to": what someone wants done, not what is done), CONDITIONAL ("if", "unless", "until", "whether", "only
  if", a question);
- **attribution**: the head of who the text says it ("X said that ...", "according to X").

The rules here know English syntax only; which predicates mean what is data (`lexicon.py`).
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from spacy.tokens import Token

from .lexicon import cue_verbs, speech_verbs

NEGATIONS = {"not", "n't", "never", "no", "nor"}
NEGATIVE_SUBJECTS = {"nobody", "noone", "none", "nothing", "neither"}  # "nobody should", "none of them backed"
REFUSING_VERBS = {"refuse", "decline"}  # their infinitive is refused: "refused to sign"
# "not prepared to sign", "unwilling to sign": refused too
WILLING_ADJECTIVES = {"prepared", "willing", "ready"}
UNWILLING_ADJECTIVES = {"unwilling", "unprepared", "reluctant"}
DENYING_VERBS = {"deny", "dispute"}  # their clause is denied: "denied that it signed"
FUTURE_AUX = {"will", "wo", "'ll", "shall", "would", "'d"}
POSSIBLE_AUX = {"may", "might", "could", "can", "ca"}
REQUIRING_AUX = {"must", "should", "ought"}
INTENDING_VERBS = {"plan", "intend", "aim", "want", "wish", "hope", "expect", "seek", "try", "prepare", "mean",
                   "propose", "promise", "pledge", "vow", "threaten", "offer", "agree", "decide", "resolve",
                   "set", "move", "look"}
CONDITIONAL_MARKS = {"if", "unless", "until", "whether", "lest", "once"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
NOMINAL = ("NOUN", "PROPN", "PRON", "NUM", "X")
OBJECT_CONTROL = ("dobj", "iobj")  # "urged Spain to back": Spain is to back


class Polarity(str, Enum):
    ASSERTED = "asserted"
    NEGATED = "negated"
    REFUSED = "refused"


class Modality(str, Enum):
    FACT = "fact"
    POSSIBLE = "possible"
    INTENDED = "intended"
    REQUIRED = "required"
    CONDITIONAL = "conditional"


class Clause(NamedTuple):
    """What the text says about one predicate (see the module docstring)."""

    predicate: Token
    agents: tuple[Token, ...]
    themes: tuple[Token, ...]
    polarity: Polarity
    modality: Modality
    attribution: Token | None

    @property
    def asserted(self) -> bool:
        """The text states that it happened or holds: not negated, refused or conditional."""
        return self.polarity is Polarity.ASSERTED and self.modality is not Modality.CONDITIONAL


def is_asserted(verb: Token) -> bool:
    """The text states that ``verb``'s event happened or holds: neither negated, refused nor
    conditional."""
    return polarity_of(verb) is Polarity.ASSERTED and modality_of(verb) is not Modality.CONDITIONAL


def read_clause(predicate: Token, *, preps: tuple[str, ...] = ()) -> Clause:
    """The clause of ``predicate``; ``preps`` are prepositions whose objects are themes ("for"
    in "call for")."""
    return Clause(predicate, tuple(agents_of(predicate)), tuple(themes_of(predicate, preps)),
                  polarity_of(predicate), modality_of(predicate), attribution_of(predicate))


# --- agents -------------------------------------------------------------------------------------

def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children) or (
        verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN")


# "plans to X", "a vow to X": an intention whose holder does X; "announced / had plans to X": the
# subject's own
INTENTION_NOUNS = {"plan", "intention", "intent", "decision", "vow", "pledge", "promise", "threat", "bid", "effort",
                   "attempt", "move"}
OWN_PLAN_VERBS = {"announce", "have", "reveal", "confirm", "outline", "unveil", "make"}


def agents_of(verb: Token) -> list[Token]:
    """The heads of the phrases naming who does what ``verb`` says, conjuncts included. Only noun
    phrases act: a clause standing where a subject should be (often a misparse) is skipped."""
    heads = [t for t in _own_agents(verb) if t.pos_ in NOMINAL]
    if heads:
        heads += _co_agents(verb, heads) + _stranded_conjuncts(heads)
    else:
        heads = [t for t in _inherited_agents(verb) if t.pos_ in NOMINAL]
    return _with_conjuncts(heads)


def _co_agents(verb: Token, subjects: list[Token]) -> list[Token]:
    """Who acts with the subject: "Chile, along with Peru,", "Chile, together with Peru,",
    "Chile, alongside Peru,"."""
    out = []
    for token in [*subjects, verb]:
        for prep in (c for c in token.children if c.dep_ == "prep"):
            lower = prep.lower_
            if lower == "along":
                prep = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == "with"), None)
            elif lower == "with" and token is not verb:
                prep = prep if any(c.lower_ == "together" for c in prep.children) else None
            elif lower != "alongside" or token is verb and not prep.doc[prep.i - 1].text == ",":
                prep = None
            if prep is not None:
                out += [o for o in prep.children if o.dep_ == "pobj" and o.pos_ in NOMINAL]
    return out


def _stranded_conjuncts(subjects: list[Token]) -> list[Token]:
    """"UK-based retailer Tesco and Danish retailer Salling announced": the parser hangs the first
    name inside the second's modifiers, with its "and" but no conjunct; a proper noun before the
    subject's head with an "and" and nothing coordinated is a subject too."""
    out = []
    for subject in subjects:
        for token in subject.subtree:
            if token.i < subject.i and token.pos_ == "PROPN" and token.dep_ in ("nmod", "compound", "poss", "appos") \
                    and any(c.dep_ == "cc" and c.lower_ == "and" for c in token.children) \
                    and not any(c.dep_ == "conj" for c in token.children):
                out.append(token)
        # "A of X and B of Y met": the parser coordinates B with X; B's own "of" shows it is A's match
        for of in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
            for place in (o for o in of.children if o.dep_ == "pobj"):
                out += [c for c in place.children if c.dep_ == "conj" and c.pos_ == "PROPN"
                        and any(p.dep_ == "prep" and p.lower_ == "of" for p in c.children)]
    return out


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS and c.pos_ in NOMINAL for c in verb.children)


def _own_agents(verb: Token) -> list[Token]:
    out = []
    # "she can and may declare": the parser may hang the subject on the first auxiliary
    children = [*verb.children, *(g for c in verb.children if c.dep_ == "aux" for g in c.children)]
    for child in children:
        if child.dep_ == "agent":  # "was backed by Spain"
            out += [o for o in child.children if o.dep_ == "pobj"]
        elif child.dep_ in ("nsubj", "csubj") and not is_passive(verb) and not _place_of_place(child, out):
            out.append(child)
    if not out and verb.pos_ in ("VERB", "AUX") and not is_passive(verb):
        out += _subject_after_a_date(verb)
    if not out and verb.pos_ == "NOUN":  # "Spain's support", "criticism by Spain", "support from Spain"
        for child in verb.children:
            if child.dep_ == "poss":
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                out += [o for o in child.children if o.dep_ == "pobj"]
    return out


def displaced_infinitive(verb: Token) -> Token | None:
    """"urged her, if she cannot govern, to step down": an infinitive after a comma that closes a
    condition set between a verb's object and its complement, which the parser hangs inside the
    condition; it is the verb's complement."""
    if not any(c.dep_ == "dobj" for c in verb.children) or any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return None
    for clause in (c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i):
        if not any(m.dep_ == "mark" and m.lower_ in ("if", "unless", "when", "since", "as") for m in clause.children):
            continue
        for token in clause.subtree:
            if token.pos_ == "VERB" and token.i > clause.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
                    and token.doc[token.left_edge.i - 1].text == "," and token.right_edge.i >= clause.right_edge.i - 1:
                return token
    return None


def _subject_after_a_date(verb: Token) -> list[Token]:
    """"On Friday the council voted": with no comma after the date, the parser takes the subject
    for a second object of "on"; a preposition has one object, so a noun after the date is the
    subject of the verb the phrase opens."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if len(objects) == 2 and objects[0].ent_type_ in ("DATE", "TIME") and not objects[1].ent_type_ \
                and objects[1].pos_ in ("NOUN", "PROPN"):
            return [objects[1]]
    return []


def _place_of_place(subject: Token, before: list[Token]) -> bool:
    """A second subject right after a comma that ends the first is where the first is: "the
    Parliament of Victoria, Australia voted" (the parser takes "Australia" for a subject)."""
    doc = subject.doc
    comma = subject.left_edge.i - 1
    return bool(before) and comma > 0 and doc[comma].text == "," and subject.ent_type_ in ("GPE", "LOC") \
        and any(doc[comma - 1] in b.subtree for b in before) and doc[comma - 1].pos_ == "PROPN"


def _subject_for_complement(verb: Token) -> list[Token]:
    """Who a governing verb passes on to its complement: its agents, or the subject of a passive
    with no "by" phrase ("Spain was asked to leave", "was allied with them in fighting")."""
    own = agents_of(verb)
    if own or not is_passive(verb) or any(c.dep_ == "agent" for c in verb.children):
        return own
    return _with_conjuncts([c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ in NOMINAL])


def displacing_verb(verb: Token) -> Token | None:
    """The verb whose displaced infinitive (`displaced_infinitive`) ``verb`` is."""
    for ancestor in verb.ancestors:
        displaced = displaced_infinitive(ancestor) if ancestor.pos_ == "VERB" and ancestor.dep_ != "advcl" else None
        if displaced is not None:
            return ancestor if displaced.i == verb.i else None
    return None


def _inherited_agents(verb: Token) -> list[Token]:
    head = verb.head
    if head is verb:
        return []
    governing = displacing_verb(verb)
    if governing is not None:  # "urged her, if she cannot govern, to step down"
        return [c for c in governing.children if c.dep_ == "dobj"]
    if verb.dep_ == "xcomp":
        # object control: "urged Spain to back", "called on Spain to back"
        controllers = [c for c in head.children if c.dep_ in OBJECT_CONTROL]
        controllers += [o for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i > head.i
                        for o in c.children if o.dep_ == "pobj"]  # not "On Friday [it] voted to"
        if controllers and head.lemma_.lower() not in ("promise", "pledge", "vow"):
            return controllers
        return _subject_for_complement(head)  # subject control: "Spain refused to back"
    if verb.dep_ in ("conj", "pcomp") and head.pos_ in ("VERB", "AUX"):
        if _has_subject(verb):
            return []
        return _subject_for_complement(head)  # "Spain welcomed and signed", "committed to backing"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _subject_for_complement(head.head)  # "by backing", "instead of signing"
    if verb.dep_ in ("acomp", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        return agents_of(head)  # "Spain is committed to it"
    if verb.dep_ == "relcl":
        pronoun = next((c for c in verb.children if c.dep_ in ("nsubj",) and c.lower_ in ("who", "which", "that")), None)
        return [head] if pronoun is not None else []
    if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "countries backing the plan"
        return [head]
    if verb.dep_ == "acl" and head.lemma_.lower() in INTENTION_NOUNS and any(c.lower_ == "to" for c in verb.children):
        # "their plans to oppose the bill", "announced plans to oppose it": whose plans they are;
        # not "rejected the plan to build it", someone else's
        owners = [c for c in head.children if c.dep_ == "poss"]
        if head.dep_ == "dobj" and (all(o.pos_ == "PRON" for o in owners) if owners
                                    else head.head.lemma_.lower() in OWN_PLAN_VERBS):
            return _subject_for_complement(head.head)  # "X announced its plans to": X's
        return owners
    if verb.dep_ == "advcl" and not _has_subject(verb) and not any(c.dep_ == "mark" for c in verb.children):
        return _subject_for_complement(head)  # "met to sign a deal", "..., saying it would back the plan"
    return []


# --- themes -------------------------------------------------------------------------------------

def themes_of(verb: Token, preps: tuple[str, ...] = ()) -> list[Token]:
    """The heads of what ``verb`` is about: objects, complements, the subject of a passive, the
    object of one of ``preps``, and the noun a passive participle modifies ("the plan backed by
    Spain"); conjuncts included."""
    out: list[Token] = []
    passive = is_passive(verb)
    for child in verb.children:
        dep = child.dep_
        if dep in ("dobj", "attr") and not passive:
            out.append(child)
        elif dep in ("nsubjpass", "csubjpass"):
            out.append(child)
        elif dep in ("xcomp", "ccomp") and child.lemma_ != "be":
            out.append(child)
        elif dep in ("prep", "prt") and child.lower_ in preps:
            out += [o for o in child.children if o.dep_ in ("pobj", "pcomp")]
            if dep == "prt":  # "put forward a plan", "called off the talks"
                out += [o for o in verb.children if o.dep_ == "dobj" and o not in out]
    if passive and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
        out.append(verb.head)
    if verb.pos_ == "NOUN":  # "support for the plan", "criticism of the deal", "opposition to it"
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "to", "against", "on"):
                out += [o for o in child.children if o.dep_ in ("pobj", "pcomp")]
    return _with_conjuncts(out)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        for t in (token, *token.conjuncts, *_listed(token)):
            if t not in out:
                out.append(t)
    return out


def _listed(token: Token) -> list[Token]:
    """"Rubio of Florida, Lee of Utah, and Perdue of Georgia": in a list the parser may take a
    middle name for an apposition of the first; a proper noun in apposition before the last
    conjunct is one more member of the list."""
    conjuncts = [c for c in token.children if c.dep_ == "conj"]
    if token.pos_ != "PROPN" or not conjuncts:
        return []
    return [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i < conjuncts[-1].i]


# --- polarity -----------------------------------------------------------------------------------

def _negation(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "neg" or (child.lower_ in NEGATIONS and child.dep_ in ("advmod", "det", "preconj")):
            if not _not_only(child):
                return child
        if child.dep_ == "advmod" and child.lower_ == "longer" and any(
                c.lower_ == "no" for c in child.children):  # "no longer supports"
            return child
        if child.dep_ in ("nsubj", "nsubjpass") and (child.lower_ in NEGATIVE_SUBJECTS or any(
                c.dep_ == "det" and c.lower_ == "no" for c in child.children)):  # "no one should have to pay"
            return child
    return None


def _not_only(token: Token) -> bool:
    """ "not only ... but also" adds; it does not negate."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.lower_ == "not" and nxt is not None and nxt.lower_ in ("only", "just", "merely")


def time_to(verb: Token) -> Token | None:
    """The copula of "it is time to X", "now is the time to X": a call to do X (its infinitive
    hangs on "time" as a relative clause)."""
    head = verb.head
    if verb.dep_ in ("relcl", "acl") and head.lemma_.lower() == "time" and head.dep_ in ("attr", "nsubj") \
            and head.head.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return head.head
    return None


def governor(verb: Token) -> Token | None:
    """The predicate whose complement ``verb`` is ("refused [to back]", "committed to [backing]",
    "did not sign [or ratify]"), or None for a clause of its own."""
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ in ("xcomp", "ccomp"):
        return head
    if time_to(verb) is not None:
        return time_to(verb)  # "it is not time to [raise taxes]" is negated
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head is not head:
        return head.head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in SUBJECT_DEPS or c.dep_ == "aux" for c in verb.children):
        return head  # "did not sign or ratify it"; not "will not leave and will sign"
    return None


def _future(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def polarity_of(verb: Token) -> Polarity:
    """ASSERTED, NEGATED or REFUSED (see the module docstring). A clause under a negated or
    refused verb is negated ("would not commit to backing it" backs nothing, and opposes nothing
    either); only "refuse" and "decline" make their complement a refusal."""
    above = governor(verb)
    if _negation(verb) is not None:
        # "will not sign", "cannot accept" (not "could not", often a past inability)
        future = _future(verb) or any(c.dep_ == "aux" and c.lower_ in ("can", "ca") for c in verb.children)
        vowed = verb.dep_ == "xcomp" and above is not None and above.lemma_.lower() in INTENDING_VERBS
        return Polarity.REFUSED if future or vowed else Polarity.NEGATED
    if above is None:
        return Polarity.ASSERTED
    lemma = above.lemma_.lower()
    if verb.dep_ == "xcomp" and lemma in WILLING_ADJECTIVES | UNWILLING_ADJECTIVES:
        # "is not prepared to risk it", "are unwilling to accept": a refusal; "is ready to sign": asserted
        copula = above.head if above.dep_ == "acomp" and above.head is not above else above
        negated = _negation(above) is not None or _negation(copula) is not None
        outer = governor(copula)  # what the copula itself is under: "said [she is not ready to ...]"
        asserted = outer is None or polarity_of(outer) is Polarity.ASSERTED
        if (lemma in UNWILLING_ADJECTIVES) != negated:
            return Polarity.REFUSED if asserted else Polarity.NEGATED
        return Polarity.ASSERTED if asserted else Polarity.NEGATED
    polarity = polarity_of(above)
    if verb.dep_ == "xcomp" and lemma in REFUSING_VERBS:  # "refused to back", "declined to sign"
        return Polarity.REFUSED if polarity is Polarity.ASSERTED else Polarity.NEGATED
    if verb.dep_ == "ccomp" and lemma in DENYING_VERBS:  # "denied that it backed the plan"
        return Polarity.NEGATED
    return Polarity.ASSERTED if polarity is Polarity.ASSERTED else Polarity.NEGATED


# --- modality -----------------------------------------------------------------------------------

def _conditional(verb: Token) -> bool:
    # the consequent of a condition: "would vote for it [only if ...]", "will sign [unless ...]";
    # "not ... until" is "only when" ("will not sign until ..."); "will keep paying until ..." is a time
    marks = ("if", "unless", "until") if _negation(verb) is not None else ("if", "unless")
    displaced = displaced_infinitive(verb) if verb.pos_ == "VERB" else None
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
           and not (displaced is not None and displaced in c.subtree)  # the condition of what is urged
           for c in verb.children):
        return True
    token = time_to(verb) or verb
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children):
            return True
        if token.dep_ in ("conj", "xcomp", "ccomp", "pcomp") and token.head is not token:
            token = token.head
            continue
        return False
    return False


def reports_speech(verb: Token) -> bool:
    """The verb introduces reported speech ("said", "told", "announced", "claimed")."""
    return verb.lemma_.lower() in speech_verbs()


def modality_of(verb: Token) -> Modality:
    """FACT, POSSIBLE, INTENDED or CONDITIONAL (see the module docstring)."""
    if _conditional(verb) or (verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ("ask", "wonder", "question")
                              and any(c.dep_ == "mark" for c in verb.children)):
        return Modality.CONDITIONAL
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & REQUIRING_AUX or time_to(verb) is not None:  # "must leave", "it is time to leave"
        return Modality.REQUIRED
    if auxes & POSSIBLE_AUX:
        return Modality.POSSIBLE
    if auxes & {"will", "wo", "'ll", "shall"}:
        return Modality.INTENDED
    if auxes & {"would", "'d"}:
        reported = verb.dep_ == "ccomp" and reports_speech(verb.head)
        return Modality.INTENDED if reported else Modality.POSSIBLE
    head = verb.head
    if verb.dep_ == "xcomp" and head is not verb:
        lemma = head.lemma_.lower()
        if lemma in INTENDING_VERBS | WILLING_ADJECTIVES or (lemma == "go" and head.tag_ == "VBG"):
            return Modality.INTENDED  # "plans to", "is going to", "is ready to"
        if lemma in ("have", "need", "ought") and head.tag_ in ("VBZ", "VBP", "MD") and verb.i > head.i:
            # "has to leave", "need to act" (not "had to", a past necessity)
            return Modality.REQUIRED
        return modality_of(head) if modality_of(head) is not Modality.FACT else Modality.FACT
    if verb.dep_ == "conj" and head is not verb and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return modality_of(head)
    return Modality.FACT


# --- attribution --------------------------------------------------------------------------------

def attribution_of(verb: Token) -> Token | None:
    """Who the text says it: the subject of the speech verb whose complement the clause is ("X
    said that Spain backs it"), or X in "according to X"."""
    token = time_to(verb) or verb
    for _ in range(6):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                to = next((c for c in child.children if c.lower_ == "to"), None)
                objects = [o for o in (to.children if to is not None else child.children) if o.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if token.dep_ == "ccomp" and reports_speech(token.head):
            subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            return subjects[0] if subjects else None
        if token.dep_ in ("conj", "xcomp") and token.head is not token:
            token = token.head
            continue
        return None
    return None


# --- intended stances -------------------------------------------------------------------------

def intended_stance(verb: Token) -> bool:
    """ "vowed to fight the bill", "plans to challenge the law": a stance its subject means to
    take (subject control), not an act someone else is asked to do ("urged Italy to join")."""
    if verb.dep_ != "xcomp" or not _stance_cue(verb):
        return False
    head = verb.head
    controlled = any(c.dep_ in ("dobj", "iobj") for c in head.children) or any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in head.children)
    return not controlled or head.lemma_.lower() in ("promise", "pledge", "vow")


def intention_to_take_a_stance(noun: Token) -> bool:
    """ "announced plans to oppose the bill": the plans are a stance on the bill, not a proposal."""
    if noun.lemma_.lower() not in INTENTION_NOUNS:
        return False
    return any(c.dep_ == "acl" and _stance_cue(c) for c in noun.children)


def _stance_cue(verb: Token) -> bool:
    """A cue of backing or opposing, with its preposition here if it needs one ("fight the plan",
    not "fight for equal pay")."""
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt")}
    cues = [c for c in cue_verbs().get(verb.lemma_.lower(), ()) if c.prep is None or c.prep in preps]
    return bool(cues) and all(c.relation in ("backs", "opposes") for c in cues)
