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


STOPPED_AS_A_FILE_IS_CREATED = """
import os, sys, time
from pathlib import Path
from kg.cli.app import main
marker, real_open = Path(sys.argv[1]), os.open

def open_and_wait(path, *args, **kwargs):  # the third article's temporary file exists: stop me now
    fd = real_open(path, *args, **kwargs)
    if Path(path).name.startswith(".story-2.ttl.") and not marker.exists():
        marker.touch()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.01)
    return fd

os.open = open_and_wait
sys.argv = ["kg", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("sent, code, workers", [
    (signal.SIGTERM, 143, 2),
    (signal.SIGINT, 130, 2),
    (signal.SIGTERM, 143, 1),
])
def test_cleanup_when_a_build_is_stopped_as_a_file_is_created(corpus, tmp_path, sent, code, workers):
    """The signal lands just after an article's temporary file is created: the moment a signal
    mask was once meant to hold back, and did not whenever the build had a second thread (the
    worker pool's manager thread, a BLAS thread), which the kernel then gave the signal to. The
    build waits there, so the race is run every time."""
    tmp, out, marker = tmp_path / "tmp", tmp_path / "out", tmp_path / "created"
    tmp.mkdir()
    command = [sys.executable, "-c", STOPPED_AS_A_FILE_IS_CREATED, str(marker),
               "build", str(corpus), "--out", str(out), "-q", "-w", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(tmp)})
    wait_for(marker.exists, process)
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    assert leftovers(tmp, out) == []
    assert sorted(p.name for p in out.glob("story-*.ttl")) == ["story-0.ttl", "story-1.ttl"]  # finished ones stay


CUT_OFF = """
import sys
import kg.cli.app
from kg.core.files import atomic_output
from kg.core.scratch import TemporaryFolder

def stopped():  # an interrupt cut these off from the code that would have removed them
    global kept
    kept = atomic_output(sys.argv[1])
    kept.__enter__().write("half")
    TemporaryFolder("corpus")
    raise SystemExit(143)

cli = sys.modules["kg.cli.app"]  # the module (kg.cli.app is the Typer app kg.cli exports)
cli.app = stopped
cli.main()
"""


def test_cleanup_by_the_cli_of_what_an_interrupt_cut_off(tmp_path):
    """A stopped command leaves through ``os._exit``, which skips the exit hooks: the CLI removes
    the temporary files and folders still registered first."""
    tmp, out = tmp_path / "tmp", tmp_path / "out"
    tmp.mkdir()
    done = subprocess.run([sys.executable, "-c", CUT_OFF, str(out / "news.trig")], capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(tmp)}, timeout=60)
    assert done.returncode == 143, done.stderr
    assert leftovers(tmp, out) == [] and list(out.iterdir()) == []


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
