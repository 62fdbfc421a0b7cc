"""The ontology file and the Python namespace agree, and typos in terms raise."""

from __future__ import annotations

from importlib.resources import files

import pytest
from rdflib import OWL, RDF, RDFS, Graph

from kg.rdf.namespace import KG

REQUIRED = ["met", "visited", "considers", "proposes", "backs", "opposes", "discusses", "commitsTo", "concerns",
            "said", "locatedIn", "supports", "memberOf"]


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(data=files("kg.rdf").joinpath("ontology.ttl").read_text(encoding="utf-8"), format="turtle")


def ontology_terms(ontology):
    ns = str(KG._NS)
    return {str(s)[len(ns):] for s in ontology.subjects() if str(s).startswith(ns)}


def test_namespace_members_are_the_ontology_terms(ontology):
    assert ontology_terms(ontology) == set(KG.__annotations__)


@pytest.mark.parametrize("name", REQUIRED)
def test_namespace_has_required_relation(ontology, name):
    assert (KG[name], RDF.type, OWL.ObjectProperty) in ontology


def test_namespace_every_term_has_label_and_comment(ontology):
    for term in ontology_terms(ontology):
        assert ontology.value(KG[term], RDFS.label) is not None, term
        assert ontology.value(KG[term], RDFS.comment) is not None, term


def test_namespace_unknown_term_raises():
    with pytest.raises(AttributeError):
        KG.mett  # noqa: B018
