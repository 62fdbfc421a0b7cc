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

from .core.version import __version__  # noqa: F401  (listed in __all__)

_EXPORTS = {  # name -> the module of kg that defines it
    # records and errors (kg.core)
    **dict.fromkeys(["Article", "Entity", "Evidence", "Extraction", "Fact", "Proposal", "Quote", "Role", "Time"],
                    "core.records"),
    **dict.fromkeys(["KGError", "InputError", "ModelNotFound", "QueryError", "StoreError", "EndpointError"],
                    "core.errors"),
    # the stages: reading, extraction, the RDF model
    "load_articles": "reading.loading", "load_pipeline": "extraction.pipeline",
    "extract": "extraction.extract", "extract_articles": "extraction.extract",
    "article_graph": "rdf.model", "add_article": "rdf.model", "new_dataset": "rdf.model", "KG": "rdf.namespace",
    "extract_text": "api", "build_article": "api", "run_query": "api",
    # building, and cross-article entity merges in a store
    "build": "building.build", "BuildReport": "building.build",
    "merge_entities": "building.merge", "list_merges": "building.merge", "undo_merge": "building.merge",
    # store, queries, graph, pages
    "GraphStore": "rdf.store", "load_query": "questions.queries", "Endpoint": "questions.remote",
    "push": "questions.remote", "timeline": "questions.timeline",
    **dict.fromkeys(["to_networkx", "neighbors", "shortest_paths", "centrality", "communities"], "questions.network"),
    "render_page": "pages.viewer",
    # validation against kg/rdf/shapes.ttl
    "validate_graph": "rdf.validate", "validate_files": "rdf.validate", "Violation": "rdf.validate",
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
    from .building.build import BuildReport, build  # noqa: F401
    from .building.merge import list_merges, merge_entities, undo_merge  # noqa: F401
    from .core.errors import EndpointError, InputError, KGError, ModelNotFound, QueryError, StoreError  # noqa: F401
    from .core.records import Article, Entity, Evidence, Extraction, Fact, Proposal, Quote, Role, Time  # noqa: F401
    from .extraction.extract import extract, extract_articles  # noqa: F401
    from .extraction.pipeline import load_pipeline  # noqa: F401
    from .pages.viewer import render_page  # noqa: F401
    from .questions.network import centrality, communities, neighbors, shortest_paths, to_networkx  # noqa: F401
    from .questions.queries import load_query  # noqa: F401
    from .questions.remote import Endpoint, push  # noqa: F401
    from .questions.timeline import timeline  # noqa: F401
    from .rdf.model import add_article, article_graph, new_dataset  # noqa: F401
    from .rdf.namespace import KG  # noqa: F401
    from .rdf.store import GraphStore  # noqa: F401
    from .rdf.validate import Violation, validate_files, validate_graph  # noqa: F401
    from .reading.loading import load_articles  # noqa: F401
