"""Query workers: every SPARQL query runs in a separate process, so a runaway one can be stopped.

Oxigraph evaluates a query in Rust and cannot be interrupted from Python; a thread would run on
after its request gave up. So the server keeps a small pool of worker processes, each with the
store open, sends each job to an idle one and waits at most the time limit. A worker past the
limit is killed and replaced, and the others go on answering. A worker also has a memory
ceiling (``RLIMIT_AS``): a query that grows past it ends that worker, not the machine.

Read-only, every worker opens the store read-only. With updates allowed there is one worker,
the only process with the store open for writing (RocksDB allows one writer and undefined
behaviour for readers beside it), so queries then run one at a time.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from ..core.errors import ServerError

READY = "ready"  # what a worker says once its store is open


@dataclass
class Job:
    """One piece of work for a worker: a query, an update, or the explorer page."""

    kind: str  # "query", "update" or "page"
    text: str = ""
    base_iri: str | None = None  # relative IRIs in the query resolve against the endpoint
    accept: str | None = None
    format: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    bindings: dict[str, tuple[bool, str]] = field(default_factory=dict)  # name -> (is IRI, value)
    max_bytes: int = 50_000_000
    page: dict = field(default_factory=dict)  # render_page keyword arguments


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


class _Worker:
    def __init__(self, process, conn: Connection) -> None:
        self.process, self.conn = process, conn

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        self.conn.close()


class WorkerPool:
    """Worker processes answering `Job`\\ s, each within ``time_limit`` seconds.

    Args:
        path: the store directory.
        size: how many workers (1 when ``writable``).
        writable: open the store for updates.
        time_limit: seconds a job may run (and wait for a free worker).
        max_memory: bytes of address space a worker may use (0: no limit).
    """

    def __init__(self, path: str, *, size: int = 2, writable: bool = False, time_limit: float = 30.0,
                 max_memory: int = 0) -> None:
        self.path, self.writable, self.time_limit, self.max_memory = path, writable, time_limit, max_memory
        self.size = 1 if writable else max(1, size)
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._replacing: set[asyncio.Task] = set()
        self._closed = False
        self.restarts = 0

    async def start(self) -> None:
        for _ in range(self.size):
            self._idle.put_nowait(await self._spawn())

    async def _spawn(self) -> _Worker:
        # A plain subprocess, not multiprocessing: its "spawn" re-imports the parent's __main__,
        # which fails for a script read from stdin and costs the CLI's imports each restart.
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-m", "kg.server.worker", str(theirs.fileno()), self.path,
                 "1" if self.writable else "0", str(self.max_memory)],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, start_new_session=True,  # Ctrl-C is the server's
                env={**os.environ, "RUST_BACKTRACE": "0"})  # a query past the memory ceiling: one line, no trace
        parent = Connection(ours.detach())
        worker = _Worker(process, parent)
        self._all.add(worker)
        try:
            message = parent.recv() if await _readable(parent, 120) else "it did not answer in 120 s"
        except (EOFError, OSError):
            message = "it stopped"
        if message != READY:
            self._discard(worker)
            raise ServerError(f"a query worker did not start: {message}")
        return worker

    def _discard(self, worker: _Worker) -> None:
        self._all.discard(worker)
        worker.kill()

    async def _replace(self, worker: _Worker) -> None:
        self._discard(worker)
        if self._closed:
            return
        self.restarts += 1
        try:
            fresh = await self._spawn()
        except (ServerError, OSError) as error:
            print(f"kg: error: a query worker could not be restarted ({error}); {len(self._all)} left", file=sys.stderr)
            return
        if self._closed:
            self._discard(fresh)
        else:
            self._idle.put_nowait(fresh)

    async def run(self, job: Job) -> Reply:
        """Run ``job`` on an idle worker; past the time limit the worker is killed and replaced."""
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.time_limit)
        except asyncio.TimeoutError:
            return Reply.error(503, f"the server is busy: every query worker stayed busy for {self.time_limit:g} s; try again")
        healthy = False
        try:
            worker.conn.send(job)
            if not await _readable(worker.conn, self.time_limit):
                return Reply.error(503, f"the query ran past the time limit of {self.time_limit:g} s and was stopped; "
                                        "narrow it (a LIMIT, more specific patterns)")
            reply = worker.conn.recv()
            healthy = True
            return reply
        except (EOFError, OSError):
            return Reply.error(500, "the query stopped its worker (most likely by using too much memory); narrow it")
        finally:
            if healthy:
                self._idle.put_nowait(worker)
            else:  # killed on time, crashed, or the request was cancelled while the query ran
                task = asyncio.get_running_loop().create_task(self._replace(worker))
                self._replacing.add(task)
                task.add_done_callback(self._replacing.discard)

    async def close(self) -> None:
        self._closed = True
        for task in list(self._replacing):
            task.cancel()
        for worker in list(self._all):
            self._discard(worker)


async def _readable(conn: Connection, timeout: float) -> bool:
    """Wait until ``conn`` has data (or was closed), at most ``timeout`` seconds."""
    if conn.poll():
        return True
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = conn.fileno()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(True))
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except asyncio.TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)
