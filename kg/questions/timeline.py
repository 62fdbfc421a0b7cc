"""One entity's facts in date order: what `kg timeline` prints, from ``queries/timeline.rq``.

Each entry is one sentence behind one fact, dated by what the sentence says ("on Tuesday", the
day it names) or else by the day its article was published; undated facts come last.

    >>> from kg.rdf.store import load_files
    >>> entries = timeline(load_files(["tests/data/graphs"]), "russia")
    >>> [(e.date, e.time, e.relation, e.object) for e in entries][0]
    ('2025-02-11', 'on Tuesday', 'opposes', 'peace talks')
"""

from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox

from ..core.errors import QueryError
from ..rdf.namespace import local_name
from ..rdf.sparql import Source
from . import results
from .queries import bind_nodes, load_query, resolve_entities

# the ontology's labels of the relations, as a timeline reads them
RELATION_WORDS = {"commitsTo": "commits to", "holdsRole": "holds the role", "locatedIn": "is located in",
                  "memberOf": "is a member of", "conflictWith": "is in conflict with"}
STANCES = ("proposes", "backs", "opposes", "considers", "discusses", "commitsTo")
"""The relations of a stance on a proposal, as ``queries/stances.rq`` lists them."""

_WORD_OF_NAME = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?e WHERE {
  VALUES ?type { schema:Person schema:Country schema:Organization schema:Place }
  ?e a ?type ; rdfs:label|schema:alternateName ?name .
  FILTER (REGEX(STR(?name), CONCAT("(^|[^\\\\w])", ?word, "($|[^\\\\w])"), "i"))
} LIMIT 3"""


class TimelineEntry(NamedTuple):
    """One sentence behind one fact about the entity, with its dates.

    ``date`` is when it happened (``when == "happened"``, ``time`` the words that say so) or else
    when it was reported (``when == "reported"``); None when neither is known.
    """

    date: str | None
    when: str
    time: str
    reported: str | None
    subject: str
    relation: str
    object: str
    sentence: str
    article: str
    headline: str | None


def timeline(source: Source, entity: str) -> list[TimelineEntry]:
    """The facts about ``entity`` (any of its names in any case, its IRI, or a word of one name
    only one entity bears: "Rubio") in date order.

    Raises:
        QueryError: no entity has that name.
    """
    query = load_query("timeline")
    # not the strict lookup of `StoredQuery.bindings`: a word of a name ("Rubio") is tried below
    bindings = resolve_entities(query.bindings({"entity": entity}), source)
    # the summary's text when the store keeps an up-to-date summary (it starts from the entity's node)
    text = query.text_for(source)
    rows = results.rows(source.query(text, bind_nodes(text, bindings, source)))
    if not rows and isinstance(bindings["entity"], ox.Literal):
        iri = _by_word(source, entity)
        if iri is not None:
            rows = results.rows(source.query(text, bind_nodes(text, {"entity": ox.NamedNode(iri)}, source)))
    if not rows and not _named(source, bindings["entity"]):
        raise QueryError(f"no entity named '{entity}' in the graph; `kg query people` (or countries, organizations) "
                         "lists the names")
    return [_entry(row) for row in rows]


def _by_word(source: Source, word: str) -> str | None:
    """The one entity a word of whose names is ``word``, if exactly one is."""
    if not word.strip() or any(not (ch.isalnum() or ch in " -'") for ch in word):
        return None  # a word, not a pattern: REGEX would read punctuation as syntax
    found = [row["e"] for row in results.rows(source.query(_WORD_OF_NAME, {"word": ox.Literal(word.strip())}))]
    return found[0] if len(found) == 1 else None


def _named(source: Source, term) -> bool:
    probe = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/> "
             "PREFIX kg: <https://example.org/kg/ontology#> ASK { "
             "VALUES ?type { schema:Person schema:Country schema:Organization schema:Place kg:Proposal } "
             "{ ?e a ?type ; rdfs:label|schema:name|schema:alternateName ?entity } UNION { ?entity a ?type } }")
    return bool(source.query(probe, {"entity": term}))


def _entry(row: dict[str, str]) -> TimelineEntry:
    relation = local_name(row["predicate"])
    return TimelineEntry(row.get("date") or None, row.get("when", ""), row.get("time", ""), row.get("reportedOn") or None,
                         row.get("subjectName", ""),
                         RELATION_WORDS.get(relation, relation), row.get("objectName", ""), row["sentence"],
                         row["article"], row.get("headline") or None)
