"""Builds killed on purpose: is the store still right, and is anything left behind?

A clean ``kg build CORPUS --out OUT --store STORE`` gives the reference: the SHA-256 of the
store's quads, sorted (N-Quads lines). Then each trial starts the same build afresh, sends it
SIGKILL or SIGTERM at a chosen point, and checks:

* what the killed build left: its exit code, whether the store opens and answers a query, and the
  ``kg-*`` folders in ``$TMPDIR`` and ``.tmp`` files in OUT (after SIGTERM there must be none);
* that running the build again exits 0, gives a store whose sorted quads hash as the clean one's,
  and leaves nothing in ``$TMPDIR`` or OUT (the re-run removes what a SIGKILL left).

Points: ``model`` (a fixed delay after start: imports and the model loading), ``articles`` (half
of the articles' Turtle written), ``page`` (the corpus TriG in place, its page being drawn),
``merge`` (the page written: the store is flushed and entities merged), and ``twice`` (killed at
``articles``, started again and killed when three quarters of the articles are written, then
re-run). The point reached is
read from the files at the moment of the kill and reported as ``landed``; a build that ended
before its point is reported so, not counted as killed. Every build runs with ``TMPDIR`` set to a
folder of the script's own, so other programs' files are never counted.

Usage: python benchmarks/faults.py [--corpus FILE.jsonl] [--workers 2] [--quick] [--json FILE]
  --quick  a corpus made of the repository's test articles and four trials (for `make test`)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl"
TEST_ARTICLES = sorted((ROOT / "tests" / "data" / "gold" / "wikinews").glob("*.txt")) + [
    ROOT / "tests" / "data" / "gold" / "seed" / "article.txt"]
FULL_TRIALS = [(sig, point) for sig in ("SIGKILL", "SIGTERM") for point in ("model", "articles", "page", "merge", "twice")]
QUICK_TRIALS = [("SIGKILL", "articles"), ("SIGTERM", "articles"), ("SIGKILL", "page")]
MODEL_DELAY = 1.5  # seconds after start: Python and spaCy importing, the model loading
ARTICLE_SHARES = {"articles": 0.5, "more articles": 0.75}  # the share of articles written, at these points


@dataclass
class Trial:
    signal: str
    point: str
    landed: str = ""
    exit_code: int | None = None
    store_answers: bool | None = False  # None: killed before it made the store
    quads_after_kill: int = 0
    tmp_left_after_kill: int = 0
    rerun_exit_code: int | None = None
    same_as_clean: bool = False
    tmp_left_after_rerun: int = 0


def quick_corpus(target: Path, copies: int = 1) -> Path:
    """The repository's test articles, each in ``copies`` distinct copies, as JSONL."""
    with target.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for path in TEST_ARTICLES:
                text = path.read_text(encoding="utf-8")
                out.write(json.dumps({"id": f"{path.stem[:24]}-{copy}", "text": f"Copy {copy}.\n\n{text}"}) + "\n")
    return target


