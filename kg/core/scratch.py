"""Temporary folders kg works in (the corpus page's store, `kg serve`'s store of files), removed
whatever ends the process, and recognisable when a killed process could not remove its own.

A folder lives in the system's temporary directory (``$TMPDIR``) as ``kg-<kind>-<pid>-<random>``
and holds a lock file its owner keeps locked (``flock``) while it runs. Its owner removes it in a
``finally`` (success, failure, Ctrl-C, and SIGTERM, which `kg.core.signals` turns into an
interrupt); as a last resort, every folder still there is removed when the process exits, so an
interrupt landing between creating a folder and the code that would clean it loses nothing (a
folder is registered before it is made; the CLI runs `remove_live_folders` itself before leaving
an interrupted command through ``os._exit``, which skips the exit hooks). SIGKILL leaves it; the
next kg process that starts one removes it (`remove_stale_folders`): a folder is stale when its
lock is free (the kernel frees it when the owner dies, however it dies) and its pid runs no more.
Only folders of this shape are touched, never another program's, and never those of a kg process
still running (even in another pid namespace, where the pid means nothing but the lock still holds).
"""

from __future__ import annotations

import atexit
import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; a folder is then judged by its pid alone
    fcntl = None

LOCK_NAME = ".kg-owner.lock"
_FOLDER = re.compile(r"^kg-[a-z]+-(?P<pid>\d+)-[a-z0-9_]+$")
_LIVE: dict[Path, TemporaryFolder] = {}  # this process's folders not yet removed


class TemporaryFolder:
    """A temporary folder owned by this process, locked while it lives.

    Args:
        kind: a lower-case word saying what it holds (``corpus``, ``serve``).

    >>> with TemporaryFolder("corpus") as folder:  # doctest: +SKIP
    ...     store = GraphStore(folder.path / "store")
    """

    def __init__(self, kind: str) -> None:
        self.owner = os.getpid()
        self._lock: int | None = None
        while True:  # as tempfile.mkdtemp does, but the folder is registered before it exists
            self.path = Path(tempfile.gettempdir()) / f"kg-{kind}-{self.owner}-{secrets.token_hex(4)}"
            _LIVE[self.path] = self
            try:
                self.path.mkdir(mode=0o700)
                break
            except FileExistsError:
                _LIVE.pop(self.path)
        self._lock = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is not None:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def cleanup(self) -> None:
        """Remove the folder and what it holds (again: nothing happens)."""
        if os.getpid() != self.owner:  # a forked child does not remove its parent's folder
            return
        shutil.rmtree(self.path, ignore_errors=True)
        _LIVE.pop(self.path, None)
        if self._lock is not None:  # released only once the folder is gone, so no one removes it twice
            os.close(self._lock)
            self._lock = None

    def __enter__(self) -> TemporaryFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


@atexit.register
def remove_live_folders() -> None:
    """Remove this process's folders that are still there (at exit: the process is leaving)."""
    for folder in list(_LIVE.values()):
        folder.cleanup()


def remove_stale_folders(directory: str | Path | None = None) -> list[Path]:
    """Remove the temporary folders that killed kg processes left in ``directory`` (default: the
    system's temporary directory).

    Returns:
        The folders removed.
    """
    root = Path(directory) if directory is not None else Path(tempfile.gettempdir())
    removed = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _FOLDER.match(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and _stale(entry, int(match.group("pid"))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _stale(folder: Path, pid: int) -> bool:
    return not _locked(folder / LOCK_NAME) and not running(pid)


def _locked(lock: Path) -> bool:
    """True when some process holds the lock (or it cannot be checked: then the folder is kept)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:  # its owner has not taken it yet, or is removing the folder
        return False
    except OSError:  # another user's folder: not ours to judge
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def running(pid: int) -> bool:
    """True when a process with this id runs (or runs as another user)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
