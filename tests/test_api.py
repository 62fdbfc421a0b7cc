"""The public API is chosen in kg/__init__.py and stays importable."""

from __future__ import annotations

import kg

EXPECTED = {
    "Article", "Entity", "Evidence", "Extraction", "Fact", "Proposal", "Quote", "Role", "Time", "timeline",
    "load_articles", "load_pipeline", "extract", "extract_text", "extract_articles", "article_graph", "add_article",
    "new_dataset", "build", "build_article", "BuildReport", "GraphStore", "Endpoint", "push", "load_query", "run_query", "to_networkx",
    "neighbors", "shortest_paths", "centrality", "communities", "render_page", "KG",
    "validate_graph", "validate_files", "Violation", "merge_entities", "list_merges", "undo_merge",
    "KGError", "InputError", "ModelNotFound", "QueryError", "StoreError", "EndpointError", "__version__",
}


def test_api_all_is_the_public_api():
    assert set(kg.__all__) == EXPECTED


def test_api_every_public_name_resolves():
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name


def test_api_build_article_gives_a_graph():
    graph = kg.build_article("Angela Merkel met Emmanuel Macron in Berlin.")
    assert len(graph) > 0
