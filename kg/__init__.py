"""kg: turn news articles into an RDF knowledge graph you can query with SPARQL and explore in a
browser. Offline, standard RDF (schema.org, PROV-O), every fact with the sentence it came from.

>>> import kg
>>> extraction = kg.extract_text("Sir Keir Starmer met President Volodymyr Zelensky in Kyiv.")
>>> sorted(e.name for e in extraction.entities.values())
['Keir Starmer', 'Kyiv', 'Volodymyr Zelensky']

The public API is listed in ``__all__``; names are imported on first use, so ``import kg`` stays
fast for the command line.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    # records
    "Article": "records", "Entity": "records", "Evidence": "records", "Extraction": "records", "Fact": "records",
    "Proposal": "records", "Quote": "records", "Role": "records",
    # stages
    "load_articles": "loading", "load_pipeline": "pipeline", "extract": "extract", "extract_text": "api",
    "extract_articles": "extract", "article_graph": "model", "add_article": "model", "new_dataset": "model",
    "build": "build", "build_article": "api", "BuildReport": "build",
    # cross-article entity merges in a store
    "merge_entities": "merge", "list_merges": "merge", "undo_merge": "merge",
    # store, queries, graph
    "GraphStore": "store", "load_query": "queries", "run_query": "api", "to_networkx": "network",
    "Endpoint": "remote", "push": "remote",
    "neighbors": "network", "shortest_paths": "network", "centrality": "network", "communities": "network",
    "render_page": "viewer", "KG": "namespace",
    # validation against kg/shapes.ttl
    "validate_graph": "validate", "validate_files": "validate", "Violation": "validate",
    # errors
    "KGError": "errors", "InputError": "errors", "ModelNotFound": "errors", "QueryError": "errors",
    "StoreError": "errors", "EndpointError": "errors",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # for type checkers and editors
    from .api import build_article, extract_text, run_query  # noqa: F401
    from .build import BuildReport, build  # noqa: F401
    from .merge import list_merges, merge_entities, undo_merge  # noqa: F401
    from .errors import EndpointError, InputError, KGError, ModelNotFound, QueryError, StoreError  # noqa: F401
    from .extract import extract, extract_articles  # noqa: F401
    from .loading import load_articles  # noqa: F401
    from .model import add_article, article_graph, new_dataset  # noqa: F401
    from .namespace import KG  # noqa: F401
    from .network import centrality, communities, neighbors, shortest_paths, to_networkx  # noqa: F401
    from .pipeline import load_pipeline  # noqa: F401
    from .queries import load_query  # noqa: F401
    from .records import Article, Entity, Evidence, Extraction, Fact, Proposal, Quote, Role  # noqa: F401
    from .remote import Endpoint, push  # noqa: F401
    from .store import GraphStore  # noqa: F401
    from .validate import Violation, validate_files, validate_graph  # noqa: F401
    from .viewer import render_page  # noqa: F401
