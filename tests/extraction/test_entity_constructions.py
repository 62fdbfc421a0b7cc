"""Entities: constructions of English that name an entity spaCy cuts, glues or mislabels."""

from __future__ import annotations

import pytest


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
