"""The rules are written for English, not for the dev articles: no run of six words of a gold text
(tests/data/gold/) appears in the code, the data files or the tests of kg. Names in the
gazetteers are names, and the bundled example article is itself a gold text: both are left out."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN = 6
EXEMPT = {Path("kg/reading/example/article.txt"), Path("kg/extraction/data/orgs.tsv")}
# the page of the bundled article is titled by its first sentence, which a browser test checks
EXEMPT_LINES = {(Path("tests/test_browser.py"), "assert page.title().startswith(")}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def runs(text: str) -> set[str]:
    found = words(text)
    return {" ".join(found[i:i + RUN]) for i in range(len(found) - RUN + 1)}


def test_hygiene_no_dev_sentence_in_code_data_or_tests():
    gold = set()
    for path in (ROOT / "tests" / "data" / "gold").rglob("*.txt"):
        gold |= runs(path.read_text(encoding="utf-8"))
    assert len(gold) > 10_000  # the dev texts are there
    sources = [*(ROOT / "kg").rglob("*.py"), *(ROOT / "kg").rglob("*.tsv"), *(ROOT / "kg").rglob("*.txt"),
               *(ROOT / "tests").rglob("*.py")]
    quoted = []
    for path in sources:
        relative = path.relative_to(ROOT)
        if relative in EXEMPT:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(relative == p and marker in line for p, marker in EXEMPT_LINES):
                continue
            if runs(line) & gold:
                quoted.append(f"{relative}:{number}: {line.strip()[:100]}")
    assert quoted == [], "\n".join(quoted)
