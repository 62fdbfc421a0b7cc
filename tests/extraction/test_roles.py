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
    ("Antony Blinken, now the secretary of state, landed in Cairo.", ("Antony Blinken", "secretary of state", None)),
    ("Kamala Harris served as the US vice president until January.", ("Kamala Harris", "vice president", "United States")),
    ("Brazil's President Luiz Inácio Lula da Silva hosted the summit.",
     ("Luiz Inácio Lula da Silva", "president", "Brazil")),
    ("Labour Party leader Keir Starmer spoke in London.", ("Keir Starmer", "leader", "Labour Party")),
    ("Former US Ambassador to Japan Caroline Kennedy wrote on Twitter.", ("Caroline Kennedy", "ambassador", "United States")),
    # the parser hangs the country on the name and leaves "of" without an object
    ("Olaf Brandt visited Paris. Chancellor of Austria Karl Nehring stayed home.",
     ("Karl Nehring", "chancellor", "Austria")),
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
    text = ("Sir Keir Starmer visited Kyiv on Monday. On the visit the prime minister spoke with President "
            "Volodymyr Zelensky of Ukraine, a week before Donald Trump takes office as US president.")
    found = roles(extract_from(text))
    assert ("Keir Starmer", "prime minister", "United States") not in found
    assert ("Keir Starmer", "prime minister", "Ukraine") not in found


@pytest.mark.parametrize("text, expected", [
    # a plural title over coordinated names: each name with its own "of"
    ("Presidents Gustavo Petro of Colombia and Daniel Noboa of Ecuador signed a border accord.",
     {("Gustavo Petro", "president", "Colombia"), ("Daniel Noboa", "president", "Ecuador")}),
    ("Prime Ministers Mark Carney of Canada and Anthony Albanese of Australia spoke by phone.",
     {("Mark Carney", "prime minister", "Canada"), ("Anthony Albanese", "prime minister", "Australia")}),
    # the title's country from its own noun phrase
    ("Portuguese Prime Minister Luis Montenegro arrived in Madrid.", {("Luis Montenegro", "prime minister", "Portugal")}),
    ("Luis Montenegro, the Prime Minister of Portugal, arrived in Madrid.",
     {("Luis Montenegro", "prime minister", "Portugal")}),
    ("Pedro Pierluisi, Puerto Rico's governor, signed the budget.", {("Pedro Pierluisi", "governor", "Puerto Rico")}),
    # an office in apposition makes the name a person's, whatever NER's label
    ("Olaf Scholz, the Chancellor of Germany, flew to Rome.", {("Olaf Scholz", "chancellor", "Germany")}),
    ("Helen Carter, the president of the National Rifle League, resigned on Monday.",
     {("Helen Carter", "president", "National Rifle League")}),
    # ... and never from a neighbouring phrase
    ("After two days of talks in Japan, President Joe Biden flew home.", {("Joe Biden", "president", None)}),
])
def test_roles_title_country_comes_from_its_own_phrase(extract_from, text, expected):
    found = roles(extract_from(text))
    assert expected <= found, sorted(found)
    people = {person for person, _, _ in expected}
    assert not {r for r in found if r[0] in people} - expected, sorted(found)


@pytest.mark.parametrize("text", [
    # a hypothesis names no one
    "Under the constitution, if the president and the vice president both resign, the speaker takes over. "
    "Mike Johnson said the rule was clear.",
    # a title spoken of in a quotation is not its speaker's
    'Mark Warner spoke to reporters on Friday. "We made our position clear to the president weeks ago," he said.',
    # a title someone will hold one day
    "Rishi Sunak, a future prime minister, studied economics at Oxford.",
    "Jane Porter, the would-be governor, toured the state on Friday.",
    # a title in a clause someone reports is someone else's
    "Ana Ruiz said the president should resign.",
    "Tom Hart told reporters the minister had lied about the contracts.",
])
def test_roles_no_role_from_a_hypothetical_or_generic_title(extract_from, text):
    assert roles(extract_from(text)) == set()


@pytest.mark.parametrize("text, expected", [
    # a portfolio after "of" belongs to the title; "for" names what it is of
    ("Sylvia Jones, the Minister of Health for Ontario, announced new rules.", ("Sylvia Jones", "minister of health", None)),
    # a post held
    ("Kevin Hart, who occupied the office of Speaker for two years, retired in May.", ("Kevin Hart", "speaker", None)),
    # an organisation's kind before a title refers to the one named before
    ("The Finance Committee met on Monday. Committee chairman Robert Blake said the budget was late.",
     ("Robert Blake", "chairman", "Finance Committee")),
    ("The Court of Appeal heard the case in June. Lord Justice Green, the senior judge of the court, ruled on Friday.",
     ("Green", "judge", "Court of Appeal")),
    # a pronoun named by the time the title is read
    ("Maria Lopez is a lawyer from Texas. Later she worked as the district attorney of the city of Austin.",
     ("Maria Lopez", "district attorney", "Austin")),
    ("Speaking to the press, the chair of the Green Pension Fund, Laura Weiss, said returns had fallen.",
     ("Laura Weiss", "chair", "Green Pension Fund")),
])
def test_roles_posts_portfolios_and_organisations_described(extract_from, text, expected):
    assert expected in roles(extract_from(text))


def test_roles_the_president_is_not_the_vice_president(extract_from):
    text = ('President Ana Ruiz met Vice President Tom Berg on Monday, after the vice president had returned. '
            '"The talks went well," the president said.')
    extraction = extract_from(text)
    assert ("Tom Berg", "president", None) not in roles(extraction)
    assert [extraction.entities[q.speaker].name for q in extraction.quotes] == ["Ana Ruiz"]


