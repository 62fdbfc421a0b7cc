"""Direct quotations: quote marks of every kind, quotes over several sentences or paragraphs,
and who said them."""

from __future__ import annotations

import pytest

from kg.extraction.quotes import find_quote_spans


@pytest.mark.parametrize("text, expected", [
    ('She said: "We will win this."', ["We will win this."]),
    ("She said: \u201cWe will win this.\u201d", ["We will win this."]),
    ('"It is over," he said, "and we are going home."', ["It is over,", "and we are going home."]),
    ('He wrote: "The "deal" is dead." Then he left.', ['The "deal" is dead.']),
    ("He said the company's plan wasn't ready.", []),
    ("\u201cFirst paragraph of the speech.\n\n\u201cSecond paragraph.\u201d\n\nAfter.",
     ["First paragraph of the speech.", "Second paragraph."]),
])
def test_quotes_spans_are_paired(text, expected):
    assert [text[a:b] for a, b in find_quote_spans(text)] == expected


def speakers(extraction):
    names = {k: e.name for k, e in extraction.entities.items()}
    return {(names[q.speaker], q.text) for q in extraction.quotes}


@pytest.mark.parametrize("text, speaker, quote", [
    ('Angela Merkel said: "We must act together on climate."', "Angela Merkel", "We must act together on climate."),
    ('"We must act together on climate," Angela Merkel said.', "Angela Merkel", "We must act together on climate"),
    ('"We must act together on climate," said Angela Merkel.', "Angela Merkel", "We must act together on climate"),
    ("Jacinda Ardern told reporters that \u201cthe border will stay closed for now.\u201d",
     "Jacinda Ardern", "the border will stay closed for now."),
    ('UNICEF said in a statement: "Children are paying the highest price."', "United Nations Children's Fund",
     "Children are paying the highest price."),
    ('According to Olaf Scholz, "the pipeline will not open this winter."', "Olaf Scholz", "the pipeline will not open this winter."),
])
def test_quotes_speaker_is_found(extract_from, text, speaker, quote):
    assert (speaker, quote) in speakers(extract_from(text))


def test_quotes_pronoun_speaker_is_the_person_talked_about(extract_from):
    text = ("Pedro Sanchez arrived in Brussels on Monday. "
            "\u201cEurope needs a common energy policy,\u201d he said.")
    assert ("Pedro Sanchez", "Europe needs a common energy policy") in speakers(extract_from(text))


def test_quotes_continuation_paragraph_keeps_the_speaker(extract_from):
    text = ("Justin Trudeau said: \u201cWe will rebuild the bridge.\n\n"
            "\u201cWe will rebuild it better than before, and faster than anyone expects.\u201d\n\n"
            "Officials did not comment.")
    found = speakers(extract_from(text))
    assert ("Justin Trudeau", "We will rebuild it better than before, and faster than anyone expects.") in found


def test_quotes_are_linked_with_said(extract_from):
    from kg.rdf.model import article_graph
    from kg.rdf.namespace import KG, SCHEMA

    graph = article_graph(extract_from('Emmanuel Macron said: "France will not give up on this treaty."'))
    quotes = list(graph.subjects(predicate=SCHEMA.text))
    assert len(quotes) == 1
    assert len(list(graph.subjects(KG.said, quotes[0]))) == 1


def test_quotes_the_next_sentence_goes_on_with_the_same_speaker(extract_from):
    text = ('"We will not change course," Marta Jensen told the press. "Some days we argued for hours."')
    assert ("Marta Jensen", "Some days we argued for hours.") in speakers(extract_from(text))


