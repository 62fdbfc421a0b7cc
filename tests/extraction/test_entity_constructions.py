"""Entities: constructions of English that name an entity spaCy cuts, glues or mislabels."""

from __future__ import annotations

import pytest

from test_relations import stances


def entities(extraction):
    return {e.name: e for e in extraction.entities.values()}


@pytest.mark.parametrize("text, party, alias", [
    ("The bill passed with 212 Democrats voting for it, and Democrats said they would try again.",
     "Democratic Party", "Democrats"),
    ("Most Republicans stayed away from the hearing in Ohio on Tuesday.", "Republican Party", "Republicans"),
    ("After the count the Tories held the seat by a small margin.", "Conservative Party", "Tories"),
])
def test_entities_the_plural_of_a_partys_members_names_the_party(extract_from, text, party, alias):
    found = entities(extract_from(text))
    assert party in found, sorted(found)
    assert found[party].type == "Organization"
    assert alias in found[party].aliases


@pytest.mark.parametrize("text, name, parts", [
    ("A lawyer for the Baltic League for the Protection of Coastal Birds said the permit was unlawful.",
     "Baltic League for the Protection of Coastal Birds", {"Baltic League", "Protection of Coastal Birds"}),
    ("Reporters at the Harbour Town Centre for Investigative Reporting obtained the letters.",
     "Harbour Town Centre for Investigative Reporting", {"Harbour Town Centre", "Investigative Reporting"}),
])
def test_entities_an_organisations_name_cut_at_a_preposition_is_joined(extract_from, text, name, parts):
    found = entities(extract_from(text))
    assert name in found, sorted(found)
    assert found[name].type == "Organization"
    assert not parts & set(found)


@pytest.mark.parametrize("text, not_joined", [
    ("The clip was posted on YouTube on Saturday and seen by thousands.", "YouTube on Saturday"),
    ("She signed with the NBA for the Denver Nuggets after one season abroad.", "NBA for the Denver Nuggets"),
])
def test_entities_a_name_and_what_follows_its_preposition_stay_apart(extract_from, text, not_joined):
    assert not_joined not in entities(extract_from(text))


def test_entities_a_body_of_a_country_and_its_short_name_are_one(extract_from):
    text = ("The Supreme Court of Norway heard the appeal in May. In June the Supreme Court ruled that the "
            "fishing ban was lawful.")
    found = entities(extract_from(text))
    assert "Supreme Court of Norway" in found, sorted(found)
    assert "Supreme Court" in found["Supreme Court of Norway"].aliases
    assert "Supreme Court" not in found


@pytest.mark.parametrize("text, person, not_an_entity", [
    # spaCy reads both runs as one organisation
    ('Voter Tess Mak told The Herald, "We waited for hours."', "Tess Mak", "Voter Tess Mak"),
    ("Head of the Society for Coastal - Marine Studies Ella Novak said the boat sank.", "Ella Novak",
     "Society for Coastal - Marine Studies Ella Novak"),
    ("Broadcaster Anna Lane said the exchange had closed.", "Anna Lane", "Broadcaster Anna Lane"),
])
def test_entities_a_persons_name_is_cut_from_the_words_glued_to_it(extract_from, text, person, not_an_entity):
    found = entities(extract_from(text))
    assert person in found and found[person].type == "Person", sorted(found)
    assert not_an_entity not in found


@pytest.mark.parametrize("one, other, same", [
    ("42nd u s congress", "congress", True),  # one sitting of a body, as NER sometimes takes it in
    ("3rd ruritania parliament", "parliament", False),  # the words after the ordinal must name a country
    ("senate of france", "senate", True),
    ("senate of ruritania", "senate", False),
])
def test_resolve_ordinals_and_country_words_around_a_name_keep_it_one(one, other, same):
    from kg.extraction.resolve import _variant
    assert _variant(one, other) is same


@pytest.mark.parametrize("text, name, kind", [
    # a given name and a surname that is also a plural place word: the person, not the place
    ("From 1990 Ella Rivers ran the clinic in the valley.", "Ella Rivers", "Person"),
    ("From 2004 Nina Parks ran the shelter in Ohio.", "Nina Parks", "Person"),
    # ... while a place named by such a word stays a place
    ("Tourists crowded the bridge over Victoria Falls.", "Victoria Falls", "Place"),
])
def test_entities_a_surname_that_is_a_place_word_after_a_given_name(extract_from, text, name, kind):
    found = entities(extract_from(text))
    assert name in found and found[name].type == kind, {n: e.type for n, e in found.items()}


