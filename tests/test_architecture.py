"""The package tree is the pipeline: the layers written in pyproject.toml's import-linter
contracts hold, no module of kg/ sits outside a layer, and `kg --help` lists the commands in the
order a user meets them, each summed up on one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE_LAYERS = {"__init__.py", "__main__.py", "api.py"}
COMMAND_ORDER = ["build", "query", "timeline", "path", "neighbors", "central", "communities", "view", "serve", "push", "export",
                 "stats", "validate", "eval", "merges"]


def test_architecture_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint is not None, "import-linter is a test dependency: pip install -e '.[test]'"
    result = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_architecture_every_module_is_in_a_layer():
    loose = sorted(p.name for p in (ROOT / "kg").glob("*.py") if p.name not in OUTSIDE_LAYERS)
    assert loose == []


@pytest.mark.parametrize("layer", ["core", "reading", "extraction", "rdf", "questions", "pages", "server",
                                   "building", "evaluation", "cli"])
def test_architecture_each_layer_says_what_comes_in_and_goes_out(layer):
    doc = (ROOT / "kg" / layer / "__init__.py").read_text(encoding="utf-8")
    assert doc.startswith('"""') and len(doc.split('"""')[1].split()) >= 25


def test_architecture_help_lists_commands_in_the_order_users_meet_them():
    assert list(typer.main.get_command(app).commands) == COMMAND_ORDER


@pytest.mark.parametrize("command", COMMAND_ORDER)
def test_architecture_each_command_is_summed_up_on_one_line(command):
    summary = (typer.main.get_command(app).commands[command].help or "").split("\n\n")[0]
    assert summary and "\n" not in summary and len(summary) <= 100


def test_architecture_help_is_not_wrapped_mid_sentence():
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "140", "TERM": "dumb"})
    assert result.exit_code == 0
    listed = [line for line in result.output.splitlines() if line.startswith("│")]
    starts = [line.strip("│ ").split()[0] for line in listed if line.strip("│ ")]
    # every line of the command list starts with a command's name: no continuation lines
    assert [s for s in starts if not s.startswith("--")] == COMMAND_ORDER
