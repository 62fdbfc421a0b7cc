"""SIGTERM handled like Ctrl-C, so that a process told to stop cleans up as an interrupted one does.

Python turns Ctrl-C (SIGINT) into `KeyboardInterrupt`, and every ``finally`` runs: unfinished
files are dropped, temporary folders removed. SIGTERM (``kill``, a service manager, a container
stopping) ends the process at once instead. `sigterm_interrupts` makes it raise `Terminated`, a
`KeyboardInterrupt`, for the length of a block.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Terminated(KeyboardInterrupt):
    """The process received SIGTERM."""


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """While the block runs, SIGTERM raises `Terminated` in the main thread; a second SIGTERM
    during the clean-up is ignored. Outside the main thread (where Python sets no handlers),
    nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _terminate(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated
