"""When facts happened: the time expressions of a sentence, normalised to days, and which fact
each one dates.

Finding: spaCy's DATE entities of the parse ("Tuesday", "last week", "3 March", "2019",
"yesterday"), each with the preposition before it ("on Tuesday"). Kept are those that name a
point in time: a weekday, a month, a four-digit year, "yesterday", "today", "tomorrow", "this",
"last" or "next" week, month or year, "N days ago". Dropped are durations ("for four weeks",
"five years"), ages ("Brekke, 58,"), decades, and deadlines and ranges ("by October 31", "until
March", "since 2019"), which say when something is due or how long it lasted, not when it
happened.

Normalising: dateparser, with the article's date as the base. A clause in the future tense ("will
vote next Tuesday") reads a weekday forward from the base, one in the past backward, one in the
present in the base's week. A week, month or year is given by its first day. Relative expressions
("on Tuesday", "on 3 March": the year is the article's) need the article's date: without one,
only expressions with a year of their own are kept.

Dating a fact (`date_facts`): a fact's evidence is a sentence, and a sentence may name several
times ("Varga, who took office in 2019, suspended the assembly on Wednesday"). The fact gets the
time expression that governs its verb: the verb nearest above the fact's subject (or object) in
the parse, or a verb above that one in the same clause chain with the same subject ("said on
Monday he backs", "agreed on Tuesday to back"). A time expression governs the verb nearest above
it. When exactly one expression governs the fact's verb, that one is the fact's. When the fact's
verb cannot be found (its participants are not named in the sentence) and the sentence names
exactly one time, that one is taken, as the only candidate. When its participant is named under
two verbs ("Johnson, who took office in July, ... his strategy"), or no expression or several
govern its verb, the fact gets none: a wrong date is worse than no date, because a timeline sorts
by it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..core.records import Fact, Time

POINT_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|yesterday|today|tomorrow|tonight|ago|(?:this|last|next|past|previous|coming)\s+(?:week|month|year|weekend))\b"
    r"|\b(?:1[5-9]|20)\d\d\b", re.IGNORECASE)
HAS_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
DURATION = re.compile(r"^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|some|\d+)"
                      r"(?:\s+or\s+\w+)?\s+(?:days?|weeks?|months?|years?|decades?|centuries?)$", re.IGNORECASE)
DECADE = re.compile(r"\b\d{2,4}'?s\b")
MODIFIERS = re.compile(r"^(?:early|earlier|late|later|mid-?|the\s+(?:end|start|beginning|middle)\s+of)\s*", re.IGNORECASE)
NOT_WHEN = {"by", "until", "till", "before", "after", "since", "from", "through", "to", "for", "within", "between",
            "throughout"}
FUTURE_MARKS = {"will", "shall", "'ll", "wo"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY = re.compile(rf"^({'|'.join(WEEKDAYS)})(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE)
PERIODS = {"day": "day", "part_of_day": "day", "week": "week", "month": "month", "year": "year"}


class TimeMention(NamedTuple):
    """A time expression found in the text: where it is, the token it hangs on, what it means."""

    time: Time
    start: int
    end: int
    root: int  # index of the expression's root token in the doc


def find_times(doc: Doc, day: dt.date | None, within: list[tuple[int, int]] | None = None) -> list[TimeMention]:
    """The time expressions of a parse that name a point in time, normalised against ``day``
    (the article's publication date; None keeps only expressions with a year of their own).

    Args:
        doc: a spaCy parse with named entities.
        day: the base of relative expressions.
        within: only in these character ranges (the sentences of facts): dateparser takes a few
            milliseconds an expression, and most of an article's dates date no fact.
    """
    found = []
    text = doc.text  # spaCy rebuilds Doc.text on each access: read it once
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if within is not None and not any(start <= ent.start_char < end for start, end in within):
            continue
        mention = _time_of(ent, day, text)
        if mention is not None:
            found.append(mention)
    return found


def _time_of(ent: Span, day: dt.date | None, doc_text: str) -> TimeMention | None:
    text = " ".join(ent.text.split())
    preposition = ent.root.head if ent.root.dep_ == "pobj" and ent.root.head.i == ent.start - 1 else None
    if preposition is not None and preposition.lower_ in NOT_WHEN:
        return None
    if not POINT_WORDS.search(text) or DURATION.match(text) or DECADE.search(text):
        return None
    if day is None and not HAS_YEAR.search(text):
        return None  # "on Tuesday" without the article's date names no day
    normal = normalise(MODIFIERS.sub("", text), day, _tense(ent.root))
    if normal is None:
        return None
    start = preposition.idx if preposition is not None else ent.start_char
    words = doc_text[start:ent.end_char]
    return TimeMention(Time(" ".join(words.split()), *normal), start, ent.end_char, ent.root.i)


@lru_cache(maxsize=4096)  # the same words on the same day ("Monday", "last week") come back often
def normalise(text: str, day: dt.date | None, tense: str = "past") -> tuple[str, str] | None:
    """The ISO day and precision a time expression names, relative to ``day``.

    >>> normalise("last week", dt.date(2019, 9, 25))
    ('2019-09-16', 'week')
    >>> normalise("Tuesday", dt.date(2019, 9, 25), "future")
    ('2019-10-01', 'day')
    >>> normalise("in 2019", None)
    ('2019-01-01', 'year')
    """
    base = dt.datetime.combine(day or dt.date(2000, 1, 1), dt.time(12))
    prefer = {"future": "future", "present": "current_period"}.get(tense, "past")
    cleaned = re.sub(r"^(?:on|in|at|during|over)\s+", "", text.strip(), flags=re.IGNORECASE)
    weekday = WEEKDAY.match(cleaned)
    if weekday and day is not None and tense != "future" and WEEKDAYS.index(weekday.group(1).lower()) == day.weekday():
        return day.isoformat(), "day"  # "on Thursday" in Thursday's paper is that day, not a week before
    try:
        found = _parser(base, prefer).get_date_data(cleaned)
    except (ValueError, OverflowError):  # "in 9999 next year": past what dates can hold
        return None
    if found is None or found.date_obj is None or found.period not in PERIODS:
        return None
    precision = PERIODS[found.period]
    when = found.date_obj.date()
    if precision == "week":
        when -= dt.timedelta(days=when.weekday())
    elif precision == "month":
        when = when.replace(day=1)
    elif precision == "year":
        when = when.replace(month=1, day=1)
    return when.isoformat(), precision


@lru_cache(maxsize=64)  # one parser per article date and tense: a corpus has many dates
def _parser(base: dt.datetime, prefer: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first"})


def _tense(token: Token) -> str:
    """The tense of the clause a time expression is in: future ("will", "'ll", "going to"),
    past (a past-tense verb or auxiliary), else present."""
    verb = governing_verb(token)
    if verb is None:
        return "past"
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_MARKS for a in auxiliaries) or (verb.head.lemma_ == "go" and verb.dep_ == "xcomp"):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    return "present"


def governing_verb(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` in the parse."""
    for candidate in [token, *token.ancestors]:
        if candidate.pos_ in ("VERB", "AUX"):
            return candidate
    return None


# ------------------------------------------------------------------------------- facts

def date_facts(facts: list[Fact], doc: Doc, times: list[TimeMention], token_entity: dict[int, str]) -> list[Fact]:
    """``facts``, each with the time its sentence says it happened, where it says so (the rule
    is in the module docstring)."""
    by_sentence: dict[int, list[TimeMention]] = defaultdict(list)
    for mention in times:
        by_sentence[doc[mention.root].sent.start_char].append(mention)
    dated = []
    for fact in facts:
        span = doc.char_span(fact.evidence.start, fact.evidence.end, alignment_mode="expand")
        candidates = by_sentence.get(span.sent.start_char, []) if span is not None else []
        chosen = _time_for(fact, span, candidates, doc, token_entity) if candidates else None
        dated.append(fact._replace(time=chosen.time) if chosen is not None else fact)
    return dated


def _time_for(fact: Fact, span: Span, candidates: list[TimeMention], doc: Doc,
              token_entity: dict[int, str]) -> TimeMention | None:
    verbs = _fact_verbs(fact, span, token_entity)
    if verbs is None:
        return None  # its participant is named under two verbs ("Smith, who took office in July, ... his plan")
    if not verbs:
        return candidates[0] if len(candidates) == 1 else None
    governing = [m for m in candidates if governing_verb(doc[m.root]) in verbs]
    return governing[0] if len(governing) == 1 else None


def _fact_verbs(fact: Fact, span: Span, token_entity: dict[int, str]) -> list[Token] | None:
    """The fact's verb and the verbs above it in its clause chain that share its subject; None
    when the participant is named under two different verbs (which one is the fact's is unknown)."""
    for key in (fact.subject, fact.object):
        tokens = [t for t in span if token_entity.get(t.i) == key]
        chains = [_chain(v, key, token_entity) for v in {v.i: v for v in map(governing_verb, tokens) if v}.values()]
        if chains:
            # "Smith said she backs": both verbs on one chain, the lowest speaks for the fact
            whole = [c for c in chains if all(other[0] in c for other in chains)]
            return whole[0] if whole else None
    return []


def _chain(verb: Token, key: str, token_entity: dict[int, str]) -> list[Token]:
    chain = [verb]
    while verb.dep_ in ("xcomp", "ccomp", "conj", "advcl") and verb.head.i != verb.i:
        upper = verb.head
        if verb.dep_ != "xcomp" and not any(token_entity.get(c.i) == key for c in upper.children
                                             if c.dep_ in ("nsubj", "nsubjpass")):
            break
        chain.append(upper)
        verb = upper
    return chain
