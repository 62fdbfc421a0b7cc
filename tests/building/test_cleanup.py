"""What a build leaves behind: nothing in the temporary directory, whether it succeeds, fails, or is
stopped by SIGTERM or Ctrl-C (SIGINT); and after a build killed with SIGKILL, the next build
completes and leaves nothing either. (The corpus page keeps its facts in an unnamed temporary file,
which the system removes however the process ends; `kg serve`'s temporary stores are covered by
tests/core/test_scratch.py.) Builds run with ``TMPDIR`` set to a folder of the test's own."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.building.build import build

TEXTS = [
    "Sir Keir Starmer met President Volodymyr Zelensky in Kyiv on Thursday. Starmer backed a peace plan.",
    "The United Nations proposed a ceasefire in Sudan. The African Union backed the ceasefire plan.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Forty short articles, so that a build is still running when the test stops it."""
    path = tmp_path_factory.mktemp("in") / "news.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number in range(40):
            handle.write(json.dumps({"id": f"story-{number}", "text": f"Report {number}. {TEXTS[number % 2]}"}) + "\n")
    return path


def leftovers(tmp: Path, out: Path) -> list[str]:
    return sorted(p.name for p in tmp.glob("kg-*")) + sorted(p.name for p in out.glob(".*.tmp"))


def test_cleanup_after_a_build_that_succeeds_or_fails(corpus, tmp_path, monkeypatch):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(tmp))
    assert build([corpus], tmp_path / "ok").ok
    assert leftovers(tmp, tmp_path / "ok") == []

    def fail_on_the_third(built) -> None:
        fail_on_the_third.seen += 1
        if fail_on_the_third.seen == 3:
            raise RuntimeError("the disk is full")

    fail_on_the_third.seen = 0
    with pytest.raises(RuntimeError):
        build([corpus], tmp_path / "failed", on_article=fail_on_the_third)
    assert leftovers(tmp, tmp_path / "failed") == []


def start_build(corpus: Path, out: Path, tmp: Path, workers: int = 1) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "-q", "-w", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def wait_for(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the build ended (or hung) before the point it was to be stopped at: " + process.stderr.read())
        time.sleep(0.005)


def articles_written(out: Path) -> bool:
    return len(list(out.glob("story-*.ttl"))) >= 2  # mid-articles: the corpus files are open


@pytest.mark.parametrize("sent, code, says, workers", [
    (signal.SIGTERM, 143, "terminated", 1),
    (signal.SIGINT, 130, "interrupted", 1),
    (signal.SIGTERM, 143, "terminated", 2),  # the worker processes end quietly too
])
def test_cleanup_when_a_build_is_stopped(corpus, tmp_path, sent, code, says, workers):
    tmp, out = tmp_path / "tmp", tmp_path / "out"
    tmp.mkdir()
    process = start_build(corpus, out, tmp, workers)
    wait_for(lambda: articles_written(out), process)
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert f"kg: {says};" in stderr and "Traceback" not in stderr
    assert leftovers(tmp, out) == []


def test_cleanup_of_a_killed_build_by_the_next(corpus, tmp_path):
    tmp, out = tmp_path / "tmp", tmp_path / "out"
    tmp.mkdir()
    process = start_build(corpus, out, tmp)
    wait_for(lambda: articles_written(out), process)
    process.kill()
    process.wait(60)
    again = start_build(corpus, out, tmp)
    _, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr
    assert leftovers(tmp, out) == []
