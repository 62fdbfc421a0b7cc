"""exports/ holds the outputs of the bundled article; this test fails when they are stale.
Regenerate them with `make exports` (or `make demo`)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from kg.building.build import build

EXPORTS = Path(__file__).resolve().parents[2] / "exports"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    report = build([], out)
    assert report.ok and report.articles == 1
    return out


@pytest.mark.parametrize("name", ["article.ttl", "article.html"])
def test_exports_are_up_to_date(fresh, name):
    committed = (EXPORTS / name).read_text(encoding="utf-8")
    current = (fresh / name).read_text(encoding="utf-8")
    if committed != current:
        diff = "".join(list(difflib.unified_diff(committed.splitlines(True), current.splitlines(True),
                                                 f"exports/{name}", "fresh build"))[:60])
        pytest.fail(f"exports/{name} is stale; run `make exports`.\n{diff}")