@pytest.mark.parametrize("text, speaker, quote", [
    # any speech verb of English, and verbs of stance whose clause holds the quotation
    ('"The vote was never fair," Dario Conti wrote on social media.', "Dario Conti", "The vote was never fair"),
    ('"We have heard the voters loud and clear," Greta Lind added.', "Greta Lind", "We have heard the voters loud and clear"),
    ("Union leader Sam Okafor tweeted that the strike would \"go on for as long as it takes\".",
     "Sam Okafor", "go on for as long as it takes"),
    ('Senator Tom Reyes condemned the ruling: "This decision takes us back fifty years."',
     "Tom Reyes", "This decision takes us back fifty years."),
    ('Mayor Lena Park slammed the budget cuts as "a betrayal of every family in this city".',
     "Lena Park", "a betrayal of every family in this city"),
    ('Judge Anne Moore questioned whether the state "had any evidence at all for these charges".',
     "Anne Moore", "had any evidence at all for these charges"),
    ('Pablo Ortega, the coach, criticised the referee, saying "nobody can explain that decision to me".',
     "Pablo Ortega", "nobody can explain that decision to me"),
    ('Calling the delay shameful, Nora Berg told reporters "the families have waited far too long already".',
     "Nora Berg", "the families have waited far too long already"),
    # a speaker the parse leaves without a subject, named by a title or by a pronoun
    ('Speaking to local radio, the head of the nurses\' union, Ruth Adams, said "our members are exhausted after this winter".',
     "Ruth Adams", "our members are exhausted after this winter"),
    ('Prime Minister Karin Holm visited the flooded towns. "We will rebuild every single home," the prime minister said.',
     "Karin Holm", "We will rebuild every single home"),
    # organisations: a ministry's statement, a spokeswoman, "it said", a metonym
    ('The Ministry of Foreign Affairs summoned the ambassador. In a statement, the ministry said: '
     '"Such conduct cannot be tolerated between friendly nations."',
     "Ministry of Foreign Affairs", "Such conduct cannot be tolerated between friendly nations."),
    ('A spokeswoman for Acme Industries said the company "regrets the error and will compensate customers".',
     "Acme Industries", "regrets the error and will compensate customers"),
    ('Acme Industries apologised on Monday. It said the outage was "caused by a failed software update".',
     "Acme Industries", "caused by a failed software update"),
    ('The Ministry of Health released a statement that said, "Vaccination centres will stay open through the holidays."',
     "Ministry of Health", "Vaccination centres will stay open through the holidays."),
    ('The White House said the decision was "final and not open to further negotiation".',
     "White House", "final and not open to further negotiation"),
    ('Ottawa protested the new tariffs, calling them "unfair to workers on both sides of the border".',
     "Canada", "unfair to workers on both sides of the border"),
])
def test_quotes_speaker_of_any_construction(extract_from, text, speaker, quote):
    assert (speaker, quote) in speakers(extract_from(text))


@pytest.mark.parametrize("text, speaker, quote", [
    # a message from someone, before a colon: its source speaks, not who passed it on
    ('The agency released the following message from Ana Ruiz: "We will rebuild every school that was lost."',
     "Ana Ruiz", "We will rebuild every school that was lost."),
    ('King Harald spoke on Sunday. The palace later published a short statement from the king: '
     '"The family asks for calm and for privacy in these days."',
     "Harald", "The family asks for calm and for privacy in these days."),
])
def test_quotes_a_message_before_a_colon_is_its_sources(extract_from, text, speaker, quote):
    assert (speaker, quote) in speakers(extract_from(text))


def test_quotes_a_quotation_spanning_paragraphs_keeps_its_speaker(extract_from):
    text = ('Amir Khan opened the meeting. "I want to thank everyone for coming tonight.\n\n'
            '"This has been a long year for all of us, and we are not finished yet."')
    found = speakers(extract_from(text))
    assert ("Amir Khan", "This has been a long year for all of us, and we are not finished yet.") in found


@pytest.mark.parametrize("text", [
    # a name in quotation marks is no quotation
    'Lucia Ferri of "Safe at Home Now" joined the march.',
    # the source of a report is not the speaker it reports
    'According to the Daily Courier, a spokesperson expressed regret; "the timing was unfortunate for everyone".',
    # a quotation a verb mentions is not its agent's words
    'In his speech Omar Haddad used a line by another poet \u2014 "the sea remembers every ship it swallowed" \u2014 to close.',
    # a word of a name is no speech verb
    'In his speech Omar Said praised a line by another poet \u2014 "the sea remembers every ship it swallowed".',
])
def test_quotes_no_speaker_where_the_text_names_none(extract_from, text):
    assert speakers(extract_from(text)) == set()
