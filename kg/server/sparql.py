"""What the SPARQL endpoint decides before and after a query runs: which operations are refused,
and in which format a result is written (content negotiation).

A request is refused before it reaches Oxigraph when it would make the server contact another
host: ``SERVICE`` (a federated query) and ``LOAD`` (fetch a document). Oxigraph does both over
HTTP, so they are found among the query's keywords (`kg.rdf.sparql.keywords`: outside IRIs,
strings and comments, after the ``\\uXXXX`` escapes that SPARQL expands before parsing).
"""

from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox

from ..rdf.sparql import keywords

REFUSED = ("SERVICE", "LOAD")


def refused_keyword(text: str) -> str | None:
    """The first keyword of ``REFUSED`` that the query or update uses, if any.

    >>> refused_keyword("SELECT * { SERVICE <http://elsewhere/sparql> { ?s ?p ?o } }")
    'SERVICE'
    >>> refused_keyword('SELECT ?service { ?service ex:load "SERVICE" } # LOAD')
    """
    return next((word for word in keywords(text) if word in REFUSED), None)


class Format(NamedTuple):
    media_type: str
    oxigraph: object  # ox.QueryResultsFormat or ox.RdfFormat


RESULT_FORMATS = [  # SELECT and ASK; the first is the default
    Format("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    Format("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    Format("text/csv", ox.QueryResultsFormat.CSV),
    Format("text/tab-separated-values", ox.QueryResultsFormat.TSV),
]
GRAPH_FORMATS = [  # CONSTRUCT and DESCRIBE
    Format("text/turtle", ox.RdfFormat.TURTLE),
    Format("application/n-triples", ox.RdfFormat.N_TRIPLES),
    Format("application/ld+json", ox.RdfFormat.JSON_LD),
    Format("application/rdf+xml", ox.RdfFormat.RDF_XML),
]
ALIASES = {  # other names clients send, in Accept or in a format= parameter
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/plain": ("text/tab-separated-values", "application/n-triples"),
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None), "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"), "ttl": (None, "text/turtle"),
    "nt": (None, "application/n-triples"), "ntriples": (None, "application/n-triples"),
    "n-triples": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"), "json-ld": (None, "application/ld+json"),
    "rdfxml": (None, "application/rdf+xml"), "rdf+xml": (None, "application/rdf+xml"),
}


def _accepted(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q-values; ties keep their order)."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranges)]


def negotiate(accept: str | None, graph: bool, override: str | None = None) -> Format | None:
    """The format to answer in: a ``format=`` parameter first, then the Accept header; None when
    nothing acceptable is offered (HTTP 406).

    Args:
        accept: the Accept header (missing means anything).
        graph: True for CONSTRUCT and DESCRIBE results, False for SELECT and ASK.
        override: the value of a ``format=`` (or ``output=``) request parameter.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", graph=False).media_type
    'application/sparql-results+xml'
    >>> negotiate(None, graph=True, override="json").media_type
    'application/ld+json'
    """
    formats = GRAPH_FORMATS if graph else RESULT_FORMATS
    wanted = [override.lower()] if override else _accepted(accept or "*/*")
    for media in wanted:
        if media in ALIASES:
            media = ALIASES[media][graph] or ""
        for fmt in formats:
            if media in (fmt.media_type, "*/*") or (media.endswith("/*") and fmt.media_type.startswith(media[:-1])):
                return fmt
    return None


def offered(graph: bool) -> str:
    """The media types offered, for a 406 message."""
    return ", ".join(f.media_type for f in (GRAPH_FORMATS if graph else RESULT_FORMATS))
