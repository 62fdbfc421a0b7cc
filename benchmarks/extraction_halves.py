"""Extraction figures on the two halves of each dev suite, as the reference scorer computes them.

Work the way a careful team works with little data: study the errors of half A, write the rule for
the construction of English, then check that half B does not get worse. The halves are fixed (the
suite's files in sorted order, alternately A and B), so figures are comparable between runs.

Usage: python benchmarks/extraction_halves.py [SUITE ...] [--kg .venv/bin/kg] [--errors A|B] [--baseline]
  SUITE: dev, gum-dev, genres-dev (default: all three)
  --errors A  also print, for each article of half A, what was missed and what was spurious
  --baseline  score spaCy's NER alone instead of kg (the suite's `baseline_build`: one node per
              distinct string, typed by label), the floor to beat
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(EVAL))
import score  # noqa: E402
import score_gum  # noqa: E402
import suite  # noqa: E402

ARTICLE_KEYS = ("core_fact_recall", "all_fact_recall", "entity_recall", "entity_precision", "proposal_recall")
GUM_KEYS = ("recall", "precision", "type_agreement")
ERROR_KEYS = {"gold": ("missed_core", "missed_other", "entity_missed", "entity_junk", "proposal_missed",
                       "forbidden_present"),
              "gum": ("missed", "spurious")}


def figures(rows: list[dict], kind: str) -> dict:
    def mean(key):
        values = [r[key] for r in rows if r.get(key) is not None]
        return statistics.mean(values) if values else 1.0

    if kind == "gold":
        out = {k: mean(k) for k in ARTICLE_KEYS}
        out["proposal_noise"] = sum(r["proposal_unmatched"] for r in rows) / max(1, sum(r["proposal_nodes"] for r in rows))
        out.update(duplicates=sum(r["entity_duplicates"] for r in rows), wrong_type=sum(r["entity_wrong_type"] for r in rows),
                   forbidden=sum(len(r["forbidden_present"]) for r in rows))
    else:
        total = max(1, sum(r["gold_entities"] for r in rows))
        out = {k: mean(k) for k in GUM_KEYS}
        out.update(split=sum(r["split_errors"] for r in rows) / total, merge=sum(r["merge_errors"] for r in rows) / total)
    return out


def run(kg: str | None, name: str, errors: str | None) -> None:
    pairs, kind = suite.suite(name)
    with tempfile.TemporaryDirectory(prefix="kg-halves-") as out:
        if kg is None:
            suite.baseline_build(pairs, out)
        else:
            built = subprocess.run([kg, "build", *[t for t, _ in pairs], "--out", out, "--no-html", "-q"],
                                   capture_output=True, text=True)
            if built.returncode:
                raise SystemExit("kg build failed: " + built.stderr.strip()[-600:])
        rows = []
        for number, (txt, gold_path) in enumerate(pairs):
            graph = score.load(str(Path(out) / (Path(txt).stem + ".ttl")))
            gold = json.loads(Path(gold_path).read_text())
            row = (score.score(graph, gold, Path(txt).read_text()) if kind == "gold" else score_gum.score(graph, gold))
            row.update(doc=Path(txt).stem, half="AB"[number % 2])
            rows.append(row)
    for half in ("A", "B", "all"):
        chosen = [r for r in rows if half == "all" or r["half"] == half]
        line = " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures(chosen, kind).items())
        print(f"{name}{' (spaCy NER alone)' if kg is None else ''} {half} ({len(chosen)}): {line}")
    if errors:
        for row in rows:
            if row["half"] == errors:
                shown = {k: row[k] for k in ERROR_KEYS[kind] if row.get(k)}
                if shown:
                    print(f"  {row['doc'][:60]}: {json.dumps(shown)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suites", nargs="*", default=["dev", "gum-dev", "genres-dev"])
    parser.add_argument("--kg", default=str(ROOT / ".venv" / "bin" / "kg"))
    parser.add_argument("--errors", choices=["A", "B"])
    parser.add_argument("--baseline", action="store_true", help="score spaCy's NER alone instead of kg")
    args = parser.parse_args()
    for name in args.suites:
        run(None if args.baseline else args.kg, name, args.errors)


if __name__ == "__main__":
    main()
