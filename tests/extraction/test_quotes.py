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
    text = ('"We will not change course," Mike Pompeo told the press. "There were many times we disagreed."')
    assert ("Mike Pompeo", "There were many times we disagreed.") in speakers(extract_from(text))
