"""Helpers shared by the corpus benchmarks: running a command as a fresh process and reading its
wall time, CPU time and peak memory, interleaving variants (the machine is shared: its load
changes over a run, so variants are measured in turns and compared by median), the corpus, and
describing the machine."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl"


def corpus_articles(corpus: Path, limit: int) -> list:
    """The first ``limit`` articles of a JSONL corpus, read as `kg build` reads them."""
    from kg.core.records import Article
    from kg.reading.loading import load_articles

    return list(islice((item for item in load_articles([corpus]) if isinstance(item, Article)), limit))


class Run(NamedTuple):
    """One process's cost: wall seconds, CPU seconds (its own and its workers'), peak memory."""

    wall: float
    cpu: float
    peak_mb: float


def run(command: list[str], *, cwd: Path | None = None) -> Run:
    """Run ``command`` to its end and measure it with ``wait4`` (the CPU time includes the worker
    processes it waited for; the peak is the largest resident set among them)."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0,):
            log.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{log.read().decode()[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def in_turns(variants: dict[str, list[str]], rounds: int) -> dict[str, list[Run]]:
    """Each variant ``rounds`` times, in turns (the order rotating each round)."""
    runs: dict[str, list[Run]] = {name: [] for name in variants}
    names = list(variants)
    for number in range(rounds):
        order = names[number % len(names):] + names[:number % len(names)]
        for name in order:
            runs[name].append(run(variants[name]))
            print(f"    round {number + 1}: {name:<34} {runs[name][-1].wall:7.1f} s wall "
                  f"{runs[name][-1].cpu:7.1f} s CPU {runs[name][-1].peak_mb:7.0f} MB", flush=True)
    return runs


def median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(r, field) for r in runs)


def replicate_jsonl(source: Path, target: Path, copies: int) -> Path:
    """``copies`` copies of a JSONL corpus, each article's text made distinct (a first line
    "Copy N.") so that every copy is a new article with its own content hash."""
    with source.open(encoding="utf-8") as inp, target.open("w", encoding="utf-8") as out:
        lines = [json.loads(line) for line in inp if line.strip()]
        for copy in range(copies):
            for record in lines:
                if copy:
                    record = {**record, "id": f"{record.get('id', 'a')}-copy{copy}", "text": f"Copy {copy}.\n\n{record['text']}"}
                out.write(json.dumps(record) + "\n")
    return target


def new_hash(old: str, copy: int) -> str:
    return hashlib.sha256(f"{old}/{copy}".encode()).hexdigest()


def machine() -> str:
    """The machine the figures come from."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f", {kb / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    import pyoxigraph
    import rdflib
    import spacy

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}, spaCy {spacy.__version__}, pyoxigraph {pyoxigraph.__version__}, "
            f"rdflib {rdflib.__version__}; load average {load:.1f} at the start (the machine is shared)")


def python() -> str:
    return sys.executable


def in_child(action, timeout: float = 3600):
    """``action()`` run in a forked child (the parent's memory shared): its result, a string
    saying how it failed or crashed, or None when it ran past ``timeout`` seconds."""
    import pickle
    import select

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            result = action()
        except Exception as error:  # noqa: BLE001 -- the failure is what is measured
            result = f"fails: {type(error).__name__}: {str(error)[:80]}"
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(result, pipe)
        os._exit(0)
    os.close(write)
    data, deadline = bytearray(), time.perf_counter() + timeout
    with os.fdopen(read, "rb", buffering=0) as pipe:
        while time.perf_counter() < deadline:  # read as the child writes: a full pipe would block it
            ready, _, _ = select.select([pipe], [], [], 0.2)
            if ready:
                chunk = pipe.read(1 << 20)
                if not chunk:
                    break
                data += chunk
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return None
    _, status = os.waitpid(pid, 0)
    if not data:
        return f"crashes (exit {os.waitstatus_to_exitcode(status)})"
    return pickle.loads(bytes(data))
