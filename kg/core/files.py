"""Writing output files atomically: a file is written under a temporary name in its directory,
flushed to disk, then renamed over the target. A build killed at any moment leaves the old file
or the new one, never a truncated one.

The temporary name carries the writer's process id (``.article.ttl.1234.k2j3.tmp``), so a later
build can remove what a killed one left behind without touching the files of one still running.

A temporary file is registered before it is created and forgotten only once it is renamed or
removed, so an interrupt (Ctrl-C, or SIGTERM through `kg.core.signals`) landing anywhere, even
between the file's creation and the ``try`` that removes it on error, loses nothing:
`remove_unfinished` removes what is still registered. It runs at interpreter exit, and the CLI
runs it before leaving an interrupted command through ``os._exit``. (Blocking the signals while
the file is created is no answer: the mask is per thread, and a build has others, a process
pool's manager thread or a BLAS thread, to which the kernel then delivers the signal, whose
Python handler still runs in the main thread at once.)
"""

from __future__ import annotations

import atexit
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .scratch import running

_LEFTOVER = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_UNFINISHED: dict[Path, int] = {}  # temporary files not yet renamed or removed -> the pid that made them


@contextmanager
def atomic_output(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on error (or
    Ctrl-C) it is removed and ``path`` is left as it was.

    >>> with atomic_output(tmp / "a.txt") as handle:  # doctest: +SKIP
    ...     handle.write("all or nothing")
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": "\n"})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    _UNFINISHED.pop(tmp, None)


def _create_temporary(path: Path) -> tuple[int, Path]:
    """Create an empty temporary file beside ``path`` (readable as an ordinary file is: the
    umask applies), registered before it exists; an interrupt after its creation leaves it
    to `remove_unfinished`."""
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        _UNFINISHED[tmp] = os.getpid()
        try:
            return os.open(tmp, _NEW_FILE, 0o666), tmp
        except FileExistsError:  # not ours (a leftover of a dead process with this id): another name
            _UNFINISHED.pop(tmp, None)
        except BaseException:
            _remove(tmp)
            raise


def _remove(tmp: Path) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    except OSError:  # left registered: `remove_unfinished` tries again
        return
    _UNFINISHED.pop(tmp, None)


@atexit.register
def remove_unfinished() -> list[Path]:
    """Remove the temporary files this process has made and not yet renamed or removed (those of
    writes an interrupt cut short). Call it only when no write is under way: when the process
    is leaving.

    Returns:
        The files removed.
    """
    removed = []
    for tmp, owner in list(_UNFINISHED.items()):
        if owner != os.getpid():  # a forked child inherits the list, not the files
            continue
        try:
            os.unlink(tmp)
            removed.append(tmp)
        except FileNotFoundError:
            pass
        except OSError:
            continue
        _UNFINISHED.pop(tmp, None)
    return removed


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_output(path, "wb" if isinstance(data, bytes) else "w") as handle:
        handle.write(data)


def remove_leftovers(directory: str | Path) -> list[Path]:
    """Remove the temporary files that killed writers left in ``directory`` (those whose process
    is gone); files of writers still running are kept.

    Returns:
        The files removed.
    """
    removed = []
    folder = Path(directory)
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        match = _LEFTOVER.match(entry.name)
        if match and entry.is_file() and not running(int(match.group(1))):
            try:
                entry.unlink()
                removed.append(entry)
            except OSError:
                pass
    return removed
