"""`kg eval` agrees with the reference scorer (`tests/reference_scorer/`, a copy of the one used
to judge kg) on every dev suite, file by file and figure by figure, and scores the Turtle files
that `kg build` wrote.

Every dev article is built once per session by one `kg build` run; the reference suite
(`suite.py`, its `kg build` step pointed at those files) and kg's scoring then read the same
Turtle files.
"""

from __future__ import annotations

import importlib
import io
import json
import shutil
import sys
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from typer.testing import CliRunner

from kg.building.build import BuildReport, build
from kg.cli import app
from kg.cli.evaluate import figure_line
from kg.evaluation import graphs
from kg.evaluation.evaluate import evaluate, mean_figures, read_gold_file, score_gold
from kg.evaluation.graphs import build_articles, read_turtle
from kg.evaluation.graphview import GraphView

TESTS = Path(__file__).resolve().parents[1]
REFERENCE = TESTS / "reference_scorer"
OWN = TESTS / "data" / "eval"  # two articles and their gold, written for these tests
# The reference reads Turtle through rdflib's Dataset, whose default_context this rdflib deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
SUITES = {"dev": 33, "gum-dev": 8, "genres-dev": 53}
DETAILS_OF_OUR_OWN = {"article": {"missed_other", "entity_missed", "proposal_missed"}, "gum": set()}


def reference_module() -> ModuleType:
    """The reference suite, imported from its copy (it imports `score` and `score_gum` beside it)."""
    if str(REFERENCE) not in sys.path:
        sys.path.insert(0, str(REFERENCE))
    return importlib.import_module("suite")


REFERENCE_SUITE = reference_module()
SUITE_GOLD = {name: [(Path(txt).resolve(), Path(gold).resolve()) for txt, gold in REFERENCE_SUITE.suite(name)[0]]
              for name in SUITES}


def run_reference_suite(name: str, build_into: Callable[[list[str], Path], None], folder: Path,
                        pairs: list[tuple[Path, Path]] | None = None) -> tuple[dict[str, dict], str]:
    """Run the reference ``suite.py`` on a suite (or on ``pairs`` of article and gold), its
    ``kg build`` step replaced by ``build_into(articles, out)``: each article's figures as it
    prints them with ``--verbose``, by document, and its summary line."""
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(io.StringIO()) as printed:
        patch.setattr(REFERENCE_SUITE, "build", lambda kg, chosen, out: build_into([t for t, _ in chosen], Path(out)))
        patch.setattr(REFERENCE_SUITE, "tempfile", SimpleNamespace(mkdtemp=lambda prefix: str(folder)))
        if pairs is not None:
            patch.setattr(REFERENCE_SUITE, "suite", lambda _: ([(str(t), str(g)) for t, g in pairs], "gold"))
        REFERENCE_SUITE.run("kg", name, True)
    *rows, summary = printed.getvalue().splitlines()
    return {row.pop("doc"): row for row in map(json.loads, rows)}, summary


def comparable(figures: dict, keys: dict | None = None) -> dict:
    """Figures (only those under ``keys``' keys, when given) as JSON gives them, lists of names
    sorted: the reference lists them in the order it reads the graph, which rdflib does not fix."""
    figures = json.loads(json.dumps(figures))
    return {key: sorted(map(str, figures[key])) if isinstance(figures[key], list) else figures[key]
            for key in (figures if keys is None else keys)}


def without_label_and_seconds(line: str) -> str:
    """A summary line's figures: the suite's name and the time it took left out."""
    return " ".join(part for part in line.split(": ", 1)[1].split() if not part.startswith("seconds="))


@pytest.fixture(scope="session")
def built_dev(tmp_path_factory) -> dict[Path, Path]:
    """Every article of the three dev suites, built by one `kg build` run: article -> Turtle."""
    out = tmp_path_factory.mktemp("dev-build")
    articles = [txt for pairs in SUITE_GOLD.values() for txt, _ in pairs]
    report = build(articles, out, html=False)
    assert report.ok, report.failures
    return {article: out / f"{article.stem}.ttl" for article in articles}


