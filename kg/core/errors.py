"""The exceptions kg raises. Library code raises these; only the CLI and the server turn them
into a one-line message or an HTTP status.

    KGError
     ├── InputError        an input file or line cannot be read as an article
     ├── ModelNotFound     the spaCy pipeline asked for is not installed
     ├── QueryError        a SPARQL query is malformed, unknown, or its parameters are wrong
     ├── StoreError        the store cannot be opened or written
     ├── EndpointError     a remote SPARQL server refused or failed a request
     └── ServerError       `kg serve` cannot start (the port is taken, a worker fails)
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg reports to a user."""


class InputError(KGError):
    """An input cannot be read as an article; the message names the file and what to do."""


class ModelNotFound(KGError):
    """The requested spaCy pipeline is not installed."""


class QueryError(KGError):
    """A SPARQL query is malformed, unknown by name, or given bad parameters."""


class StoreError(KGError):
    """The persistent store cannot be opened or written."""


class EndpointError(KGError):
    """A remote SPARQL endpoint refused or failed a request."""


class ServerError(KGError):
    """`kg serve` cannot start: the address is in use or not allowed, or a query worker fails."""
