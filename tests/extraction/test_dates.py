"""When facts happened: time expressions found, normalised against the article's date, and given
to the fact whose verb they govern (kg.extraction.dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import names

from kg.core.records import Article
from kg.extraction.dates import find_times, normalise
from kg.extraction.extract import extract

FRIDAY = "2021-03-05"  # the articles below were published on Friday 5 March 2021


def dated_facts(nlp, text: str, date: str | None = FRIDAY) -> dict[tuple[str, str, str], tuple | None]:
    extraction = extract(Article(id="dates", text=text, date=date), nlp(text))
    return {(names(extraction, f.subject), f.relation, names(extraction, f.object)):
            (tuple(f.time) if f.time else None) for f in extraction.facts}


@pytest.mark.parametrize("text, fact, time", [
    ("Mayor Sigrid Aalto met Jonas Brekke in Ostbrook on Tuesday.",
     ("Sigrid Aalto", "met", "Jonas Brekke"), ("on Tuesday", "2021-03-02", "day")),
    ("Anja Moe met Jonas Brekke in Skarra yesterday.",
     ("Anja Moe", "met", "Jonas Brekke"), ("yesterday", "2021-03-04", "day")),
    ("Finland joined NATO in 2023.",
     ("Finland", "memberOf", "North Atlantic Treaty Organization"), ("in 2023", "2023-01-01", "year")),
    ("Chancellor Olaf Scholz travelled to Beijing last week.",
     ("Olaf Scholz", "visited", "Beijing"), ("last week", "2021-02-22", "week")),
    ("The European Commission proposed a ban on plastic cups on 3 March.",
     ("European Commission", "proposes", "ban on plastic cups"), ("on 3 March", "2021-03-03", "day")),
    ("Governor Ilse Varga proposed a new budget in March 2018.",
     ("Ilse Varga", "proposes", "new budget"), ("in March 2018", "2018-03-01", "month")),
    # the expression that governs the fact's verb, not the one in a relative clause
    ("Jonas Brekke, who retired in 2018, criticised the ferry plan last week.",
     ("Jonas Brekke", "opposes", "ferry plan"), ("last week", "2021-02-22", "week")),
    # a time of the saying dates what was said, the subject being the same
    ("On Monday, Mayor Sigrid Aalto said she backs the ferry plan.",
     ("Sigrid Aalto", "backs", "ferry plan"), ("On Monday", "2021-03-01", "day")),
])
def test_dates_fact_gets_the_time_its_sentence_says(nlp, text, fact, time):
    found = dated_facts(nlp, text)
    assert fact in found, sorted(found)
    assert found[fact] == time


@pytest.mark.parametrize("text, fact", [
    # a duration, an age and a deadline are not when something happened
    ("Anja Moe visited Norway for four weeks.", ("Anja Moe", "visited", "Norway")),
    ("Jonas Brekke, 58, criticised the ferry plan.", ("Jonas Brekke", "opposes", "ferry plan")),
    ("Anja Moe committed to a ferry deal by October 31.", ("Anja Moe", "commitsTo", "ferry deal")),
    # the only time of the sentence is in a relative clause about the subject, not the fact's clause
    ("Jonas Brekke, who retired in 2018, criticised the ferry plan.", ("Jonas Brekke", "opposes", "ferry plan")),
])
def test_dates_fact_gets_no_time_the_sentence_does_not_give_it(nlp, text, fact):
    found = dated_facts(nlp, text)
    assert fact in found, sorted(found)
    assert found[fact] is None


@pytest.mark.parametrize("text, fact, time", [
    ("Mayor Sigrid Aalto met Jonas Brekke in Ostbrook on Tuesday.", ("Sigrid Aalto", "met", "Jonas Brekke"), None),
    ("Governor Ilse Varga proposed a new budget in March 2018.",
     ("Ilse Varga", "proposes", "new budget"), ("in March 2018", "2018-03-01", "month")),
])
def test_dates_without_the_article_date_only_absolute_times_are_kept(nlp, text, fact, time):
    found = dated_facts(nlp, text, date=None)
    assert found[fact] == time


@pytest.mark.parametrize("text, day, tense, expected", [
    ("Tuesday", dt.date(2021, 3, 5), "past", ("2021-03-02", "day")),
    ("Tuesday", dt.date(2021, 3, 5), "future", ("2021-03-09", "day")),
    ("Friday", dt.date(2021, 3, 5), "past", ("2021-03-05", "day")),  # "on Friday" in Friday's paper
    ("last Friday", dt.date(2021, 3, 5), "past", ("2021-02-26", "day")),
    ("next week", dt.date(2021, 3, 5), "future", ("2021-03-08", "week")),
    ("last month", dt.date(2021, 3, 5), "past", ("2021-02-01", "month")),
    ("this year", dt.date(2021, 3, 5), "present", ("2021-01-01", "year")),
    ("two days ago", dt.date(2021, 3, 5), "past", ("2021-03-03", "day")),
    ("24 September 2019", None, "past", ("2019-09-24", "day")),
    ("the weekend", dt.date(2021, 3, 5), "past", None),
])
def test_dates_normalise_against_the_article_date(text, day, tense, expected):
    assert normalise(text, day, tense) == expected


def test_dates_future_clause_reads_a_weekday_forward(nlp):
    doc = nlp("The council will vote on the ferry contract on Tuesday.")
    [mention] = find_times(doc, dt.date(2021, 3, 5))
    assert tuple(mention.time) == ("on Tuesday", "2021-03-09", "day")
    assert doc.text[mention.start:mention.end] == "on Tuesday"
