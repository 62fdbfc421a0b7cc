"""Stored SPARQL queries: ``queries/<name>.rq`` files with a metadata header, run with bound
parameters.

A query file starts with comment lines::

    # title: People
    # description: Every person, with their roles and the articles that mention them.
    # param entity: an entity's name or IRI (default: Keir Starmer)

Parameters are bound, never formatted into the query text: Oxigraph substitutes the variable
(SPARQL SEP-0007); for a remote endpoint the value is sent in a ``VALUES`` block written by
rdflib's term serialiser, which escapes it. A hostile value cannot change what a query does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError

PARAM_LINE = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(.*?)\s*(?:\(default:\s*(.*)\))?\s*$")
META_LINE = re.compile(r"^#\s*(title|description)\s*:\s*(.*)$")


@dataclass
class Param:
    name: str
    description: str
    default: str | None = None


@dataclass
class StoredQuery:
    """A SPARQL query with its metadata."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)

    def bindings(self, values: dict[str, str] | None = None) -> dict[str, ox.NamedNode | ox.Literal]:
        """The RDF terms to bind: given values, else defaults. An unknown parameter is an error."""
        values = dict(values or {})
        known = {p.name for p in self.params}
        unknown = set(values) - known
        if unknown:
            hint = ", ".join(sorted(known)) or "none"
            raise QueryError(f"query '{self.name}' has no parameter {', '.join(sorted(unknown))}; its parameters: {hint}")
        out = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is not None:
                out[param.name] = to_term(value)
        return out


def to_term(value: str) -> ox.NamedNode | ox.Literal:
    """An IRI when the value is one (``http(s)://…``), else a plain literal."""
    if re.match(r"^https?://[^\s<>\"{}|\\^`]+$", value):
        return ox.NamedNode(value)
    return ox.Literal(value)


def query_dir() -> Path:
    """``queries/`` beside the package in a source checkout (and an editable install); in an
    installed wheel, the same files packaged as ``kg.query_files``."""
    checkout = Path(__file__).resolve().parent.parent / "queries"
    if checkout.is_dir():
        return checkout
    return Path(str(files("kg.query_files")))


def available() -> list[str]:
    """The names of the stored queries (helper queries starting with ``_`` excepted)."""
    return sorted(p.stem for p in query_dir().glob("*.rq") if not p.stem.startswith("_"))


def parse_query_file(name: str, text: str) -> StoredQuery:
    query = StoredQuery(name=name, text=text)
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if m := META_LINE.match(line):
            setattr(query, m.group(1), m.group(2).strip())
        elif m := PARAM_LINE.match(line):
            query.params.append(Param(m.group(1), m.group(2), m.group(3)))
    return query


def load_query(name_or_text: str) -> StoredQuery:
    """A stored query by name, a ``.rq`` file by path, or a literal SPARQL query.

    Raises:
        QueryError: neither a stored query, a file, nor something that looks like SPARQL.
    """
    candidate = query_dir() / f"{name_or_text}.rq"
    if re.fullmatch(r"[\w-]+", name_or_text) and candidate.is_file():
        return parse_query_file(name_or_text, candidate.read_text(encoding="utf-8"))
    path = Path(name_or_text)
    if name_or_text.endswith(".rq") and path.is_file():
        return parse_query_file(path.stem, path.read_text(encoding="utf-8"))
    if re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", name_or_text, re.IGNORECASE):
        return parse_query_file("query", name_or_text)
    raise QueryError(f"no stored query named '{name_or_text}'; stored queries: {', '.join(available())}")


def with_values(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with each binding as a one-row ``VALUES`` block at the start of its WHERE
    clause, for endpoints that take only query text. Terms are written by Oxigraph's own
    serialiser (``str(term)`` is N-Triples), so quotes and newlines in values are escaped."""
    if not bindings:
        return text
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    match = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return text[:match.end()] + " " + block + " " + text[match.end():]