@pytest.mark.parametrize("text, expected", [
    # the organisation a person heads
    ("The Supreme Court is led by President Brenda Hale.", ("Brenda Hale", "president", "Supreme Court")),
    # no office placed at all, in an article about one country
    ("Norway will raise its fuel tax. The Norwegian parliament approved the budget, and analysts in Norway "
     "expected more. Prime Minister Jonas Gahr Store said the money would go to schools.",
     ("Jonas Gahr Store", "prime minister", "Norway")),
])
def test_roles_what_an_office_is_of_from_the_article(extract_from, text, expected):
    assert expected in roles(extract_from(text))


def test_roles_a_title_alone_names_no_one(extract_from):
    extraction = extract_from(
        "Should the President and Vice President both resign, the Speaker would serve as acting head of state.")
    assert not extraction.entities and not extraction.roles


def test_roles_a_title_over_another_titled_name_is_not_that_persons(extract_from):
    found = roles(extract_from("A former adviser for U.S. President Ruth Bell was charged on Monday."))
    assert ("Ruth Bell", "president", "United States") in found
    assert not any(who == "Ruth Bell" and "adviser" in title for who, title, _ in found), found


@pytest.mark.parametrize("text, expected", [
    # two titles joined by "and" before one name are both that person's
    ("Green Party leader and Finance Minister Ana Ruiz said the vote was fair.", ("Ana Ruiz", "leader", "Green Party")),
    # an apposition no comma closes: the parser makes the title and the name two subjects
    ("The Liberal Party's chairman, Tom Berg said he will not stand in the next race.",
     ("Tom Berg", "chairman", "Liberal Party")),
    # the apposition hung on the organisation the title is of; the title is of that organisation,
    # not of the country that owns it
    ("Later, the head of Chile's Red Cross, Marta Gonzalez, said the army had failed.",
     ("Marta Gonzalez", "head", "International Committee of the Red Cross")),
    # a participle the parser reads as an adjective, and its common misspelling
    ("The Tribunal of Lima is lead by President Ana Ruiz.", ("Ana Ruiz", "president", "Tribunal of Lima")),
    # cabinet portfolios before "secretary"
    ("Energy Secretary Tom Berg visited Ohio on Monday.", ("Tom Berg", "energy secretary", None)),
    # a tenure said to be someone's
    ("The law was passed during Tom Berg's presidency, before the coup.", ("Tom Berg", "president", None)),
    ("Ana Ruiz praised the reforms. Her premiership ended in 2004.", ("Ana Ruiz", "prime minister", None)),
    # a verb of holding or leaving an office: its subject held it
    ("The Green Party lost badly. Tom Berg said he would resign the leadership of the Green Party in May.",
     ("Tom Berg", "leader", "Green Party")),
    ("In 2010 Tom Berg regained the prime ministry of Norway for a second term.", ("Tom Berg", "prime minister", "Norway")),
    # a gloss in brackets between the title and the name
    ("Speakers included Green MP (Member of Parliament) Tom Berg and others.", ("Tom Berg", "mp", None)),
])
def test_roles_coordinated_titles_loose_appositions_and_tenures(extract_from, text, expected):
    assert expected in roles(extract_from(text))


@pytest.mark.parametrize("text", [
    # after a determiner the two titles may be two people
    "The president and Prime Minister Ana Ruiz met on Friday.",
    # a tenure still to come, or another office
    "Critics feared a Ruiz presidency.",
    "During his vice-presidency, Tom Berg led the talks.",
    # an office sought, or taken only in a hypothesis
    "Tom Berg sought the presidency of the Chess League.",
    "By the club rules, the treasurer Tom Berg takes over the chairmanship of the club if the chairman resigns.",
    # the office a ticket runs for is no title of the next name
    "The Harbor Party nominated activist Lena Ortiz for president and professor Tom Garvey for vice president.",
])
def test_roles_no_shared_title_or_tenure(extract_from, text):
    found = roles(extract_from(text))
    assert not any(title in ("president", "vice president", "chairman") for _, title, _ in found), found


def test_roles_a_demonym_before_a_title_is_the_titles_country(extract_from):
    extraction = extract_from("Danish Premier Lars Holm met the Chancellor of Austria, Karl Nehring.")
    found = {(extraction.entities[r.person].name, r.title, extraction.entities[r.of].name if r.of else None)
             for r in extraction.roles}
    assert ("Lars Holm", "premier", "Denmark") in found, found


@pytest.mark.parametrize("text, name, title", [
    ("Crown Prince Hamid bin Khalid met the envoy in Doha.", "Hamid bin Khalid", "crown prince"),
    ("Prime Minister Ana Ruiz resigned on Monday.", "Ana Ruiz", "prime minister"),
])
def test_roles_a_title_of_two_words_opening_a_sentence_is_no_part_of_the_name(extract_from, text, name, title):
    extraction = extract_from(text)
    people = [e for e in extraction.entities.values() if e.type == "Person"]
    assert [(e.name, sorted(e.aliases)) for e in people][:1] == [(name, [])]
    assert (name, title) in {(extraction.entities[r.person].name, r.title) for r in extraction.roles}


def test_roles_a_diplomats_counterpart_is_not_of_the_diplomats_country(extract_from):
    extraction = extract_from("Britain's Foreign Secretary Tom Lane visited Kyiv and met President Olena Hrytsenko.")
    found = {(extraction.entities[r.person].name, r.title, extraction.entities[r.of].name if r.of else None)
             for r in extraction.roles}
    assert ("Olena Hrytsenko", "president", "United Kingdom") not in found, found
    assert {e.name: e.type for e in extraction.entities.values()}.get("Kyiv") == "Place"