@pytest.mark.parametrize("text, not_entity, entity", [
    ("Schools close on Martin Luther King Jr. Day and on Labor Day.", "Martin Luther King Jr. Day", None),
    ("Doris Day sang at the gala on Labor Day.", "Labor Day", "Doris Day"),
    ("Governor Ana Ruiz tested positive for COVID-19 on Friday.", "COVID-19", "Ana Ruiz"),
    # an ordinal is no such digit
    ("In 1790 the estate passed to Henry Ames, 3rd Earl of Wessex, who sold it.", None, "3rd Earl"),
])
def test_entities_days_and_names_with_digits_are_not_people(extract_from, text, not_entity, entity):
    found = entities(extract_from(text))
    assert not_entity is None or not_entity not in found, sorted(found)
    assert entity is None or found[entity].type == "Person", sorted(found)


@pytest.mark.parametrize("text, law, entity", [
    ("Governor Sam Ito signed the Clean Rivers Protection Act.", "Clean Rivers Protection Act", "Sam Ito"),
    ("The Patriot Act was renewed by Congress.", "Patriot Act", "Congress"),
])
def test_entities_a_named_law_is_not_an_entity(extract_from, text, law, entity):
    found = entities(extract_from(text))
    assert law not in found, sorted(found)
    assert entity in found, sorted(found)


@pytest.mark.parametrize("text, government, country, fact", [
    ("The Hungarian government rejected the tax plan. On Monday the government proposed a levy on sugar.",
     "Government of Hungary", "Hungary", ("Government of Hungary", "proposes", "levy on sugar")),
    ("The Ontario government proposed an amendment to the zoning law.",
     "Government of Ontario", "Ontario", ("Government of Ontario", "proposes", "amendment to the zoning law")),
    ("The Government of Chile rejected the tax plan.", "Government of Chile", "Chile",
     ("Government of Chile", "opposes", "tax plan")),
])
def test_entities_a_government_that_acts_is_an_organisation(extract_from, text, government, country, fact):
    extraction = extract_from(text)
    found = entities(extraction)
    assert found[government].type == "Organization" and country in found, sorted(found)
    assert fact in stances(extraction), stances(extraction)


def test_entities_a_government_only_mentioned_is_no_entity(extract_from):
    found = entities(extract_from("Workers in Chile went unpaid during the government shutdown."))
    assert not any(name.startswith("Government") for name in found), sorted(found)


@pytest.mark.parametrize("text, inner, kind, outer", [
    # a memorial commemorates a person, whatever the person's name looks like
    ("Crowds gathered outside the Tan Wei Ming Memorial on Sunday evening.", "Tan Wei Ming", "Person",
     "Tan Wei Ming Memorial"),
    # a stop named after what it serves: the hospital is mentioned, and is not the station
    ("Get off the train at Kestrel Bay Hospital Station and walk north.", "Kestrel Bay Hospital", "Place",
     "Kestrel Bay Hospital Station"),
    # a road named after a person with a given name
    ("Traffic on the Jacob Hollins Turnpike was slow after the storm.", "Jacob Hollins", "Person",
     "Jacob Hollins Turnpike"),
])
def test_entities_a_name_inside_the_name_of_what_was_named_after_it(extract_from, text, inner, kind, outer):
    found = entities(extract_from(text))
    assert inner in found and found[inner].type == kind, sorted(found)
    assert outer in found and found[outer].type == "Place", sorted(found)


@pytest.mark.parametrize("name, given_after", [
    ("kestrel bay hospital station", "kestrel bay hospital"),
    ("tan wei ming memorial hall", "tan wei ming"),  # "Memorial" stands between the name and the hall
    ("orvel international airport", "orvel"),
    ("orvel museum", None),  # a museum is most often the thing its short name names ("the Prado")
])
def test_namedafter_the_name_a_name_was_given_after(name, given_after):
    from kg.extraction.namedafter import given_after as inner
    assert inner(name) == given_after


