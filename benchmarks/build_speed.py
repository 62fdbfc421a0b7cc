"""`kg build` against bare `nlp.pipe`, one process each, at batch sizes 32, 64 and 256 (wall
and CPU time: on a shared machine the CPU time is the steadier of the two), with the corpus page's time apart; one worker against two; peak memory at 1x and 4x the
corpus. Each command is a fresh process, measured in turns with the others (medians).

Usage: python benchmarks/build_speed.py [--corpus FILE] [--rounds 3] [--no-memory] [--no-workers]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from measure import CORPUS, Run, in_turns, median, python, replicate_jsonl, run

HERE = Path(__file__).resolve().parent


BATCHES = (32, 64, 256)
DEFAULT_BATCH = 64  # kg.building.build.DEFAULT_BATCH
ONE_CPU: list[str] = []  # one process each: one CPU at a time (pinning both to one core made them queue
# behind whatever else ran on that core of a shared machine: wall times twice the CPU times)


def kg_build(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [python(), "-m", "kg", "build", str(corpus), "--out", str(out), "-q", *extra]


def speed(corpus: Path, work: Path, rounds: int) -> dict[str, list[Run]]:
    """One process each: bare spaCy and kg build (default outputs: Turtle, TriG, the corpus page) at
    each batch size, and kg build without its page at kg's batch size, all in turns."""
    variants = {}
    for batch in BATCHES:
        variants[f"bare nlp.pipe, batch {batch}"] = ONE_CPU + [python(), str(HERE / "bare_pipe.py"), str(corpus), str(batch)]
        variants[f"kg build, batch {batch}"] = ONE_CPU + kg_build(corpus, work / f"b{batch}", "--batch-size", str(batch))
    variants[f"kg build --no-html, batch {DEFAULT_BATCH}"] = ONE_CPU + kg_build(corpus, work / "nohtml", "--no-html")
    return in_turns(variants, rounds)


def workers(corpus: Path, work: Path, rounds: int) -> dict[str, list[Run]]:
    """kg build with 1 and 2 workers (both cores), in turns."""
    return in_turns({"kg build --workers 1": kg_build(corpus, work / "w1"),
                     "kg build --workers 2": kg_build(corpus, work / "w2", "--workers", "2")}, rounds)


def components() -> list[str]:
    """The spaCy components each side runs: bare spaCy runs every component the model enables;
    kg the same ones (it disables none it reads) and two of its own, counted in kg's time."""
    import spacy

    from kg.extraction.pipeline import default_model, load_pipeline

    bare = spacy.load(default_model())
    return [f"- bare nlp.pipe runs {', '.join(bare.pipe_names)} ({default_model()})",
            f"- kg build runs {', '.join(load_pipeline().pipe_names)}"]


def report_speed(runs: dict[str, list[Run]]) -> list[str]:
    wall = {name: median(values, "wall") for name, values in runs.items()}
    lines = ["| command (one process) | wall (median) | CPU (median) | peak memory |", "|---|---|---|---|"]
    for name, values in runs.items():
        lines.append(f"| {name} | {wall[name]:.1f} s | {median(values, 'cpu'):.1f} s | {median(values, 'peak_mb'):.0f} MB |")
    nohtml = f"kg build --no-html, batch {DEFAULT_BATCH}"
    for measure in ("wall", "cpu"):
        took = {name: median(values, measure) for name, values in runs.items()}
        bare = {b: took[f"bare nlp.pipe, batch {b}"] for b in BATCHES}
        kg = {b: took[f"kg build, batch {b}"] for b in BATCHES}
        fastest = min(bare, key=bare.get)
        lines += ["", f"| batch ({measure} time) | bare nlp.pipe | kg build | kg / bare at this batch | "
                      "kg / bare at its fastest |", "|---|---|---|---|---|"]
        for b in BATCHES:
            lines.append(f"| {b} | {bare[b]:.1f} s | {kg[b]:.1f} s | {kg[b] / bare[b]:.2f}x | {kg[b] / bare[fastest]:.2f}x |")
        lines += ["", f"- {measure}: kg build at its default batch ({DEFAULT_BATCH}) / bare nlp.pipe at its fastest "
                      f"(batch {fastest}): **{kg[DEFAULT_BATCH] / bare[fastest]:.2f}x**; at kg's fastest batch "
                      f"({min(kg, key=kg.get)}): **{min(kg.values()) / bare[fastest]:.2f}x** (target <= 1.15x)",
                  f"- {measure}: the corpus page {kg[DEFAULT_BATCH] - took[nohtml]:.1f} s of kg's {kg[DEFAULT_BATCH]:.1f} s "
                  f"(kg build --no-html: {took[nohtml]:.1f} s)"]
    return lines


def report_workers(runs: dict[str, list[Run]]) -> list[str]:
    one, two = median(runs["kg build --workers 1"], "wall"), median(runs["kg build --workers 2"], "wall")
    return ["| command (both cores) | wall (median) | CPU (median) |", "|---|---|---|",
            *(f"| {n} | {median(v, 'wall'):.1f} s | {median(v, 'cpu'):.1f} s |" for n, v in runs.items()), "",
            f"- 2 workers against 1: **{one / two:.2f}x** faster (target >= 1.6x on 2 cores)"]


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
    parser.add_argument("--no-workers", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    try:
        print("\n".join(report_speed(speed(args.corpus, work, args.rounds)) + [""] + components()))
        if not args.no_workers:
            print("\n" + "\n".join(report_workers(workers(args.corpus, work, args.rounds))))
        if not args.no_memory:
            print("\n".join(report_memory(*memory(args.corpus, work))))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