@pytest.fixture(scope="session")
def reference_dev(built_dev, tmp_path_factory) -> dict[str, tuple[dict[str, dict], str]]:
    """The reference suite's figures on those Turtle files: suite -> (rows by document, summary)."""

    def copy_built(articles: list[str], out: Path) -> None:
        for article in articles:
            shutil.copy(built_dev[Path(article).resolve()], out / f"{Path(article).stem}.ttl")

    return {name: run_reference_suite(name, copy_built, tmp_path_factory.mktemp(f"reference-{name}"))
            for name in SUITES}


@pytest.mark.parametrize(("name", "count"), SUITES.items())
def test_eval_suites_hold_the_dev_gold(name, count):
    assert len(SUITE_GOLD[name]) == count
    assert all(txt.is_file() and gold.is_file() for txt, gold in SUITE_GOLD[name])


@pytest.mark.parametrize(("name", "gold_path"), [(name, gold) for name in SUITES for _, gold in SUITE_GOLD[name]],
                         ids=lambda value: value.name[:40] if isinstance(value, Path) else value)
def test_eval_figures_equal_the_reference_file_by_file(built_dev, reference_dev, name, gold_path):
    gold = read_gold_file(gold_path)
    theirs = reference_dev[name][0][gold.article.stem]
    ours = score_gold(gold, GraphView.of(read_turtle(built_dev[gold.article.resolve()]))).figures
    assert comparable(ours, theirs) == comparable(theirs)
    assert set(ours) - set(theirs) == DETAILS_OF_OUR_OWN[gold.kind]


@pytest.mark.parametrize("name", SUITES)
def test_eval_suite_figures_equal_the_reference(built_dev, reference_dev, name):
    golds = [read_gold_file(gold) for _, gold in SUITE_GOLD[name]]
    rows = [score_gold(gold, GraphView.of(read_turtle(built_dev[gold.article.resolve()]))).figures for gold in golds]
    ours = figure_line(mean_figures(rows, golds[0].kind))
    assert ours == without_label_and_seconds(reference_dev[name][1])


def test_eval_evaluate_equals_the_reference_on_a_separate_build(reference_dev):
    """`evaluate` builds the articles itself; its figures equal the reference's on the files of
    the session's own `kg build` run."""
    chosen = {name: SUITE_GOLD[name][1] for name in SUITES}
    suites = evaluate([gold for _, gold in chosen.values()])
    assert [(suite.kind, len(suite.articles)) for suite in suites] == [("article", 1), ("gum", 2)]
    for score in (score for suite in suites for score in suite.articles):
        name = next(name for name, (_, gold) in chosen.items() if gold == score.gold)
        theirs = reference_dev[name][0][score.article.stem]
        assert comparable(score.figures, theirs) == comparable(theirs)


@pytest.fixture(scope="module")
def reference_own(tmp_path_factory) -> tuple[dict[str, dict], str]:
    """The reference suite on our own two articles, built by the `kg build` command as it runs it."""

    def kg_build(articles: list[str], out: Path) -> None:
        result = CliRunner().invoke(app, ["build", *articles, "--out", str(out)])
        assert result.exit_code == 0, result.output

    pairs = [(OWN / f"{stem}.txt", OWN / f"{stem}.gold.json") for stem in ("garden", "harbour")]
    return run_reference_suite("own", kg_build, tmp_path_factory.mktemp("reference-own"), pairs)


def test_eval_cli_json_equals_the_reference_suite(reference_own):
    """`kg eval --json` against suite.py --verbose on a separate `kg build`: the same figures for
    each article, None for recalls with nothing to recall (garden.txt has no proposal and no fact)."""
    result = CliRunner().invoke(app, ["eval", "--json", str(OWN / "garden.gold.json"), str(OWN / "harbour.gold.json")])
    assert result.exit_code == 0, result.output
    *rows, summary = map(json.loads, result.output.splitlines())
    theirs = reference_own[0]
    assert {row["doc"]: comparable(row, theirs[row["doc"]]) for row in rows} == {
        doc: comparable(figures) for doc, figures in theirs.items()}
    assert theirs["garden"]["proposal_recall"] is None and theirs["garden"]["core_fact_recall"] is None
    assert summary["suite"] == "articles" and summary["docs"] == 2