@pytest.mark.parametrize("text, not_entity", [
    ("The council met at City Hall on Monday to vote on the budget.", "City"),  # a common word, not a name
    ("Flights leave Corran Sky Harbor Airport for the coast every hour.", "Corran Sky Harbor"),  # the airport's own name
])
def test_entities_no_name_inside_a_name_that_names_nothing_else(extract_from, text, not_entity):
    assert not_entity not in entities(extract_from(text))


@pytest.mark.parametrize("text, name, kind", [
    ('The files were leaked by a user labelled "Greyjack" on a small forum.', "Greyjack", "Person"),
    ("Last spring a band called Velvet Marrow toured the coast.", "Velvet Marrow", "Organization"),
    ("A group known as the Grey Owls claimed the hoax on Monday.", "Grey Owls", "Organization"),
])
def test_entities_a_name_given_to_what_a_noun_describes_is_typed_by_the_noun(extract_from, text, name, kind):
    found = entities(extract_from(text))
    assert name in found and found[name].type == kind, sorted(found)


def test_entities_an_abbreviated_place_in_a_name_is_also_spelt_out(extract_from):
    found = entities(extract_from("Researchers at the University of NSW measured the salt in bread."))
    assert "University of NSW" in found, sorted(found)
    assert "University of New South Wales" in found["University of NSW"].aliases


@pytest.mark.parametrize("one, other, same", [
    ("st jerome", "saint jerome", True),
    ("ste therese", "sainte therese", True),
    ("st marys church", "saint marys church", True),
    ("main st", "main saint", False),  # at the end "St" is a street
])
def test_resolve_st_opening_a_name_is_saint(one, other, same):
    from kg.extraction.resolve import _variant
    assert _variant(one, other) is same


@pytest.mark.parametrize("text, name, other", [
    ("Vantaa Airport (IATA: HEL) is north of Helsinki. Most flights to HEL were cancelled on Monday.",
     "Vantaa Airport", "HEL"),
    ("Shares of Brightwell Foods (NASDAQ: BWFD) rose on Monday after Brightwell Foods said profits grew.",
     "Brightwell Foods", "BWFD"),
    ("Tallinn (formerly known as Reval) is the capital of Estonia.", "Tallinn", "Reval"),
    ("Ella Novak (also known as Nora) left the band.", "Ella Novak", "Nora"),
])
def test_entities_another_name_in_brackets_after_a_label_or_cue_is_the_same(extract_from, text, name, other):
    found = entities(extract_from(text))
    owner = [e for e in found.values() if name in {e.name, *e.aliases}]
    assert len(owner) == 1 and other in {owner[0].name, *owner[0].aliases}, sorted(found)
    assert not {"IATA", "NASDAQ"} & set(owner[0].aliases)  # the label names who gives the code


def test_entities_a_language_labelling_a_name_in_brackets_is_no_name(extract_from):
    found = entities(extract_from("Tallinn (Estonian: Tallinn, formerly known as Reval) is a port."))
    assert "Reval" in found["Tallinn"].aliases, sorted(found)
    assert not {"Estonian", "Estonia"} & set(found)


@pytest.mark.parametrize("text, long, short", [
    ("She joined the Portland Blue Herons in 2015. The Blue Herons finished last that season.",
     "Portland Blue Herons", "Blue Herons"),
    ("The Leeds Inner Ring Road was closed on Sunday. Traffic on the Inner Ring Road was slow.",
     "Leeds Inner Ring Road", "Inner Ring Road"),
    ("The Kestrel Guard Corps-Night Brigade attacked the base. The Night Brigade denied it on Friday.",
     "Kestrel Guard Corps-Night Brigade", "Night Brigade"),
    ("The African Court on Human Rights ruled on Monday. The Court on Human Rights said the law was void.",
     "African Court on Human Rights", "Court on Human Rights"),
])
def test_entities_the_tail_of_a_longer_name_after_a_place_or_hyphen_is_its_short_form(extract_from, text, long, short):
    found = entities(extract_from(text))
    assert long in found, sorted(found)
    assert short in found[long].aliases
    assert short not in found


def test_entities_a_persons_surname_after_a_hyphen_is_not_the_short_form_of_a_ticket(extract_from):
    # two people's surnames joined by a hyphen name a pairing of them, not a body with a short form
    found = entities(extract_from("Governor Paul Ferris chose Senator Dana Whitcombe as his running mate. Her "
                                  "sister Maya Whitcombe is a lawyer. Critics said Ferris-Whitcombe would lose in "
                                  "November. Whitcombe said she would campaign in Ohio. Whitcombe spoke in Denver."))
    assert "Whitcombe" not in found.get("Ferris-Whitcombe", found["Dana Whitcombe"]).aliases


