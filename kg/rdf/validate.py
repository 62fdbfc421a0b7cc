"""Checking graphs against kg's SHACL shapes (``kg/rdf/shapes.ttl``) with pySHACL.

The shapes state what every graph kg writes must satisfy: every fact has evidence (a sentence,
its offsets, its article), a confidence in [0, 1] and an extractor version; every entity and
proposal a label; the entity types are disjoint; countries have an ISO code; quotations have a
text and a speaker; roles a title. They hold for one article's graph and for the union of many.

pySHACL runs on the Oxigraph store directly: its SPARQL-based constraints are then answered by
Oxigraph, some forty times faster than by rdflib, which parses every query again for each node
(``benchmarks/bench_validate.py``). A file of many articles is checked graph by graph.

>>> from kg.api import build_article
>>> validate_graph(build_article("Sir Keir Starmer met President Volodymyr Zelensky in Kyiv."))
[]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from ..core.errors import InputError
from .model import PREFIXES
from .store import GraphStore, read_graph_files


class Violation(NamedTuple):
    """One way a graph fails a shape.

    Attributes:
        focus: the node that fails (an IRI, or a blank node's label).
        path: the property path checked, as an IRI ("" for a check of the node itself).
        message: what the shape asks for (its ``sh:message``).
        value: the offending value, a quoted string or an IRI in angle brackets ("" when none).
        shape: the node shape of ``kg/rdf/shapes.ttl`` that the constraint belongs to.
        graph: the named graph (article) it is in, when the file has named graphs.
    """

    focus: str
    path: str
    message: str
    value: str = ""
    shape: str = ""
    graph: str = ""


class FileReport(NamedTuple):
    """The result of validating one file: its violations, or the reason it could not be read."""

    path: Path
    violations: list[Violation]
    error: str | None = None

    @property
    def conforms(self) -> bool:
        return self.error is None and not self.violations


@cache
def shapes_graph() -> Graph:
    """kg's shapes, parsed once."""
    return Graph().parse(data=files("kg.rdf").joinpath("shapes.ttl").read_bytes(), format="turtle")


def validate_store(store: GraphStore | ox.Store, *, each_graph: bool = True) -> list[Violation]:
    """Validate a store against kg's shapes: each named graph (an article) on its own, as kg
    writes them; or, with ``each_graph=False``, the union of them all.

    Graph by graph, the time grows in proportion to the corpus. In the union, the people and
    countries that many articles share make every check on them as long as the corpus, and the
    whole quadratic (``benchmarks/bench_validate.py`` measures both).

    Returns:
        The violations, sorted; an empty list when the store conforms.
    """
    inner = store.store if isinstance(store, GraphStore) else store
    names = sorted(inner.named_graphs(), key=str) if each_graph else []
    if not names:
        return sorted(_check(inner))
    default = ox.DefaultGraph()
    if next(iter(inner.quads_for_pattern(None, None, None, default)), None) is not None:
        names.insert(0, default)
    violations = []
    for name in names:  # one small store at a time: memory stays that of one article
        single = ox.Store()
        single.extend(ox.Quad(q.subject, q.predicate, q.object) for q in inner.quads_for_pattern(None, None, None, name))
        graph = name.value if len(names) > 1 and isinstance(name, ox.NamedNode) else ""  # named when there are several
        violations += [v._replace(graph=graph) for v in _check(single)]
    return sorted(violations)


def _check(store: ox.Store) -> Iterator[Violation]:
    """pySHACL over everything in ``store`` (the union of its graphs)."""
    from pyshacl import validate

    conforms, results, text = validate(store, shacl_graph=shapes_graph())
    if not isinstance(results, Graph):  # pySHACL could not run a shape: a bug in kg/rdf/shapes.ttl
        raise RuntimeError(f"kg/rdf/shapes.ttl cannot be checked: {text}")
    return iter(()) if conforms else _violations(results)


def validate_graph(graph: Graph) -> list[Violation]:
    """Validate an rdflib graph (an article's graph, or a dataset's union) against kg's shapes."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return validate_store(store)


def validate_files(paths: Iterable[str | Path]) -> Iterator[FileReport]:
    """Validate each RDF file on its own (Turtle, TriG, N-Triples, N-Quads, JSON-LD); a file that
    cannot be read gives a report with its error, and the next file is still validated."""
    for raw in paths:
        path = Path(raw)
        try:
            store = read_graph_files([path])
        except InputError as error:
            yield FileReport(path, [], str(error))
            continue
        yield FileReport(path, validate_store(store))


def describe(violation: Violation) -> str:
    """One line for a violation: focus node, path, message (IRIs shortened with kg's prefixes).

    >>> describe(Violation("https://example.org/kg/id/person/x", "http://www.w3.org/2000/01/rdf-schema#label", "has a label"))
    'id:person/x rdfs:label: has a label'
    """
    where = short(violation.focus) + (f" {short(violation.path)}" if violation.path else "")
    return (f"{where}: {violation.message}" + (f" (value: {violation.value})" if violation.value else "")
            + (f" (in graph <{violation.graph}>)" if violation.graph else ""))


def short(iri: str) -> str:
    """An IRI as a prefixed name when one of kg's prefixes fits, else in angle brackets."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        local = iri.removeprefix(str(namespace))
        if local and local != iri:
            return f"{prefix}:{local}"
    return f"<{iri}>"


def _violations(results: Graph) -> Iterator[Violation]:
    shapes = shapes_graph()
    for result in results.objects(None, SH.result):
        source = results.value(result, SH.sourceShape)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        focus = results.value(result, SH.focusNode)
        yield Violation(
            focus=str(focus),
            path=str(path) if isinstance(path, URIRef) else "",
            message=str(results.value(result, SH.resultMessage) or results.value(result, SH.sourceConstraintComponent)),
            value=_term(value) if value is not None and value != focus else "",
            shape=_node_shape(shapes, source),
        )


def _term(term: object) -> str:
    """A value as it would be written in Turtle, cut short: ``"text…"`` or ``<iri>``."""
    if isinstance(term, Literal):
        text = str(term)
        return json.dumps(text if len(text) <= 60 else text[:59] + "…", ensure_ascii=False)
    return f"<{term}>" if isinstance(term, URIRef) else str(term)


def _node_shape(shapes: Graph, source: object) -> str:
    """The named node shape a (possibly blank) property shape belongs to."""
    if isinstance(source, BNode):
        parent = shapes.value(None, SH.property, source)
        return str(parent) if parent is not None else ""
    return str(source) if source is not None else ""


__all__ = ["FileReport", "Violation", "describe", "shapes_graph", "validate_files", "validate_graph", "validate_store"]
