"""SPARQL text and terms: the terms a parameter is bound to, and binding them into a query's text.

Parameters are bound, never formatted into the query text: `with_values` adds a one-row
``VALUES`` block opening the WHERE pattern, whose terms are written by Oxigraph's N-Triples
serialiser, so quotes, braces and newlines in a value stay inside its literal, and a hostile value
cannot change what a query does. The local store and remote endpoints get the same text, hence the
same answers. (Oxigraph's own substitution, SEP-0007, binds after planning: its plans walk every
fact where the VALUES block lets them start from the entity, 5x slower at 300,000 triples.)

A page of a query's rows (`with_page`) is its own ``LIMIT`` and ``OFFSET``: SPARQL cannot bind
them, so kg writes them from integers it has checked, never from text it was given.

Which graphs a query reads (its dataset) follows SPARQL 1.1: `dataset_options` gives Oxigraph the
graphs named by the protocol's ``default-graph-uri``/``named-graph-uri``, else those of the
query's own ``FROM``/``FROM NAMED``, and only when neither names any, the union of the article
graphs. `keywords` finds ``FROM`` (and the server's refused words) in the query text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import product
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


def with_values(text: str, bindings: Mapping[str, Term | tuple[Term, ...]]) -> str:
    """The query with the bindings as a one-row ``VALUES`` block opening the first ``WHERE``
    pattern of its text: its own, or, when its outer pattern is written without the keyword
    (``SELECT ?x { { SELECT … WHERE { … } } … }``), its first subquery's, which is how a query
    binds a parameter where an aggregate starts from it (SPARQL evaluates a subquery before it
    is joined, so a value bound outside cannot narrow it; queries/summary/co-mentions.rq).

    A variable bound to a tuple of terms takes each of them: a row per value (none: no row).

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
    choices = [value if isinstance(value, tuple) else (value,) for value in (bindings[n] for n in names)]
    rows = " ".join(f"({' '.join(str(term) for term in row)})" for row in product(*choices))
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ {rows} }}"
    if VALUES_MARK.search(text):
        return VALUES_MARK.sub(lambda mark: mark.group(1) + block.lstrip(), text)
    at = _where_brace(text)
    return text[:at] + block + text[at:]


VALUES_MARK = re.compile(r"^([ \t]*)#[ \t]*values[ \t]*$", re.MULTILINE)
"""Comment lines ``# values`` where a query wants its parameters bound, each of them, instead of
its first WHERE pattern: a pattern that starts from the parameters in a subquery which picks a
page, and again outside it (queries/summary/evidence.rq)."""


PAGE_MARK = re.compile(r"^[ \t]*#[ \t]*page[ \t]*$", re.MULTILINE)
"""A comment line ``# page`` where a query wants its page taken: in a subquery that orders the
rows' keys, before the rest of each row is read (queries/proposals.rq). Without one, the page
is the query's last clause."""


UPTO_MARK = re.compile(r"^([ \t]*)\}[ \t]*#[ \t]*upto[ \t]+\?(\w+)[ \t]*$", re.MULTILINE)
"""The closing brace of a subquery that picks the blocks of rows (an article's, say) a page can
come from, followed by ``# upto ?before``, ``?before`` being how many rows come before a block's
first: for a page, the subquery keeps the blocks with fewer rows before them than the page ends
after (offset + limit), and says so as its LIMIT (at most that many blocks for each of the
``spread`` values its parameters are bound to), which Oxigraph needs to plan the rest of the
query from those blocks. The page itself is the query's last clause, taken from the rows of
those blocks only (queries/summary/evidence.rq)."""


