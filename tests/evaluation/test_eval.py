"""`kg eval` agrees with the reference scorer on the dev gold, file by file and figure by figure."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.building.build import build
from kg.cli import app
from kg.evaluation.articles import score_article
from kg.evaluation.evaluate import article_for, load_gold
from kg.evaluation.graphview import GraphView
from kg.evaluation.gum import score_gum

DATA = Path(__file__).resolve().parents[1] / "data" / "gold"
REFERENCE = Path(__file__).resolve().parents[1] / "reference_scorer"
ARTICLE_GOLD = [DATA / "seed" / "gold.json", *sorted((DATA / "wikinews").glob("*.gold.json"))]
GUM_GOLD = sorted((DATA / "gum").glob("*.json"))


def reference(name: str):
    sys.path.insert(0, str(REFERENCE))
    spec = importlib.util.spec_from_file_location(f"reference_{name}", REFERENCE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every dev article built once with kg, as the reference suite does."""
    out = tmp_path_factory.mktemp("eval")
    report = build([article_for(g) for g in ARTICLE_GOLD + GUM_GOLD], out, html=False)
    assert report.ok
    return out


def comparable(figures: dict) -> dict:
    return {k: (round(v, 9) if isinstance(v, float) else sorted(map(str, v)) if isinstance(v, list) else v)
            for k, v in figures.items()}


@pytest.mark.parametrize("gold_path", ARTICLE_GOLD, ids=lambda p: p.parent.name + "/" + p.name[:30])
def test_eval_article_figures_match_the_reference(built, gold_path):
    score = reference("score")
    article = article_for(gold_path)
    ttl = built / f"{article.stem}.ttl"
    gold, kind = load_gold(gold_path)
    text = article.read_text(encoding="utf-8")
    theirs = score.score(score.load(str(ttl)), json.loads(gold_path.read_text()), text)
    ours = score_article(GraphView.of(score.load(str(ttl))), gold, text)
    assert kind == "article"
    shared = set(theirs) & set(ours)
    assert {"core_fact_recall", "entity_recall", "entity_precision", "proposal_recall", "forbidden_present"} <= shared
    assert comparable({k: ours[k] for k in shared}) == comparable({k: theirs[k] for k in shared})


@pytest.mark.parametrize("gold_path", GUM_GOLD, ids=lambda p: p.stem)
def test_eval_gum_figures_match_the_reference(built, gold_path):
    score, score_gum_ref = reference("score"), reference("score_gum")
    graph = score.load(str(built / f"{gold_path.stem}.ttl"))
    gold = json.loads(gold_path.read_text())
    assert comparable(score_gum(GraphView.of(graph), gold)) == comparable(score_gum_ref.score(graph, gold))


def test_eval_cli_prints_per_article_and_mean_figures():
    result = CliRunner().invoke(app, ["eval", str(ARTICLE_GOLD[0]), str(GUM_GOLD[0])])
    assert result.exit_code == 0, result.output
    assert "article.txt: core_fact_recall=" in result.output
    assert "dev: core_fact_recall=" in result.output and "gum: recall=" in result.output


def test_eval_gold_without_article_is_a_one_line_error(tmp_path):
    gold = tmp_path / "lonely.gold.json"
    gold.write_text(json.dumps({"entities": [], "facts": []}))
    result = CliRunner().invoke(app, ["eval", str(gold)])
    assert result.exit_code == 1
    assert "cannot find its article" in result.output
