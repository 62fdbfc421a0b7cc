"""Roles: the title a person holds, and the country or organisation it is of."""

from __future__ import annotations

import pytest


def roles(extraction):
    names = {k: e.name for k, e in extraction.entities.items()}
    return {(names[r.person], r.title, names.get(r.of)) for r in extraction.roles}


@pytest.mark.parametrize("text, expected", [
    ("German Chancellor Olaf Scholz arrived in Warsaw.", ("Olaf Scholz", "chancellor", "Germany")),
    ("Chinese Foreign Minister Wang Yi met reporters.", ("Wang Yi", "foreign minister", "China")),
    ("Jens Stoltenberg, the secretary-general of NATO, said the alliance was ready.",
     ("Jens Stoltenberg", "secretary-general", "North Atlantic Treaty Organization")),
    ("The Canadian prime minister, Justin Trudeau, said Ottawa would respond.",
     ("Justin Trudeau", "prime minister", "Canada")),
    ("Antony Blinken, who is the secretary of state, flew to Cairo.", ("Antony Blinken", "secretary of state", None)),
    ("Kamala Harris served as the US vice president until January.", ("Kamala Harris", "vice president", "United States")),
    ("Brazil's President Luiz Inácio Lula da Silva hosted the summit.",
     ("Luiz Inácio Lula da Silva", "president", "Brazil")),
    ("Labour Party leader Keir Starmer spoke in London.", ("Keir Starmer", "leader", "Labour Party")),
    ("Former US Ambassador to Japan Caroline Kennedy wrote on Twitter.", ("Caroline Kennedy", "ambassador", "United States")),
])
def test_roles_are_read_from_titles(extract_from, text, expected):
    assert expected in roles(extract_from(text))


@pytest.mark.parametrize("text, person, title, of", [
    # the definite title refers to the person named with that title earlier
    ("President Cyril Ramaphosa met the delegation. The South African president said talks would go on.",
     "Cyril Ramaphosa", "president", "South Africa"),
    # no one holds it yet: the person the passage is about
    ("Mark Rutte flew to Washington on Monday. The prime minister met senators on Tuesday.",
     "Mark Rutte", "prime minister", None),
])
def test_roles_definite_titles_refer_to_people(extract_from, text, person, title, of):
    assert (person, title, of) in roles(extract_from(text))


def test_roles_a_title_of_another_country_is_someone_else(extract_from):
    text = ("President Joe Biden spoke with President Volodymyr Zelensky. "
            "The Ukrainian president thanked him.")
    extraction = extract_from(text)
    found = roles(extraction)
    assert ("Volodymyr Zelensky", "president", "Ukraine") in found
    assert ("Joe Biden", "president", "Ukraine") not in found


def test_roles_national_office_takes_the_country_named_with_another(extract_from):
    text = "Spain's King Felipe VI received Prime Minister Pedro Sanchez at the palace on Monday."
    assert ("Pedro Sanchez", "prime minister", "Spain") in roles(extract_from(text))


def test_roles_offices_of_a_one_country_article_are_of_that_country(extract_from):
    text = ("US President Joe Biden spoke on Monday. Later, Secretary of State Antony Blinken "
            "flew to Cairo.")
    assert ("Antony Blinken", "secretary of state", "United States") in roles(extract_from(text))


def test_roles_a_plural_title_is_each_ones(extract_from):
    text = "The plan was backed by Senators Elizabeth Warren and Bernie Sanders on Tuesday."
    found = roles(extract_from(text))
    assert ("Elizabeth Warren", "senator", None) in found and ("Bernie Sanders", "senator", None) in found


@pytest.mark.parametrize("text, person, title, of", [
    ("Party members voted to elect Jane Doe as the new Labour Party leader.", "Jane Doe", "leader", "Labour Party"),
    ("Boris Johnson won the seat. Theresa May appointed him Foreign Secretary in 2016.",
     "Boris Johnson", "foreign secretary", None),
    ("They elected Boris Johnson, former Foreign Secretary and mayor of London, on Tuesday.",
     "Boris Johnson", "mayor", "London"),
])
def test_roles_appointments_and_listed_titles(extract_from, text, person, title, of):
    assert (person, title, of) in roles(extract_from(text))


def test_roles_two_offices_in_a_sentence_are_not_one_country(extract_from):
    text = ("Sir Keir Starmer visited Kyiv on Monday. The trip saw the prime minister meet President "
            "Volodymyr Zelensky of Ukraine days before Donald Trump is sworn in as US president.")
    found = roles(extract_from(text))
    assert ("Keir Starmer", "prime minister", "United States") not in found
    assert ("Keir Starmer", "prime minister", "Ukraine") not in found