def with_page(text: str, limit: int | None = None, offset: int = 0, spread: int = 1) -> str:
    """The query with at most ``limit`` rows (None or 0: all of them) after skipping ``offset``;
    ``spread``, how many values its parameters are bound to (an ``# upto`` line's blocks).

    >>> with_page("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", 10, 20)
    'SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\\nLIMIT 10 OFFSET 20\\n'

    Raises:
        QueryError: a negative number, or a query that ends with its own LIMIT, OFFSET or VALUES
            (and has no ``# page`` line).
    """
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise QueryError(f"the {name} must be a whole number, 0 or more, not {value!r}")
    clause = " ".join(([f"LIMIT {int(limit)}"] if limit else []) + ([f"OFFSET {int(offset)}"] if offset else []))
    if not clause:
        return text
    mark = PAGE_MARK.search(text)
    if mark is not None:
        return text[:mark.start()] + clause + text[mark.end():]
    if limit and UPTO_MARK.search(text):  # the subquery keeps what comes before the page's end
        end = int(limit) + int(offset)
        most = end * max(1, int(spread))
        text = UPTO_MARK.sub(lambda upto: f"{upto.group(1)}FILTER (?{upto.group(2)} < {end}) }} LIMIT {most}", text)
    if re.search(r"\b(LIMIT|OFFSET|VALUES)\b", _tail(text), re.IGNORECASE):
        raise QueryError("the query ends with its own LIMIT, OFFSET or VALUES; drop --limit and --offset, "
                         "or edit the query's own")
    return text.rstrip() + "\n" + clause + "\n"


def _tail(text: str) -> str:
    """What follows the query's WHERE pattern: its solution modifiers and a VALUES block
    (comments, strings and IRIs blanked)."""
    code = _blank_opaque(text)
    try:
        start = _where_brace(text)
    except QueryError:  # CONSTRUCT WHERE { … }: the pattern is the first group
        start = code.find("{") + 1
    depth, pos = 1, start
    while depth and pos < len(code):
        depth += {"{": 1, "}": -1}.get(code[pos], 0)
        pos += 1
    return code[pos:]


# A SPARQL text's tokens that are not keywords: comments, IRIs, strings, variables, language tags
# and prefixed names (``ex:from``, ``from:x``). What is left are its bare words: keywords and
# function names. No SPARQL parser in Python reports tokens, hence this scanner.
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n\r]*                             # comment
        |<[^<>"{}|^`\\\x00-\x20]*>                      # IRI
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"            # long strings
        |'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'    # strings
        |[?$]\w+                                        # variables
        |@[A-Za-z]+(?:-[A-Za-z0-9]+)*                   # language tags
        |(?:[A-Za-z][\w.-]*)?:[\w.:%\\-]*)              # prefixed names
       |(?P<word>[A-Za-z]\w*)""",
    re.VERBOSE,
)


def keywords(text: str) -> Iterator[str]:
    """The bare words of a SPARQL query or update, upper-cased, in order, read after the
    ``\\uXXXX`` escapes that SPARQL expands before parsing.

    >>> list(keywords('SELECT ?from FROM <g> { ?s ex:from "FROM" } # FROM'))
    ['SELECT', 'FROM']
    """
    expanded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    for match in _TOKENS.finditer(expanded):
        if match.group("word"):
            yield match.group("word").upper()


def dataset_options(text: str, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> dict:
    """The dataset arguments of `pyoxigraph.Store.query` for the query ``text``.

    Following SPARQL 1.1 (Query 13.2, Protocol 2.1.4): graphs named by the protocol's
    ``default-graph-uri``/``named-graph-uri`` (``default_graphs``, ``named_graphs``) make the
    whole dataset, whatever the query says; else the query's own ``FROM``/``FROM NAMED`` do
    (Oxigraph reads them); only a query that names no graph reads the union of every graph.

    Raises:
        QueryError: a graph name is not an absolute IRI.

    >>> dataset_options("SELECT * { ?s ?p ?o }")
    {'use_default_graph_as_union': True}
    >>> dataset_options("SELECT * FROM <urn:a> { ?s ?p ?o }")
    {}
    """
    if default_graphs or named_graphs:
        return {"default_graph": [_graph_name(g) for g in default_graphs],
                "named_graphs": [_graph_name(g) for g in named_graphs]}
    if "FROM" in keywords(text):
        return {}
    return {"use_default_graph_as_union": True}


def _graph_name(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise QueryError(f"'{iri}' is not an absolute IRI; a graph is named by one") from None
