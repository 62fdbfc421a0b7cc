"""Stored SPARQL queries: ``queries/<name>.rq`` files with a metadata header, run with bound
parameters.

A query file starts with comment lines::

    # title: Entity
    # description: Everything about one entity.
    # param entity: an entity's name or IRI (default: Keir Starmer)
    # page: 50

Parameters are bound, never formatted into the query text (`kg.rdf.sparql.with_values`). A
``page`` line gives the number of rows a page shows by default on a terminal and in the query
editor; any query takes a limit and an offset (`StoredQuery.text_for`, `kg.rdf.sparql.with_page`).

**Two texts, the same rows.** ``queries/<name>.rq`` reads the article graphs, on any SPARQL
server. A store kg built keeps a summary graph (`kg.rdf.summary`); when it is up to date
(`GraphStore.summary_ready`), the text of ``queries/summary/<name>.rq``, if there is one, is run
instead: the same rows (``tests/questions/test_summary_queries.py`` compares them), read from
each node's and relation's summary instead of every copy of an entity's triples, or (evidence,
timeline) from the facts of the nodes the summary names, instead of finding them by name in
every article graph.

A parameter named ``entity`` (or ``proposal``) names an entity (a proposal) by one of its names or
its IRI. The queries match a name exactly; `StoredQuery.bindings` with a ``source`` first turns a
name given in another case ("sir keir") into the stored one ("Sir Keir"), with `resolve_entities`.

>>> query = load_query("entity")
>>> [(p.name, p.default) for p in query.params]
[('entity', None)]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from math import prod
from pathlib import Path

import pyoxigraph as ox

from ..core.errors import QueryError
from ..rdf.sparql import PAGE_MARK, Source, Term, query_variables, to_term, with_page

PARAM_LINE = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(.*?)\s*(?:\(default:\s*(.*)\))?\s*$")
META_LINE = re.compile(r"^#\s*(title|description)\s*:\s*(.*)$")
PAGE_LINE = re.compile(r"^#\s*page\s*:\s*(\d+)\s*$")


@dataclass
class Param:
    """A parameter of a stored query: a variable of the query, bound to an RDF term."""

    name: str
    description: str
    default: str | None = None


@dataclass
class StoredQuery:
    """A SPARQL query with its metadata.

    ``adhoc`` queries (SPARQL text given on the command line, your own ``.rq`` file) bind any
    ``--param`` to the variable of that name, as long as the query uses it; the parameters their
    header declares are bound the same way, and those without a default are required.
    """

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)
    adhoc: bool = False
    page: int | None = None  # rows a page shows by default on a terminal and in the editor
    summary_text: str | None = None  # the same question read from a store's summary graph

    def prepare(self, source: Source, values: Mapping[str, str] | None = None, *, limit: int | None = None,
                offset: int = 0) -> tuple[str, dict]:
        """The text to run on ``source`` (`text_for`) and its bindings (`bindings`, then
        `bind_nodes`): what ``kg query`` runs.

        Raises:
            QueryError: as `bindings` and `text_for` do.
        """
        text = self.text_for(source, limit=limit, offset=offset)
        bound = bind_nodes(text, self.bindings(values, source), source)
        if value_rows(bound) > 1:  # a name borne by several nodes: a page's blocks for each
            text = self.text_for(source, limit=limit, offset=offset, spread=value_rows(bound))
        return text, bound

    def text_for(self, source: Source | None = None, *, limit: int | None = None, offset: int = 0,
                 spread: int = 1) -> str:
        """The text to run on ``source``: the summary graph's, when the source has an up-to-date
        summary and the query a text for it; with ``limit`` rows after ``offset`` (None or 0: all),
        for bindings of ``spread`` rows (`value_rows`).

        Raises:
            QueryError: a negative limit or offset, or a query with its own LIMIT at its end.
        """
        text = self.text
        ready = getattr(source, "summary_ready", None)
        # a summary text that takes its page early (a '# page' line: proposals, quotes) is for a
        # page: it picks the page by position (kg/rdf/ranks.py); every row is read as before
        wanted = self.summary_text is not None and (limit or PAGE_MARK.search(self.summary_text) is None)
        if wanted and callable(ready) and ready():
            text = self.summary_text
        return with_page(text, limit, offset, spread)

    def bindings(self, values: Mapping[str, str] | None = None, source: Source | None = None) -> dict[str, Term]:
        """The RDF terms to bind: the given values, else the defaults. With a ``source``, an
        entity named in another case than the stored name is bound to the stored name, and a
        name no entity bears is an error.

        Raises:
            QueryError: a value names a parameter the query does not declare (a stored query) or a
                variable it does not use (your own query); a parameter with no default is
                missing; no entity bears the name given.
        """
        values = dict(values or {})
        if self.adhoc:
            used = query_variables(self.text)
            unknown = sorted(set(values) - used - {p.name for p in self.params})
            if unknown:
                raise QueryError(f"the query uses no variable {', '.join('?' + n for n in unknown)}; "
                                 f"its variables: {', '.join('?' + n for n in sorted(used)) or 'none'}")
        else:
            known = {p.name for p in self.params}
            unknown = sorted(set(values) - known)
            if unknown:
                hint = ", ".join(sorted(known)) or "none"
                raise QueryError(f"query '{self.name}' has no parameter {', '.join(unknown)}; its parameters: {hint}")
        out = {name: to_term(value) for name, value in sorted(values.items()) if value != ""}
        for param in self.params:
            value = values.get(param.name) or param.default
            if value is None or value == "":
                raise QueryError(f"query '{self.name}' needs its parameter {param.name} ({param.description}): "
                                 f"give -p {param.name}=VALUE")
            out[param.name] = to_term(value)
        return resolve_entities(out, source, strict=True) if source is not None else out


_NAMES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/> "
_EXACT = _NAMES + "SELECT ?e WHERE { ?e rdfs:label|schema:name|schema:alternateName ?entity } LIMIT 1"
# kg writes schema:name equal to rdfs:label: the lookup in any case skips it (14 ms against 23 ms
# over the 7,700 names of a 300,000-triple store).
_ANY_CASE = _NAMES + """SELECT DISTINCT ?name WHERE {
  ?e rdfs:label|schema:alternateName ?name FILTER(LCASE(STR(?name)) = LCASE(STR(?entity))) }"""


# The same lookups in a store's summary graph: each name once, and the names in lower case indexed
# (kg:nameKey), instead of a scan of every copy of every name.
_SUMMARY = "PREFIX kg: <https://example.org/kg/ontology#> "
_EXACT_SUMMARY = _SUMMARY + "ASK { GRAPH <https://example.org/kg/summary> { ?e kg:nodeName ?entity } }"
_ANY_CASE_SUMMARY = _SUMMARY + """SELECT DISTINCT ?name WHERE {
  GRAPH <https://example.org/kg/summary> { ?e kg:nameKey ?key ; kg:nodeName ?name }
  FILTER(LCASE(STR(?name)) = LCASE(STR(?entity))) }"""


def unknown_entity(name: str) -> QueryError:
    """The error for a name no entity bears (the same for ``kg query`` and ``kg neighbors``)."""
    return QueryError(f"no entity named '{name}' in the graph; try `kg query people` for the names it knows")


NAME_PARAMS = ("entity", "proposal")
"""Parameters that name a node by one of its names: looked up in any case."""


def resolve_entities(bindings: Mapping[str, Term], source: Source, *, strict: bool = False) -> dict[str, Term]:
    """``bindings`` with an ``entity`` (or ``proposal``) name that nothing bears exactly replaced
    by the stored name equal to it in any case, when there is one (the first in code-point order).
    IRIs and names found as given are kept, and so is a name found in no case (the query then
    finds nothing), unless ``strict``.

    Raises:
        QueryError: ``strict``, and nothing bears the name in any case.
    """
    out = dict(bindings)
    ready = getattr(source, "summary_ready", None)
    summary = callable(ready) and ready()
    for param in NAME_PARAMS:
        term = out.get(param)
        if not isinstance(term, ox.Literal):
            continue
        if summary:
            exact = bool(source.query(_EXACT_SUMMARY, {"entity": term}))
            lookup = (_ANY_CASE_SUMMARY, {"entity": term, "key": ox.Literal(term.value.lower())})
        else:
            exact = bool(list(source.query(_EXACT, {"entity": term})))
            lookup = (_ANY_CASE, {"entity": term})
        if not exact:
            found = sorted(row["name"].value for row in source.query(*lookup))
            if found:
                out[param] = ox.Literal(found[0])
            elif strict:
                raise unknown_entity(term.value)
    return out


_NODES_NAMED = _SUMMARY + "SELECT DISTINCT ?e WHERE { GRAPH <https://example.org/kg/summary> { ?e kg:nodeName ?entity } }"


def bind_nodes(text: str, bindings: Mapping[str, Term], source: Source) -> dict:
    """``bindings`` with, for a query whose text uses ``?entityNode`` (``?proposalNode``), the
    nodes its ``entity`` (``proposal``) value names: that IRI, or every node bearing that name in
    the summary graph. Oxigraph starts a query's plan from a VALUES block, not from a variable a
    pattern binds; the texts of ``queries/summary/`` that count from an entity's articles say
    ``?entityNode`` (co-mentions: 11 ms instead of 55 ms at 1,000,000 quads)."""
    out = dict(bindings)
    used = query_variables(text)
    for param in NAME_PARAMS:
        term = out.get(param)
        if f"{param}Node" in used and term is not None:
            if isinstance(term, ox.NamedNode):
                out[f"{param}Node"] = (term,)
            else:
                found = {row["e"] for row in source.query(_NODES_NAMED, {"entity": term})}
                out[f"{param}Node"] = tuple(sorted((n for n in found if isinstance(n, ox.NamedNode)), key=str))
    return out


def value_rows(bindings: Mapping[str, Term | tuple[Term, ...]]) -> int:
    """How many rows the VALUES block of these bindings holds (`kg.rdf.sparql.with_values`):
    a variable bound to several terms takes each of them."""
    return prod(len(value) for value in bindings.values() if isinstance(value, tuple))


def query_dir() -> Path:
    """``queries/`` beside the package in a source checkout (and an editable install); in an
    installed wheel, the same files packaged as ``kg.query_files``."""
    checkout = Path(__file__).resolve().parents[2] / "queries"
    if checkout.is_dir():
        return checkout
    return Path(str(files("kg.query_files")))


def available(*, internal: bool = False) -> list[str]:
    """The names of the stored queries (with ``internal``, also the helpers starting with ``_``)."""
    return sorted(p.stem for p in query_dir().glob("*.rq") if internal or not p.stem.startswith("_"))


def stored_queries() -> list[StoredQuery]:
    """Every stored query a user can run, by name."""
    return [load_query(name) for name in available()]


def parse_query_file(name: str, text: str, *, adhoc: bool = False) -> StoredQuery:
    """A query and the metadata of its leading comment lines."""
    query = StoredQuery(name=name, text=text, adhoc=adhoc)
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if m := META_LINE.match(line):
            setattr(query, m.group(1), m.group(2).strip())
        elif m := PAGE_LINE.match(line):
            query.page = int(m.group(1))
        elif m := PARAM_LINE.match(line):
            query.params.append(Param(m.group(1), m.group(2), m.group(3)))
    return query


def load_query(name_or_text: str) -> StoredQuery:
    """A stored query by name, a ``.rq`` file by path, or literal SPARQL text.

    Raises:
        QueryError: neither a stored query, a file, nor something that looks like SPARQL.
    """
    candidate = query_dir() / f"{name_or_text}.rq"
    if re.fullmatch(r"[\w-]+", name_or_text) and candidate.is_file():
        query = parse_query_file(name_or_text, candidate.read_text(encoding="utf-8"))
        summary = query_dir() / "summary" / f"{name_or_text}.rq"
        if summary.is_file():
            query.summary_text = summary.read_text(encoding="utf-8")
        return query
    path = Path(name_or_text)
    if name_or_text.endswith(".rq"):
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return parse_query_file(path.stem, path.read_text(encoding="utf-8"), adhoc=True)
    if re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", name_or_text, re.IGNORECASE):
        return parse_query_file("query", name_or_text, adhoc=True)
    raise QueryError(f"no stored query named '{name_or_text}'; stored queries: {', '.join(available())} "
                     "(or give SPARQL text or a .rq file)")
