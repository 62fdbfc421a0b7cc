"""SPARQL text and terms: the terms a parameter is bound to, and binding them into a query's text.

Parameters are bound, never formatted into the query text: `with_values` adds a one-row
``VALUES`` block opening the WHERE pattern, whose terms are written by Oxigraph's N-Triples
serialiser, so quotes, braces and newlines in a value stay inside its literal, and a hostile value
cannot change what a query does. The local store and remote endpoints get the same text, hence the
same answers. (Oxigraph's own substitution, SEP-0007, binds after planning: its plans walk every
fact where the VALUES block lets them start from the entity, 5x slower at 300,000 triples.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol, Union

import pyoxigraph as ox

from ..core.errors import QueryError

Term = Union[ox.NamedNode, ox.Literal]
Results = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples, list]

IRI_VALUE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


class Source(Protocol):
    """Anything SPARQL can be asked: a `kg.rdf.store.GraphStore` or a `kg.questions.remote.Endpoint`."""

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run ``sparql`` with ``bindings`` (variable name -> RDF term)."""


def to_term(value: str) -> Term:
    """An IRI when the whole value is one (``http(s)://`` and no character an IRI may not hold),
    else a plain literal.

    >>> to_term("https://example.org/kg/id/country/UA")
    <NamedNode value=https://example.org/kg/id/country/UA>
    >>> to_term("https://example.org/> } UNION { ?s ?p ?o")
    <Literal value=https://example.org/> } UNION { ?s ?p ?o datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if IRI_VALUE.match(value):
        try:
            return ox.NamedNode(value)
        except ValueError:
            pass
    return ox.Literal(value)


# Comments, strings and IRIs are blanked out before looking for the WHERE clause, so that a
# "WHERE {" inside any of them is not taken for it. No SPARQL parser in Python reports token
# positions, hence this small scanner.
_OPAQUE = re.compile(r'''
      \#[^\n]*
    | """(?:[^"\\]|\\.|"(?!""))*"""
    | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
    | "(?:[^"\\\n]|\\.)*"
    | '(?:[^'\\\n]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>
''', re.VERBOSE)


def _blank_opaque(text: str) -> str:
    return _OPAQUE.sub(lambda m: " " * len(m.group()), text)


def query_variables(text: str) -> set[str]:
    """The names of the variables a query uses (outside its comments, strings and IRIs).

    >>> sorted(query_variables('SELECT ?a WHERE { ?a <urn:p> "?b" } # ?c'))
    ['a']
    """
    return set(re.findall(r"[?$](\w+)", _blank_opaque(text)))


def _where_brace(text: str) -> int:
    """The offset just after the ``{`` that opens the query's outermost WHERE pattern."""
    code = _blank_opaque(text)
    if re.search(r"\bCONSTRUCT\s+WHERE\b", code, re.IGNORECASE):
        raise QueryError("cannot bind parameters in the short form CONSTRUCT WHERE { … }; "
                         "write CONSTRUCT { template } WHERE { pattern }")
    where = re.search(r"(?<![\w:?$])WHERE\s*\{", code, re.IGNORECASE)
    if where is not None:
        return where.end()
    braces = [m.end() for m in re.finditer(r"\{", code)]
    # CONSTRUCT { template } { pattern }: the pattern is the second group; otherwise the first
    index = 1 if re.search(r"\bCONSTRUCT\b", code, re.IGNORECASE) else 0
    if len(braces) <= index:
        raise QueryError("cannot bind parameters: the query has no WHERE pattern")
    if index == 1:  # skip past the template's closing brace
        depth, pos = 1, braces[0]
        while depth and pos < len(code):
            depth += {"{": 1, "}": -1}.get(code[pos], 0)
            pos += 1
        return code.index("{", pos) + 1
    return braces[0]


def with_values(text: str, bindings: Mapping[str, Term]) -> str:
    """The query with the bindings as a one-row ``VALUES`` block opening its WHERE pattern, for
    endpoints that take only query text.

    >>> with_values("SELECT ?n WHERE { ?s ?p ?n }", {"n": ox.Literal('say "hi" }')})
    'SELECT ?n WHERE { VALUES (?n) { ("say \\\\"hi\\\\" }") } ?s ?p ?n }'
    """
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"'{name}' is not a SPARQL variable name")
    # str() of an Oxigraph term is its N-Triples form: IRIs are validated, literals escaped
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(bindings[n]) for n in names)}) }}"
    at = _where_brace(text)
    return text[:at] + block + text[at:]
