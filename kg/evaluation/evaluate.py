"""Scoring a knowledge graph against gold annotations (`kg eval`).

Two gold formats are read:

- **article gold** (``tests/data/gold/ANNOTATION.md``): entities with names, aliases and types,
  proposals with keyword groups, facts with a relation class, and forbidden facts. Figures:
  core-fact and all-fact recall, entity recall and precision, proposal recall, proposal nodes
  matching no proposal (noise), duplicates, wrong types, forbidden facts present.
- **GUM coreference gold**: named person/place/organisation clusters with all their mentions.
  Figures: recall, precision, type agreement, split and merge errors.

The gold files of each kind are a suite: their articles are built with ``kg build`` into a
temporary folder, the Turtle it wrote is read back and scored, and the suite's summary is
taken as the reference suite takes it. Graphs are matched by name and relation class, never by
IRI, exactly as the reference scorer used to judge kg does: predicates are mapped by their IRI
local name, so any vocabulary with the right local names scores the same.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError
from .articles import score_article
from .graphs import build_articles, read_turtle
from .graphview import GraphView
from .gum import score_gum

KINDS = ("article", "gum")
MEANS = {  # per kind, the figures averaged over the articles that have them
    "article": ("core_fact_recall", "all_fact_recall", "entity_recall", "entity_precision", "proposal_recall"),
    "gum": ("recall", "precision", "type_agreement"),
}


@dataclass(frozen=True)
class GoldFile:
    """A gold file, its kind (``article`` or ``gum``), what it says, and the article it scores."""

    path: Path
    kind: str
    gold: dict
    article: Path


@dataclass
class ArticleScore:
    """The figures of one gold file."""

    gold: Path
    article: Path
    kind: str
    figures: dict


@dataclass
class SuiteScore:
    """The gold files of one kind, built together, and how long building and scoring took."""

    kind: str
    articles: list[ArticleScore]
    seconds: float

    @property
    def summary(self) -> dict:
        """The means and totals, then ``docs`` and ``seconds``: the reference suite's line."""
        return {**mean_figures([a.figures for a in self.articles], self.kind),
                "seconds": round(self.seconds, 1)}


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


def read_gold_file(path: str | Path) -> GoldFile:
    """A gold file with its kind and article.

    Raises:
        InputError: the file or its article cannot be found or read.
    """
    gold, kind = load_gold(Path(path))
    return GoldFile(Path(path), kind, gold, article_for(Path(path)))


def score_gold(gold: GoldFile, view: GraphView) -> ArticleScore:
    """Score a graph against one gold file."""
    if gold.kind == "article":
        figures = score_article(view, gold.gold, gold.article.read_text(encoding="utf-8"))
    else:
        figures = score_gum(view, gold.gold)
    return ArticleScore(gold.path, gold.article, gold.kind, figures)


def mean_figures(rows: Iterable[dict], kind: str) -> dict:
    """The summary over several articles, as the reference suite reports it: recalls and
    precisions averaged over the articles that have them (1.0 when none has), counts summed,
    and the share of proposal nodes (article gold) or of gold entities (GUM) in error."""
    rows = list(rows)

    def mean(key: str) -> float:
        values = [row[key] for row in rows if row[key] is not None]
        return statistics.mean(values) if values else 1.0

    def total(key: str) -> int:
        return sum(row[key] for row in rows)

    out = {key: mean(key) for key in MEANS[kind]}
    if kind == "article":
        out.update(proposal_noise=total("proposal_unmatched") / max(1, total("proposal_nodes")),
                   duplicates=total("entity_duplicates"), wrong_type=total("entity_wrong_type"),
                   forbidden=sum(len(row["forbidden_present"]) for row in rows))
    else:
        entities = max(1, total("gold_entities"))
        out.update(recall_multi=mean("recall_multi_mention"), split_rate=total("split_errors") / entities,
                   merge_rate=total("merge_errors") / entities)
    out["docs"] = len(rows)
    return out


def evaluate(gold_paths: Iterable[str | Path], *, model: str | None = None) -> list[SuiteScore]:
    """Build each gold file's article with ``kg build`` and score the Turtle it wrote: one suite
    per kind of gold, in the order ``article``, ``gum``.

    Raises:
        InputError: a gold file or its article cannot be read, or kg cannot extract an article.
        KGError: the model is not installed.
    """
    golds = [read_gold_file(path) for path in gold_paths]
    return [evaluate_suite(chosen, model=model) for kind in KINDS
            if (chosen := [gold for gold in golds if gold.kind == kind])]


def evaluate_suite(golds: list[GoldFile], *, model: str | None = None) -> SuiteScore:
    """Build the articles of gold files of one kind into a temporary folder and score them."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as folder:
        turtle = build_articles([gold.article for gold in golds], Path(folder), model=model)
        scores = [score_gold(gold, GraphView.of(read_turtle(turtle[gold.article]))) for gold in golds]
    return SuiteScore(golds[0].kind, scores, time.perf_counter() - started)
