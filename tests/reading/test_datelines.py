"""Datelines at the top of plain-text articles, and dates typed by users."""

from __future__ import annotations

import pytest

from kg.core.errors import InputError
from kg.reading.datelines import find_dateline, user_date
from kg.reading.loading import load_articles


@pytest.mark.parametrize("text, date", [
    ("Friday, January 4, 2019 \n\n\nAn apartment block collapsed on Monday.", "2019-01-04"),
    ("Sunday, September 22, 2019\n\nThe ferry ran late.", "2019-09-22"),
    ("Harbour vote delayed\n\n4 March 2021\n\nThe vote was delayed.", "2021-03-04"),
    ("OSTBROOK, Wednesday 12 November 2020 – The owners of the mill said it would close.", "2020-11-12"),
    ("2019-09-24\n\nThe court ruled.", "2019-09-24"),
    # not datelines: a date inside a sentence, a headline with a year, a day without a year
    ("Ferry deal agreed\n\nThe councils agreed a deal on 4 January 2019.", None),
    ("May 2019 was a dry month\n\nFarmers worried.", None),
    ("LONDON, Jan. 4 (Agency) - The talks resumed.", None),
])
def test_datelines_are_found_at_the_top_only(text, date):
    assert find_dateline(text) == date


def test_datelines_give_a_text_file_its_date_and_its_headline(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Thursday, March 4, 2021\n\nAssembly suspended\n\nGovernor Ilse Varga suspended the assembly "
                    "on Wednesday.\n", encoding="utf-8")
    [article] = load_articles([path])
    assert (article.date, article.title) == ("2021-03-04", "Assembly suspended")


def test_datelines_fill_a_missing_jsonl_date_only(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Friday, January 4, 2019\\n\\nThe ferry ran."}\n'
                      '{"id": "b", "date": "2019-01-05", "text": "Friday, January 4, 2019\\n\\nThe ferry ran."}\n',
                      encoding="utf-8")
    assert [a.date for a in load_articles([corpus])] == ["2019-01-04", "2019-01-05"]


@pytest.mark.parametrize("value, expected", [("2019-09-24", "2019-09-24"), ("24 September 2019", "2019-09-24"),
                                             ("Tuesday, September 24, 2019", "2019-09-24")])
def test_datelines_user_date_is_normalised(value, expected):
    assert user_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "September 2019", "2019-02-30", "soon"])
def test_datelines_user_date_that_names_no_day_is_an_input_error(value):
    with pytest.raises(InputError, match="is not a date; give a day such as 2019-09-24"):
        user_date(value)
