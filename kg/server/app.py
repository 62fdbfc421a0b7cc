"""`kg serve`: a SPARQL 1.1 Protocol endpoint at ``/sparql`` and the graph explorer at ``/``.

Starlette answers HTTP (uvicorn serves it, `kg.server.connection`); Oxigraph answers SPARQL, in
worker processes (`kg.server.pool`) so that the time limit can stop any query, and so that slow
queries cannot take every worker from the light ones. A query whose client goes away is stopped
(`run_for`): its worker is not left running for nobody (an update is carried out all the same). The endpoint is read-only unless
started with ``allow_update``, and then an update needs the server's token
(``Authorization: Bearer <token>``). ``SERVICE`` and ``LOAD`` are refused (`kg.server.sparql`),
so no request makes the server contact another host; request bodies, result sizes and query
times are limited. By default it listens on 127.0.0.1 only.

    /             the graph explorer (the page `kg build` writes), with a link to the editor
    /query        a query editor: stored queries one click away, results as a table or a graph
    /sparql       the SPARQL endpoint: GET, POST form-encoded, POST application/sparql-query
                  (and application/sparql-update when updates are allowed)
    /queries      the stored queries (JSON); /queries/<name>?param=value runs one, bound
                  (&limit=N&offset=M: a page of its rows)

A store's summary graph (`kg.rdf.summary`, which `kg build --store` makes), when it is up to
date, answers the stored queries that have a text for it; an update through the endpoint removes
it (it cannot follow one). Files given to serve are served as they are, without one.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..core.errors import ServerError
from ..core.scratch import TemporaryFolder, remove_stale_folders
from ..core.signals import sigterm_interrupts
from .connection import LingeringH11Protocol, head_limit
from .pages import page_routes
from .pool import LONG_AFTER, Job, Reply, WorkerPool
from .protocol import Refused, read_operation
from .sparql import refused_keyword

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class ServerConfig:
    """How `kg serve` runs. Sizes in bytes, times in seconds."""

    files: list[Path] = field(default_factory=list)
    store: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    allow_update: bool = False
    token: str | None = None
    time_limit: float = 30.0
    max_result_bytes: int = 50_000_000
    max_request_bytes: int = 1_000_000
    workers: int = 2
    max_memory: int = 4 << 30
    max_nodes: int = 2000
    long_after: float = LONG_AFTER  # a query running longer is long: at most `workers` of those at once

    @property
    def source(self) -> str:
        return str(self.store) if self.store is not None else ", ".join(p.name for p in self.files)


@dataclass
class _State:
    config: ServerConfig
    pool: WorkerPool
    generation: int = 0  # bumped by every update, so the explorer page is drawn again
    page: tuple[int, Reply] | None = None
    page_lock: object = None  # an asyncio.Lock, made in the server's event loop

    async def run(self, job: Job, request: Request) -> Reply:
        return await run_for(request, self.pool, job)


async def run_for(request: Request, pool: WorkerPool, job: Job) -> Reply:
    """Run ``job`` for as long as the client waits for it: if the client goes away first, the job
    is stopped (its worker replaced) rather than left running for nobody."""
    running = asyncio.ensure_future(pool.run(job))
    gone = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({running, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
        if not running.done():
            running.cancel()
    with suppress(asyncio.CancelledError):
        return await running
    return Reply.error(499, "the client went away before the answer")  # nobody reads it


async def _disconnected(request: Request) -> None:
    """Returns once the client has closed the connection (the request body is read by then)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def prepare_store(config: ServerConfig) -> tuple[str, Callable[[], None]]:
    """The store directory the workers open, and how to clean it up: the given ``--store``
    (checked), or a temporary store holding the given files.

    Raises:
        StoreError: the store or a file cannot be read.
    """
    from ..rdf.store import GraphStore

    if config.store is not None:
        GraphStore(config.store, read_only=not config.allow_update)  # fails now, in one line, if it cannot open
        return str(config.store), lambda: None
    if not config.files:
        raise ServerError("nothing to serve: give RDF files written by `kg build`, or --store DIR")
    remove_stale_folders()  # what killed servers and builds left
    folder = TemporaryFolder("serve")
    directory = folder.path / "store"
    try:
        store = GraphStore(directory)
        for path in config.files:
            store.load(path)
        store.flush()
        del store  # closes RocksDB before the workers open it
    except BaseException:
        folder.cleanup()
        raise
    return str(directory), folder.cleanup


