"""Scoring a knowledge graph against gold annotations (`kg eval`).

Two gold formats are read:

- **article gold** (``tests/data/gold/ANNOTATION.md``): entities with names, aliases and types,
  proposals with keyword groups, facts with a relation class, and forbidden facts. Figures:
  core-fact and all-fact recall, entity recall and precision, proposal recall, duplicates, wrong
  types, forbidden facts present.
- **GUM coreference gold**: named person/place/organisation clusters with all their mentions.
  Figures: recall, precision, type agreement, split and merge errors.

Graphs are matched by name and relation class, never by IRI, exactly as the reference scorer
used to judge kg does: predicates are mapped by their IRI local name, so any vocabulary with the
right local names scores the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from ..core.errors import InputError
from .articles import score_article
from .graphview import GraphView
from .gum import score_gum


def load_gold(path: Path) -> tuple[dict, str]:
    """A gold file and its kind: ``article`` or ``gum``.

    Raises:
        InputError: the file is missing, not JSON, or of neither format.
    """
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such gold file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: not a readable JSON gold file ({err})") from None
    if isinstance(gold, dict) and "facts" in gold and "entities" in gold:
        return gold, "article"
    if isinstance(gold, dict) and gold.get("entities") and "mentions" in gold["entities"][0]:
        return gold, "gum"
    raise InputError(f"{path}: not a gold file (expected 'entities' and 'facts', or GUM 'entities' with 'mentions')")


def article_for(gold_path: Path) -> Path:
    """The article a gold file scores: ``X.gold.json`` -> ``X.txt``, ``X.json`` -> ``X.txt``, or
    the only ``.txt`` file beside it.

    Raises:
        InputError: no article can be found.
    """
    name = gold_path.name
    stem = name[: -len(".gold.json")] if name.endswith(".gold.json") else gold_path.stem
    candidate = gold_path.with_name(stem + ".txt")
    if candidate.is_file():
        return candidate
    texts = sorted(gold_path.parent.glob("*.txt"))
    if len(texts) == 1:
        return texts[0]
    raise InputError(f"{gold_path}: cannot find its article; put {stem}.txt beside it")


def mean_figures(rows: Iterable[dict], kind: str) -> dict:
    """The summary over several articles, as the reference suite reports it."""
    rows = list(rows)
    mean = lambda key: sum(r[key] for r in rows) / len(rows)  # noqa: E731
    if kind == "article":
        out = {k: mean(k) for k in ("core_fact_recall", "all_fact_recall", "entity_recall", "entity_precision",
                                    "proposal_recall")}
        out.update(duplicates=sum(r["entity_duplicates"] for r in rows), wrong_type=sum(r["entity_wrong_type"] for r in rows),
                   forbidden=sum(len(r["forbidden_present"]) for r in rows))
    else:
        total = max(1, sum(r["gold_entities"] for r in rows))
        out = {k: mean(k) for k in ("recall", "precision", "type_agreement")}
        out.update(recall_multi=mean("recall_multi_mention"), split_rate=sum(r["split_errors"] for r in rows) / total,
                   merge_rate=sum(r["merge_errors"] for r in rows) / total)
    out["docs"] = len(rows)
    return out


@dataclass
class ArticleScore:
    """The figures of one gold file."""

    gold: Path
    article: Path
    kind: str  # article | gum
    figures: dict


def evaluate(gold_paths: Iterable[str | Path], *, model: str | None = None) -> list[ArticleScore]:
    """Build each gold file's article with kg and score the graph against the gold.

    Raises:
        InputError: a gold file or its article cannot be read.
    """
    jobs = []
    for raw in gold_paths:
        path = Path(raw)
        gold, kind = load_gold(path)
        jobs.append((path, article_for(path), gold, kind))
    graphs = _graphs_of([article for _, article, _, _ in jobs], model)
    scores = []
    for (path, article, gold, kind), graph in zip(jobs, graphs):
        view = GraphView.of(graph)
        text = article.read_text(encoding="utf-8")
        figures = score_article(view, gold, text) if kind == "article" else score_gum(view, gold)
        scores.append(ArticleScore(path, article, kind, figures))
    return scores


def _graphs_of(articles: list[Path], model: str | None) -> list[Graph]:
    """The graphs ``kg build`` writes for these article files (read, parsed and extracted the
    same way)."""
    from ..extraction.extract import extract_articles
    from ..rdf.model import article_graph
    from ..reading.loading import read_text_file

    read = [read_text_file(path)[0] for path in articles]
    return [article_graph(extraction) for extraction in extract_articles(read, model=model)]
