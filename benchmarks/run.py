"""`make bench`: the corpus benchmarks, side by side in one run, printed and saved to
benchmarks/RESULTS.md (the README quotes it).

1. what each spaCy component costs and whether the extractor needs it (components.py);
2. where a build's time goes, stage by stage and extraction module by module (profile_build.py);
3. `kg build` against bare `nlp.pipe`, 1 worker against 2, peak memory at 1x and 4x the corpus
   (build_speed.py);
4. triples per second into the store, and every stored query's p50/p95 at 300,000 triples on
   Oxigraph and on rdflib (store_speed.py).

Usage: python benchmarks/run.py [--corpus FILE] [--quick] [--all]
  --quick  one round, no 4x memory run, no rdflib (a few minutes instead of about half an hour)
  --all    then also the other benchmarks of benchmarks/ (queries, validation, viewer, serving
           under load, builds killed on purpose, the questions at 300,000 to 3,000,000 quads)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from measure import CORPUS, machine, python

HERE = Path(__file__).resolve().parent
OTHERS = ("bench_query.py", "bench_validate.py", "viewer_5000.py", "load.py", "faults.py", "scale.py")


def section(title: str, command: list[str]) -> str:
    print(f"\n## {title}\n", flush=True)
    started = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.PIPE, text=True, cwd=HERE.parent)
    table = proc.stdout.strip()
    print(table, flush=True)
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode})")
    return f"## {title}\n\n{table}\n\n({time.perf_counter() - started:.0f} s)\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_file():
        raise SystemExit(f"{args.corpus}: no such corpus; give --corpus FILE.jsonl")
    corpus = ["--corpus", str(args.corpus)]
    here = lambda name: [python(), "-W", "ignore", str(HERE / name)]  # noqa: E731
    started = time.strftime("%Y-%m-%d %H:%M")
    parts = [f"# Benchmarks\n\n{started}, `{args.corpus.name}`; {machine()}\n"]
    print(parts[0])
    parts.append(section("spaCy components: cost, and what the graph loses without each",
                         here("components.py") + corpus + ["--articles", "60" if args.quick else "120"]))
    parts.append(section("Where a build's time goes", here("profile_build.py") + corpus))
    parts.append(section("kg build against bare nlp.pipe; workers; memory",
                         here("build_speed.py") + corpus + (["--rounds", "1", "--no-memory"] if args.quick else [])))
    parts.append(section("The store at 300,000 triples: loading and every stored query",
                         here("store_speed.py") + corpus + (["--no-rdflib"] if args.quick else [])))
    if args.all:
        for name in OTHERS:
            if (HERE / name).is_file():
                parts.append(section(f"{name}", here(name)))
    (HERE / "RESULTS.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"\nSaved to {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    sys.exit(main())