def create_app(config: ServerConfig, store_path: str) -> Starlette:
    """The Starlette application of `kg serve` over a prepared store directory."""
    if config.allow_update and not config.token:
        config.token = secrets.token_urlsafe(24)
    pool = WorkerPool(store_path, size=config.workers, writable=config.allow_update, time_limit=config.time_limit,
                      max_memory=config.max_memory, long_after=config.long_after)
    state = _State(config, pool)

    @asynccontextmanager
    async def lifespan(app):
        state.page_lock = asyncio.Lock()
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    async def sparql(request: Request) -> Response:
        try:
            return await _sparql(request, state)
        except Refused as refusal:
            return _send(Reply.error(refusal.status, refusal.message))

    hosts = ["*"] if config.host not in LOOPBACK else ["127.0.0.1", "localhost", "[::1]", "::1"]
    routes = [Route("/sparql", sparql, methods=["GET", "POST"]), Route("/sparql/", sparql, methods=["GET", "POST"]),
              *page_routes(state, _send)]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)])
    app.state.kg = state
    return app


async def _sparql(request: Request, state: _State) -> Response:
    config = state.config
    op = await read_operation(request, config.max_request_bytes)
    if op.kind == "none":
        if "text/html" in request.headers.get("accept", ""):
            return Response(status_code=303, headers={"Location": "/query"})
        raise Refused(400, "no query: send ?query=... (GET or form POST) or a body of type application/sparql-query")
    keyword = refused_keyword(op.text)
    if keyword:
        raise Refused(403, f"{keyword} is refused: this endpoint never contacts other hosts")
    base = str(request.url.replace(query="", fragment=""))
    if op.kind == "update":
        _check_update_allowed(request, config)
        # not stopped if the client goes: an update sent is carried out (or not at all: Oxigraph
        # applies it in one transaction)
        reply = await state.pool.run(Job("update", op.text, base_iri=base))
        if reply.status < 300:
            state.generation += 1
        return _send(reply)
    job = Job("query", op.text, base_iri=base, accept=request.headers.get("accept"), format=op.format,
              default_graphs=op.default_graphs, named_graphs=op.named_graphs, max_bytes=config.max_result_bytes)
    return _send(await state.run(job, request))


def _check_update_allowed(request: Request, config: ServerConfig) -> None:
    if not config.allow_update:
        raise Refused(403, "this endpoint is read-only; start `kg serve` with --allow-update to accept updates")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), (config.token or "").encode()):
        raise Refused(403, "an update needs the server's token: send the header 'Authorization: Bearer <token>' "
                           "printed by `kg serve --allow-update`")


def _send(reply: Reply) -> Response:
    headers = {"X-Content-Type-Options": "nosniff"}
    if reply.status == 204:
        return Response(status_code=204, headers=headers)
    return Response(reply.body, status_code=reply.status, media_type=reply.content_type, headers=headers)


# ------------------------------------------------------------------------------------ running

def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0 picks a free one).

    Raises:
        ServerError: the address is in use or cannot be bound.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise ServerError(f"cannot listen on {host}:{port} ({err.strerror}); choose another --port or --host") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve(config: ServerConfig, *, on_ready: Callable[[str], None] | None = None, log_level: str = "info") -> None:
    """Run `kg serve` until interrupted (what the CLI calls).

    Args:
        config: what to serve and how.
        on_ready: called with the base URL once the workers are up.
        log_level: uvicorn's (``"info"`` logs each request).
    """
    import uvicorn

    path, cleanup = prepare_store(config)
    try:
        sock = bind(config.host, config.port)
        server = uvicorn.Server(uvicorn_config(config, create_app(config, path), log_level, timeout_graceful_shutdown=2))
        if on_ready is not None:
            _call_when_started(server, lambda: on_ready(url_of(sock)))
        # uvicorn shuts down gracefully on SIGTERM, then raises it again with the handler found at
        # start: make that handler end us like Ctrl-C does, so that the temporary store is removed
        with sigterm_interrupts():
            server.run(sockets=[sock])
        if not server.started:
            raise ServerError("the server did not start (see the message above)")
    finally:
        cleanup()


def uvicorn_config(config: ServerConfig, app: Starlette, log_level: str, **options):
    """uvicorn's settings: kg's HTTP protocol (`kg.server.connection`), whose request heads may hold
    a URL as long as the request limit."""
    import uvicorn

    return uvicorn.Config(app, log_level=log_level, lifespan="on", http=LingeringH11Protocol,
                          h11_max_incomplete_event_size=head_limit(config.max_request_bytes), **options)


def _call_when_started(server, callback: Callable[[], None]) -> None:
    original = server.startup

    async def startup(sockets=None):
        await original(sockets=sockets)
        if server.started:
            callback()

    server.startup = startup


@contextmanager
def serve_in_background(config: ServerConfig, log_level: str = "warning") -> Iterator[str]:
    """Run the server in a thread while the block runs; yields its base URL (for tests and
    benchmarks)."""
    import uvicorn

    path, cleanup = prepare_store(config)
    sock = bind(config.host, config.port)
    server = uvicorn.Server(uvicorn_config(config, create_app(config, path), log_level))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise ServerError("the server did not start")
            thread.join(0.05)
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()
        cleanup()

