"""Atomic writes (`kg.core.files`): the target is old or new, never partial, and no temporary file
is left, even when an interrupt lands just as the temporary file is created, or cuts the write off
from the code that would remove it."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from kg.core.files import atomic_output, remove_leftovers, remove_unfinished, write_atomic
from kg.core.signals import Terminated, sigterm_interrupts


def test_write_atomic_replaces_the_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "a.ttl"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    write_atomic(tmp_path / "b.ttl", b"bytes")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.ttl"]


def test_write_atomic_that_fails_keeps_the_old_file(tmp_path):
    target = tmp_path / "a.ttl"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write("half of it")
        raise RuntimeError("the disk is full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.ttl"]


def test_sigterm_as_the_temporary_file_is_created_leaves_nothing(tmp_path, monkeypatch):
    """SIGTERM arrives the moment the temporary file exists, while another thread runs (a build
    has a pool's manager thread, or a BLAS thread). A signal mask set in the main thread does not
    hold it back then: the kernel gives it to the other thread, and the Python handler raises in
    the main thread at once. What was created must be removed all the same."""
    created: list[str] = []
    real_open = os.open

    def open_then_stopped(path, flags, mode=0o777, *args, **kwargs):
        fd = real_open(path, flags, mode, *args, **kwargs)
        if str(path).endswith(".tmp"):
            created.append(str(path))
            os.kill(os.getpid(), signal.SIGTERM)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:  # the handler runs in one of these sleeps
                time.sleep(0.001)
        return fd

    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        with sigterm_interrupts():
            monkeypatch.setattr(os, "open", open_then_stopped)
            with pytest.raises(Terminated):
                write_atomic(tmp_path / "a.ttl", "text")
            monkeypatch.undo()
    finally:
        stop.set()
        other.join()
    assert created, "the temporary file was not made through os.open"
    assert list(tmp_path.iterdir()) == []


def test_remove_unfinished_removes_a_write_cut_off_from_its_clean_up(tmp_path):
    """An interrupt can land after the temporary file is made but where no ``except`` of the
    write reaches it (in ``__enter__`` of the context manager, say): the file stays registered,
    and `remove_unfinished` (run at exit) removes it and nothing else."""
    target = tmp_path / "a.ttl"
    target.write_text("old")
    (tmp_path / "other.txt").write_text("not kg's")
    manager = atomic_output(target)  # kept, as a traceback keeps it, so that it is not collected
    handle = manager.__enter__()  # never exited
    handle.write("half")
    [tmp] = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert tmp.name.startswith(f".a.ttl.{os.getpid()}.")
    assert remove_leftovers(tmp_path) == []  # this process still runs: not a leftover
    assert remove_unfinished() == [tmp]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "other.txt"]
    assert target.read_text() == "old"
    assert remove_unfinished() == []
    handle.close()
