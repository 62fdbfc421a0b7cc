"""Checks shared by the hostile-text and property tests: strict parsing, valid IRIs, and graphs
compared by isomorphism (with a diff when they differ) after a round trip through every export."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.term import _is_valid_uri

from kg.questions.exporting import RDF_EXPORTS, export
from kg.rdf.store import read_graph_files

OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
              "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld"}


def union_of(data: bytes, format: str) -> Graph:
    """Parse ``data`` with rdflib: the union of its graphs."""
    if format in ("trig", "nquads"):
        dataset = Dataset()
        dataset.parse(data=data, format=RDFLIB_FORMATS[format])
        union = Graph()
        for s, p, o, _graph in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return Graph().parse(data=data, format=RDFLIB_FORMATS[format])


def strict_parse(data: bytes, format: str) -> list[ox.Quad]:
    """Parse with Oxigraph's strict parser: an invalid IRI or literal raises SyntaxError."""
    return list(ox.parse(data, format=OX_FORMATS[format], lenient=False))


def assert_iris_valid(graph: Graph) -> None:
    for term in {t for triple in graph for t in triple if isinstance(t, URIRef)}:
        assert _is_valid_uri(str(term)), term
        ox.NamedNode(str(term))  # Oxigraph's IRI parser raises ValueError for an invalid IRI


def comparable(graph: Graph) -> Graph:
    """The graph with whole-number decimals written one way: rdflib writes XSD 1.0's canonical
    "1.0", Oxigraph XSD 1.1's "1" (every other decimal kg writes is canonical in both)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal and str(o).endswith(".0"):
            o = Literal(str(o)[:-2], datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def assert_isomorphic(expected: Graph, actual: Graph, context: str = "") -> None:
    expected, actual = comparable(expected), comparable(actual)
    if not isomorphic(expected, actual):
        _both, first, second = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        lost = "\n".join(sorted(t.n3() for t in first)[:5])
        gained = "\n".join(sorted(t.n3() for t in second)[:5])
        pytest.fail(f"{context}: graphs differ\nonly in the original:\n{lost}\nonly after the round trip:\n{gained}")


def check_round_trips(path: Path, format: str = "turtle") -> Graph:
    """``path`` parses strictly, its IRIs are valid, and every RDF export of it parses back
    (strictly) to an isomorphic graph. Returns the graph (the union of its graphs)."""
    data = path.read_bytes()
    strict_parse(data, format)
    original = union_of(data, format)
    assert_iris_valid(original)
    store = read_graph_files([path])
    for target in RDF_EXPORTS:
        exported = export(store, target)
        strict_parse(exported, target)
        assert_isomorphic(original, union_of(exported, target), f"{path.name} -> {target}")
    return original
