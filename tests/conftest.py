"""Shared fixtures: one spaCy pipeline for the whole session, and helpers to extract from text."""

from __future__ import annotations

import pytest

from kg.core.records import Article, Extraction
from kg.extraction.extract import extract
from kg.extraction.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def extract_from(nlp):
    """Extract from a text: ``extract_from("Sir Keir met ...")`` -> `Extraction`."""

    def run(text: str, id: str = "test") -> Extraction:
        return extract(Article(id=id, text=text), nlp(text))

    return run


def names(extraction: Extraction, key: str) -> str:
    """The display name of an entity or proposal key."""
    if key in extraction.entities:
        return extraction.entities[key].name
    return extraction.proposals[key].label


def fact_set(extraction: Extraction) -> set[tuple[str, str, str]]:
    """Facts as (subject name, relation, object name)."""
    return {(names(extraction, f.subject), f.relation, names(extraction, f.object)) for f in extraction.facts}
