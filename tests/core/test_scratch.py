"""Temporary folders (`kg.core.scratch`): named with their owner's pid, locked while it lives,
removed by their owner, and removed by a later process only when their owner was killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from kg.core.scratch import LOCK_NAME, TemporaryFolder, remove_stale_folders

OWNER = """
import sys, time, tempfile
tempfile.tempdir = sys.argv[1]
from kg.core.scratch import TemporaryFolder
folder = TemporaryFolder("corpus")
(folder.path / "store").mkdir()
print(folder.path, flush=True)
time.sleep(60)
"""


def start_owner(directory) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-c", OWNER, str(directory)], stdout=subprocess.PIPE, text=True)
    return process, process.stdout.readline().strip()


def test_scratch_folder_is_named_by_its_owner_and_removed_by_it(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with TemporaryFolder("serve") as folder:
        assert folder.path.parent == tmp_path
        assert folder.path.name.startswith(f"kg-serve-{os.getpid()}-")
        assert (folder.path / LOCK_NAME).is_file()
        assert remove_stale_folders(tmp_path) == []  # this process runs: its folder stays
    assert list(tmp_path.iterdir()) == []


def test_scratch_folder_of_a_killed_process_is_removed_by_the_next(tmp_path):
    process, path = start_owner(tmp_path)
    try:
        assert remove_stale_folders(tmp_path) == [], "the folder of a running process was removed"
        assert os.path.isdir(path)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert [str(p) for p in remove_stale_folders(tmp_path)] == [path]
    assert list(tmp_path.iterdir()) == []


def test_scratch_other_folders_are_never_touched(tmp_path):
    process, _ = start_owner(tmp_path)
    process.kill()
    process.wait()
    others = ["kg-corpus-notapid", "kg-corpus", "kg-notes", "my-kg-corpus-123-abc", "kg-corpus-1-abc.txt"]
    for name in others:
        (tmp_path / name).mkdir()
    (tmp_path / "kg-corpus-2-file").write_text("a file, not a folder")
    removed = remove_stale_folders(tmp_path)
    assert len(removed) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(others + ["kg-corpus-2-file"])


def test_scratch_unlocked_folder_of_a_running_pid_stays(tmp_path):
    """A folder whose lock is not taken yet (its owner is creating it) stays while its pid runs."""
    folder = tmp_path / f"kg-corpus-{os.getppid()}-abc123"
    folder.mkdir()
    assert remove_stale_folders(tmp_path) == []
    assert folder.is_dir()
