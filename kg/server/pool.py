"""Query workers: every SPARQL query runs in a separate process, so a runaway one can be stopped.

Oxigraph evaluates a query in Rust and cannot be interrupted from Python; a thread would run on
after its request gave up. So the server keeps a small pool of worker processes, each with the
store open, sends each job to an idle one and waits at most the time limit. A worker past the
limit is killed and replaced, and the others go on answering. A worker also has a memory
ceiling (``RLIMIT_AS``): a query that grows past it ends that worker, not the machine.

**Slow queries cannot stall the server.** Nothing tells a light query from a runaway before it
runs, so the pool tells them apart by how long they run: a job still running after
``long_after`` seconds (1 s) is a *long* query. At most ``size`` long queries run at once, and
the pool keeps one worker more than that, so however many long queries run, a worker is left
for the light ones (the stored queries answer in under 100 ms at 300,000 triples). A query that
turns long while ``size`` others already are is stopped with 503 (the server is busy) instead of
taking that last worker. Long queries also run at a lower CPU priority (nice 10), so the light
ones keep the cores; a worker that ran one is replaced afterwards (a process cannot raise its
priority back). This was chosen over a queue in front of the workers (a light query would still
wait behind runaways) and over guessing a query's cost from its text (which no parser reports).
A request whose client goes away stops its query too (`kg.server.app`). An idle worker is taken
last in, first out, so that one client's requests go to the worker whose caches they warmed.

**No large worker is left behind.** A worker whose result hit the byte limit, or that grew by
more than ``GROWTH_LIMIT`` while answering, says so in its reply and exits; the pool starts a
fresh one in its place (Python and Oxigraph keep memory once used).

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
LONG_AFTER = 1.0
"""Seconds after which a running query counts as long (see the module docstring)."""
LONG_NICENESS = 10
GROWTH_LIMIT = 64 << 20
"""Bytes a worker may grow by while answering a job before it is replaced."""


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
    stored: str | None = None  # a stored query's name: the worker picks its text for its store
    limit: int | None = None  # a page of a stored query's rows
    offset: int = 0
    max_bytes: int = 50_000_000
    page: dict = field(default_factory=dict)  # render_page keyword arguments


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    retire: bool = False  # the worker that answered exits after it: replace it

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


class _Worker:
    def __init__(self, process, conn: Connection) -> None:
        self.process, self.conn = process, conn
        self.lowered = False

    def lower_priority(self) -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid, LONG_NICENESS)
            self.lowered = True
        except (OSError, AttributeError):  # gone already, or no priorities on this system
            pass

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        self.conn.close()


class WorkerPool:
    """Worker processes answering `Job`\\ s, each within ``time_limit`` seconds.

    Args:
        path: the store directory.
        size: how many long queries may run at once; the pool holds one worker more, kept for
            light queries (1 worker in all when ``writable``).
        writable: open the store for updates.
        time_limit: seconds a job may run (and wait for a free worker).
        max_memory: bytes of address space a worker may use (0: no limit).
        long_after: seconds after which a running job counts as long.
    """

    def __init__(self, path: str, *, size: int = 2, writable: bool = False, time_limit: float = 30.0,
                 max_memory: int = 0, long_after: float = LONG_AFTER) -> None:
        self.path, self.writable, self.time_limit, self.max_memory = path, writable, time_limit, max_memory
        self.long_slots = 1 if writable else max(1, size)
        self.size = 1 if writable else self.long_slots + 1
        self.long_after = min(long_after, time_limit)
        self.long_running = 0
        # last in, first out: the worker that answered last takes the next job, its caches warm
        # (Oxigraph's and RocksDB's are each worker's own: at 1,000,000 quads a worker's first
        # `entity` page took 50 to 60 ms, its next ones 40 ms); the others wait for a second
        # job at once
        self._idle: asyncio.LifoQueue[_Worker] = asyncio.LifoQueue()
        self._all: set[_Worker] = set()
        self._replacing: set[asyncio.Task] = set()
        self._closed = False
        self.restarts = 0

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers (for benchmarks and tests)."""
        return sorted(worker.process.pid for worker in self._all)

    async def start(self) -> None:
        for _ in range(self.size):
            self._idle.put_nowait(await self._spawn())

    async def _spawn(self) -> _Worker:
        # A plain subprocess, not multiprocessing: its "spawn" re-imports the parent's __main__,
        # which fails for a script read from stdin and costs the CLI's imports each restart.
        # -P: the current directory does not go first on the import path, so a folder holding a
        # kg/ directory (the parent of a clone) cannot shadow the installed package.
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-P", "-m", "kg.server.worker", str(theirs.fileno()), self.path,
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
        """Run ``job`` on an idle worker; past the time limit the worker is killed and replaced.
        Cancelling the call (the client went away) stops the job the same way."""
        try:
            async with asyncio.timeout(self.time_limit):  # Queue.get gives up cleanly when cancelled
                worker = await self._idle.get()
        except TimeoutError:
            return Reply.error(503, f"the server is busy: every query worker stayed busy for {self.time_limit:g} s; try again")
        healthy = False
        try:
            worker.conn.send(job)
            if not await _readable(worker.conn, self.long_after):
                refused = self._admit_long(worker)
                if refused is not None:
                    return refused
                try:
                    if not await _readable(worker.conn, self.time_limit - self.long_after):
                        return Reply.error(503, f"the query ran past the time limit of {self.time_limit:g} s and was "
                                                "stopped; narrow it (a LIMIT, more specific patterns)")
                finally:
                    self.long_running -= 1
            reply = worker.conn.recv()
            healthy = not reply.retire and not worker.lowered
            return reply
        except (EOFError, OSError):
            return Reply.error(500, "the query stopped its worker (most likely by using too much memory); narrow it")
        finally:
            if healthy:
                self._idle.put_nowait(worker)
            else:  # killed on time, crashed, retired, or the request was cancelled while the query ran
                task = asyncio.get_running_loop().create_task(self._replace(worker))
                self._replacing.add(task)
                task.add_done_callback(self._replacing.discard)

    def _admit_long(self, worker: _Worker) -> Reply | None:
        """A job has just turned long: let it run on at a lower priority, or refuse it (503) when
        as many long queries as allowed already run, so that a worker stays free for light ones."""
        if self.long_running >= self.long_slots:
            return Reply.error(503, f"the server is busy: it is already running {self.long_slots} long "
                                    f"quer{'y' if self.long_slots == 1 else 'ies'}, as many as it runs at once, and this "
                                    f"one ran past {self.long_after:g} s; try again later, or narrow it")
        self.long_running += 1
        worker.lower_priority()
        return None

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