def test_eval_cli_prints_the_reference_suite_line(reference_own):
    result = CliRunner().invoke(app, ["eval", str(OWN / "garden.gold.json"), str(OWN / "harbour.gold.json")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("garden.txt: core_fact_recall=n/a all_fact_recall=n/a ")
    assert lines[-1].startswith("articles: core_fact_recall=") and " seconds=" in lines[-1]
    assert without_label_and_seconds(lines[-1]) == without_label_and_seconds(reference_own[1])
    assert "proposal_noise=" in lines[-1]


def test_eval_scores_the_turtle_that_kg_build_wrote(monkeypatch):
    """With `kg build` made to write a known graph, `kg eval` gives that graph's figures."""
    calls = []

    def write_known_graph(inputs, out_dir, **options):
        calls.append([Path(p).name for p in inputs])
        Path(out_dir).mkdir(parents=True)
        for path in inputs:
            shutil.copy(OWN / "harbour.known.ttl", Path(out_dir) / f"{Path(path).stem}.ttl")
        return BuildReport()

    monkeypatch.setattr(graphs, "build", write_known_graph)
    [suite] = evaluate([OWN / "harbour.gold.json"])
    figures = suite.articles[0].figures
    assert calls == [["harbour.txt"]]
    assert {k: figures[k] for k in ("entity_recall", "proposal_recall", "proposal_nodes", "proposal_unmatched",
                                    "core_fact_recall", "all_fact_recall", "missed_core", "triples")} == {
        "entity_recall": 1 / 3, "proposal_recall": 1.0, "proposal_nodes": 2, "proposal_unmatched": 1,
        "core_fact_recall": 2 / 3, "all_fact_recall": 2 / 5, "missed_core": ["ortiz met hale"], "triples": 8}
    assert suite.summary["proposal_noise"] == 0.5


def test_graphs_build_articles_of_the_same_stem_or_text_each_get_their_graph(tmp_path):
    texts = {"a/note.txt": "Ada Lovelace met Alan Turing in London.", "b/note.txt": "Grace Hopper visited Paris.",
             "c/copy.txt": "Ada Lovelace met Alan Turing in London."}
    for name, text in texts.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    turtle = build_articles([tmp_path / name for name in texts], tmp_path / "out")
    assert sorted(turtle) == sorted(tmp_path / name for name in texts)
    assert len(set(turtle.values())) == 3
    assert [("Lovelace" in path.read_text(), "Hopper" in path.read_text()) for path in turtle.values()] == [
        (True, False), (False, True), (True, False)]


ROW = {"core_fact_recall": 1.0, "all_fact_recall": 1.0, "entity_recall": 1.0, "entity_precision": 1.0,
       "proposal_recall": 1.0, "proposal_nodes": 0, "proposal_unmatched": 0, "entity_duplicates": 0,
       "entity_wrong_type": 0, "forbidden_present": []}


@pytest.mark.parametrize(("rows", "expected"), [
    ([{"proposal_recall": 0.5}, {"proposal_recall": None}, {"proposal_recall": 0.0}], {"proposal_recall": 0.25}),
    ([{"core_fact_recall": None}, {"core_fact_recall": None}], {"core_fact_recall": 1.0}),
    ([{"proposal_nodes": 3, "proposal_unmatched": 1}, {"proposal_nodes": 1, "proposal_unmatched": 1}],
     {"proposal_noise": 0.5}),
    ([{"proposal_nodes": 0}], {"proposal_noise": 0.0, "docs": 1}),
])
def test_eval_mean_figures_leave_out_articles_with_nothing_to_recall(rows, expected):
    summary = mean_figures([{**ROW, **row} for row in rows], "article")
    assert {key: summary[key] for key in expected} == expected


@pytest.mark.parametrize(("files", "message"), [
    ({"lonely.gold.json": json.dumps({"entities": [], "facts": []})}, "lonely.gold.json: cannot find its article"),
    ({"blank.gold.json": json.dumps({"entities": [], "facts": []}), "blank.txt": "  \n"}, "blank.txt: the file holds no text"),
    ({"broken.gold.json": "{ not json", "broken.txt": "Some text."}, "broken.gold.json: not a readable JSON gold file"),
    ({"other.gold.json": json.dumps({"rows": []}), "other.txt": "Some text."}, "other.gold.json: not a gold file"),
])
def test_eval_bad_gold_or_article_is_a_one_line_error(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    gold = next(name for name in files if name.endswith(".gold.json"))
    result = CliRunner().invoke(app, ["eval", str(tmp_path / gold)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
