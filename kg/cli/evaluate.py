"""`kg eval`: score extraction against gold knowledge graphs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app, friendly, out

FIGURES = {
    "article": ("core_fact_recall", "all_fact_recall", "entity_recall", "entity_precision", "proposal_recall"),
    "gum": ("recall", "precision", "type_agreement", "recall_multi_mention"),
}
DETAILS = {
    "article": ("missed_core", "missed_other", "entity_missed", "proposal_missed", "forbidden_present", "entity_junk"),
    "gum": ("missed", "spurious"),
}


@app.command("eval")
@friendly
def eval_cli(
    gold: Annotated[list[Path], typer.Argument(help="Gold files: X.gold.json (article gold, see ANNOTATION.md) or "
                                                    "GUM JSON; each scores the article X.txt beside it.")],
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to build with.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article, then the summary.")] = False,
) -> None:
    """Score extraction against gold files: per-article and mean figures, and what was missed.

    Each gold file's article is built as `kg build` builds it, and the graph scored against the gold.
    """
    from ..evaluation.evaluate import evaluate, mean_figures

    scores = evaluate(gold, model=model)
    for kind in ("article", "gum"):
        rows = [s for s in scores if s.kind == kind]
        if not rows:
            continue
        for score in rows:
            if as_json:
                out.print(json.dumps({"gold": str(score.gold), **score.figures}), markup=False)
                continue
            figures = " ".join(f"{k}={score.figures[k]:.3f}" for k in FIGURES[kind])
            out.print(f"{score.article.name}: {figures}", markup=False)
            for key in DETAILS[kind]:
                if score.figures.get(key):
                    out.print(f"  {key}: {'; '.join(map(str, score.figures[key]))}", markup=False)
        summary = mean_figures([s.figures for s in rows], kind)
        name = "dev" if kind == "article" else "gum"
        line = " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in summary.items())
        out.print(json.dumps({"summary": kind, **summary}) if as_json else f"{name}: {line}", markup=False)
