"""`kg eval`: score extraction against gold knowledge graphs."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app, friendly, out

FIGURES = {  # per kind, the figures on each article's line
    "article": ("core_fact_recall", "all_fact_recall", "entity_recall", "entity_precision", "proposal_recall",
                "proposal_nodes", "proposal_unmatched"),
    "gum": ("recall", "precision", "type_agreement", "recall_multi_mention", "split_errors", "merge_errors"),
}
DETAILS = {
    "article": ("missed_core", "missed_other", "entity_missed", "proposal_missed", "forbidden_present", "entity_junk"),
    "gum": ("missed", "spurious"),
}
SUITE_NAMES = {"article": "articles", "gum": "gum"}


def figure_line(figures: dict, keys: Iterable[str] | None = None) -> str:
    """``key=value`` pairs as the reference suite prints them: floats to three places; a recall
    with nothing to recall is ``n/a``."""

    def shown(value) -> str:
        return "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)

    return " ".join(f"{key}={shown(figures[key])}" for key in (figures if keys is None else keys))


@app.command("eval")
@friendly
def eval_cli(
    gold: Annotated[list[Path], typer.Argument(help="Gold files: X.gold.json (article gold, see ANNOTATION.md) or "
                                                    "GUM JSON; each scores the article X.txt beside it.")],
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to build with.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article, then one per suite.")] = False,
) -> None:
    """Score extraction against gold files: per-article figures, what was missed, suite means.

    The gold files' articles are built with `kg build` into a temporary folder and the Turtle it
    wrote is scored. Each kind of gold is a suite (articles; gum), summed up on one line under the
    names and rounding of the reference suite (suite.py).
    """
    from ..evaluation.evaluate import evaluate

    for suite in evaluate(gold, model=model):
        for score in suite.articles:
            if as_json:
                row = {"gold": str(score.gold), "doc": score.article.stem, **score.figures}
                out.print(json.dumps(row), markup=False)
                continue
            out.print(f"{score.article.name}: {figure_line(score.figures, FIGURES[suite.kind])}", markup=False)
            for key in DETAILS[suite.kind]:
                if score.figures.get(key):
                    out.print(f"  {key}: {'; '.join(map(str, score.figures[key]))}", markup=False)
        name = SUITE_NAMES[suite.kind]
        if as_json:
            out.print(json.dumps({"suite": name, **suite.summary}), markup=False)
        else:
            out.print(f"{name}: {figure_line(suite.summary)}", markup=False)