class Builds:
    """Starts ``kg build`` on the corpus into given folders, with TMPDIR set to ``tmp``."""

    def __init__(self, corpus: Path, tmp: Path, workers: int) -> None:
        self.corpus, self.tmp, self.workers = corpus, tmp, workers
        self.stem = corpus.name.split(".")[0]
        self.articles = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())

    def start(self, out: Path, store: Path) -> subprocess.Popen:
        command = [str(Path(sys.executable).with_name("kg")), "build", str(self.corpus), "--out", str(out),
                   "--store", str(store), "--workers", str(self.workers), "-q"]
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "TMPDIR": str(self.tmp)})

    def run(self, out: Path, store: Path) -> int:
        process = self.start(out, store)
        _, err = process.communicate()
        if process.returncode:
            print(f"  build exited {process.returncode}: {err.strip()[-300:]}", file=sys.stderr)
        return process.returncode

    def phase(self, out: Path) -> str:
        """Where a build writing to ``out`` is, read from its files."""
        written = sum(1 for p in out.glob("*.ttl")) if out.is_dir() else 0
        if (out / f"{self.stem}.html").is_file():
            return "merge"
        if (out / f"{self.stem}.trig").is_file():
            return "page"
        return f"articles ({written}/{self.articles})" if written else "model"

    def reached(self, point: str, out: Path, started: float) -> bool:
        if point == "model":
            return time.monotonic() - started >= MODEL_DELAY
        phase = self.phase(out)
        if point in ARTICLE_SHARES:
            return phase.startswith("articles") and int(phase.split("(")[1].split("/")[0]) >= ARTICLE_SHARES[point] * \
                self.articles or phase in ("page", "merge")
        return phase == point or (point == "page" and phase == "merge")

    def kill_at(self, point: str, sig: str, out: Path, store: Path) -> tuple[str, int | None]:
        """Start a build and send it ``sig`` at ``point``: where it landed, and its exit code."""
        process, started = self.start(out, store), time.monotonic()
        while process.poll() is None and not self.reached(point, out, started):
            time.sleep(0.005)
        if process.poll() is not None:
            return "finished before the point", process.returncode
        landed = self.phase(out)
        process.send_signal(getattr(signal, sig))
        try:
            process.wait(120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return f"{landed} (did not stop in 120 s)", None
        return landed, process.returncode


def quads_digest(store: Path) -> tuple[str, int]:
    """SHA-256 of the store's N-Quads lines, sorted, and how many there are."""
    from kg.rdf.store import GraphStore

    opened = GraphStore(store, read_only=True)
    lines = sorted(line for line in opened.dump("nquads").decode("utf-8").splitlines() if line)
    del opened
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest(), len(lines)


def store_answers(store: Path) -> tuple[bool | None, int]:
    """Whether the store opens and answers a query (None: there is no store yet), and how many
    quads it holds."""
    from kg.core.errors import KGError
    from kg.rdf.store import GraphStore

    if not store.exists():
        return None, 0
    try:
        opened = GraphStore.open(store)
        count = int(next(iter(opened.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
        del opened
        return True, count
    except (KGError, StopIteration):
        return False, 0


def leftovers(tmp: Path, out: Path) -> int:
    return sum(1 for _ in tmp.glob("kg-*")) + (sum(1 for _ in out.glob(".*.tmp")) if out.is_dir() else 0)


def trial(builds: Builds, work: Path, number: int, sig: str, point: str, clean: str) -> Trial:
    out, store = work / f"out{number}", work / f"store{number}"
    result = Trial(sig, point)
    landed, code = builds.kill_at("articles" if point == "twice" else point, sig, out, store)
    if point == "twice" and not landed.startswith("finished"):
        again, code = builds.kill_at("more articles", sig, out, store)  # the first half is there already
        landed = f"{landed}, then {again}"
    result.landed, result.exit_code = landed, code
    result.store_answers, result.quads_after_kill = store_answers(store)
    result.tmp_left_after_kill = leftovers(builds.tmp, out)
    result.rerun_exit_code = builds.run(out, store)
    result.same_as_clean = quads_digest(store)[0] == clean
    result.tmp_left_after_rerun = leftovers(builds.tmp, out)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    return result


ANSWERS = {True: "yes", False: "NO", None: "not made yet"}


def table(trials: list[Trial], clean_quads: int) -> str:
    rows = ["| signal | point | landed | exit | store answers (quads) | left in $TMPDIR and out/ | re-run exit | "
            "store = clean build | left after re-run |", "|---|---|---|---|---|---|---|---|---|"]
    for t in trials:
        rows.append(f"| {t.signal} | {t.point} | {t.landed} | {t.exit_code} | "
                    f"{ANSWERS[t.store_answers]} ({t.quads_after_kill:,}) | {t.tmp_left_after_kill} | "
                    f"{t.rerun_exit_code} | {'yes' if t.same_as_clean else 'NO'} | {t.tmp_left_after_rerun} |")
    killed = [t for t in trials if not t.landed.startswith("finished")]
    good = sum(t.store_answers is not False and t.rerun_exit_code == 0 and t.same_as_clean and t.tmp_left_after_rerun == 0
               for t in killed)
    term_clean = sum(t.tmp_left_after_kill == 0 for t in killed if t.signal == "SIGTERM")
    rows.append("")
    rows.append(f"{len(killed)} of {len(trials)} builds killed at their point; {good} of them left a store that answers "
                f"(or none yet), "
                f"a re-run that exits 0 with the clean build's quads ({clean_quads:,}; SHA-256 of the sorted N-Quads) "
                f"and nothing left behind; {term_clean} of {sum(t.signal == 'SIGTERM' for t in killed)} stopped "
                "with SIGTERM left nothing even before the re-run.")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the trials here, as JSON")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="faults-"))
    try:
        tmp = work / "tmp"
        tmp.mkdir()
        corpus = quick_corpus(work / "quick.jsonl") if args.quick else args.corpus
        if not corpus.is_file():
            raise SystemExit(f"{corpus}: no such corpus; give --corpus FILE.jsonl")
        builds = Builds(corpus, tmp, args.workers)
        started = time.perf_counter()
        if builds.run(work / "clean-out", work / "clean-store"):
            raise SystemExit("the clean build failed")
        clean, clean_quads = quads_digest(work / "clean-store")
        print(f"Clean build of {builds.articles} articles ({corpus.name}, --workers {args.workers}): "
              f"{clean_quads:,} quads, {time.perf_counter() - started:.0f} s\n", flush=True)
        trials = []
        for number, (sig, point) in enumerate(QUICK_TRIALS if args.quick else FULL_TRIALS):
            trials.append(trial(builds, work, number, sig, point, clean))
            print(f"  {sig} at {point}: landed {trials[-1].landed}", file=sys.stderr, flush=True)
        print(table(trials, clean_quads))
        if args.json:
            args.json.write_text(json.dumps([asdict(t) for t in trials], indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
