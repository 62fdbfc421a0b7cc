"""`kg build` against bare `nlp.pipe`, one worker against two, and peak memory at 1x and 4x the
corpus, each command a fresh process measured in turns with the others.

Usage: python benchmarks/build_speed.py [--corpus FILE] [--rounds 2] [--no-memory]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from measure import CORPUS, Run, in_turns, median, python, replicate_jsonl, run

HERE = Path(__file__).resolve().parent


def kg_build(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [python(), "-m", "kg", "build", str(corpus), "--out", str(out), "-q", *extra]


def speed(corpus: Path, work: Path, rounds: int) -> dict[str, list[Run]]:
    """Bare spaCy (at its default batch size and at kg's), kg build with 1 and 2 workers."""
    variants = {
        "bare nlp.pipe (batch 256, default)": [python(), str(HERE / "bare_pipe.py"), str(corpus)],
        "bare nlp.pipe (batch 64, kg's)": [python(), str(HERE / "bare_pipe.py"), str(corpus), "64"],
        "kg build --workers 1": kg_build(corpus, work / "w1"),
        "kg build --workers 2": kg_build(corpus, work / "w2", "--workers", "2"),
    }
    return in_turns(variants, rounds)


def report_speed(runs: dict[str, list[Run]]) -> list[str]:
    bare = median(runs["bare nlp.pipe (batch 256, default)"], "wall")
    bare64 = median(runs["bare nlp.pipe (batch 64, kg's)"], "wall")
    one, two = median(runs["kg build --workers 1"], "wall"), median(runs["kg build --workers 2"], "wall")
    cpu_bare = median(runs["bare nlp.pipe (batch 256, default)"], "cpu")
    cpu_one = median(runs["kg build --workers 1"], "cpu")
    lines = ["| command | wall (median) | CPU (median) | peak memory |", "|---|---|---|---|"]
    for name, values in runs.items():
        lines.append(f"| {name} | {median(values, 'wall'):.1f} s | {median(values, 'cpu'):.1f} s | "
                     f"{median(values, 'peak_mb'):.0f} MB |")
    lines += ["",
              f"- kg build (1 worker) / bare nlp.pipe: **{one / bare:.2f}x** wall, {cpu_one / cpu_bare:.2f}x CPU "
              f"(target <= 1.15x); against bare at kg's batch size: {one / bare64:.2f}x",
              f"- 2 workers against 1: **{one / two:.2f}x** faster (target >= 1.6x on 2 cores)"]
    return lines


def memory(corpus: Path, work: Path) -> tuple[Run, Run, int]:
    """Peak memory of `kg build` (one worker, pages included) over the corpus and over 4 copies."""
    lines = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    four = replicate_jsonl(corpus, work / "corpus4x.jsonl", 4)
    single = run(kg_build(corpus, work / "m1"))
    quadruple = run(kg_build(four, work / "m4"))
    return single, quadruple, lines


def report_memory(single: Run, quadruple: Run, articles: int) -> list[str]:
    return ["| corpus | articles | wall | peak memory |", "|---|---|---|---|",
            f"| 1x | {articles} | {single.wall:.0f} s | {single.peak_mb:.0f} MB |",
            f"| 4x | {4 * articles} | {quadruple.wall:.0f} s | {quadruple.peak_mb:.0f} MB |", "",
            f"- peak memory 4x / 1x: **{quadruple.peak_mb / single.peak_mb:.2f}x** (target: flat)"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    try:
        print("\n".join(report_speed(speed(args.corpus, work, args.rounds))))
        if not args.no_memory:
            print("\n".join(report_memory(*memory(args.corpus, work))))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