def test_entities_a_party_whose_name_ends_another_partys_stays_apart(extract_from):
    found = entities(extract_from("The Social Democratic Party and the Democratic Party both lost seats in the election."))
    assert {"Social Democratic Party", "Democratic Party"} <= set(found)


def test_entities_a_companys_arm_in_a_country_is_the_company(extract_from):
    found = entities(extract_from("Brightwell Foods Ireland Limited lodged the appeal. Brightwell Foods said it "
                                  "would comply with the ruling."))
    owner = [e for e in found.values() if "Brightwell Foods" in {e.name, *e.aliases}]
    assert len(owner) == 1 and "Brightwell Foods Ireland Limited" in {owner[0].name, *owner[0].aliases}


def test_entities_a_team_only_ner_calls_a_person_is_the_tail_of_its_full_name(extract_from):
    found = entities(extract_from("He signed with the Pittsburgh Pirates in 2012. He was the second Pirates player "
                                  "to do it."))
    assert "Pittsburgh Pirates" in found, sorted(found)
    assert "Pirates" in found["Pittsburgh Pirates"].aliases
    assert found["Pittsburgh Pirates"].type != "Person"


def test_entities_initials_of_a_names_start_with_the_rest_written_out_are_the_name(extract_from):
    found = entities(extract_from("He taught at the University of Ardmore, Lindale, for a decade. A dinner was held "
                                  "at UA Lindale in his honour."))
    owner = [e for e in found.values() if "UA Lindale" in {e.name, *e.aliases}]
    assert len(owner) == 1 and owner[0].name == "University of Ardmore, Lindale", sorted(found)


@pytest.mark.parametrize("text, person, other", [
    ("Rook Vance was the pen name of the poet Edith Marr. Vance published four books.", "Edith Marr", "Rook Vance"),
    ("Lady Zora, the stage name of Ann Whitcombe, sang in Leeds on Friday.", "Ann Whitcombe", "Lady Zora"),
])
def test_entities_a_pen_or_stage_name_is_its_owners(extract_from, text, person, other):
    found = entities(extract_from(text))
    owner = [e for e in found.values() if person in {e.name, *e.aliases}]
    assert len(owner) == 1 and other in {owner[0].name, *owner[0].aliases}, sorted(found)


def test_entities_a_monarchs_title_alone_is_no_name(extract_from):
    found = entities(extract_from("The envoys waited a week before the Tsar received them. Tsar Ivan thanked them."))
    assert "Tsar" not in found, sorted(found)
    assert "Ivan" in found


@pytest.mark.parametrize("text, name", [
    # two given names joined by a hyphen, with no second sentence to help
    ("Jean-Pierre Morel met Ursula Kemp in Lyon.", "Jean-Pierre Morel"),
    ("Anne-Marie Dubois opened the new library on Monday.", "Anne-Marie Dubois"),
])
def test_entities_hyphen_joined_given_names_are_a_person(extract_from, text, name):
    types = {e.name: e.type for e in extract_from(text).entities.values()}
    assert types.get(name) == "Person", types


def test_entities_a_name_under_a_plural_title_is_a_person(extract_from):
    extraction = extract_from("Presidents Lena Park of Chile and Olaf Brandt of Peru met in Lima.")
    types = {e.name: e.type for e in extraction.entities.values()}
    assert types.get("Lena Park") == types.get("Olaf Brandt") == "Person", types
    roles = {(extraction.entities[r.person].name, r.title, extraction.entities[r.of].name if r.of else None)
             for r in extraction.roles}
    assert {("Lena Park", "president", "Chile"), ("Olaf Brandt", "president", "Peru")} <= roles, roles
    met = {f.relation for f in extraction.facts if f.relation == "met"}
    assert met == {"met"}


def test_entities_a_known_place_keeps_its_name_over_a_bracketed_qualifier(extract_from):
    extraction = extract_from("Of the people in Brisbane (Inner Suburbs) aged over 15, most rent. Brisbane grew fast.")
    names = {e.name for e in extraction.entities.values() if e.type == "Place"}
    assert "Brisbane" in names and "Inner Suburbs" not in names, names
