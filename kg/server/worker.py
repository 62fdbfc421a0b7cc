"""A query worker process: ``python -m kg.server.worker FD STORE WRITABLE MAX_MEMORY``.

Started by `kg.server.pool.WorkerPool`, which holds the other end of the socket ``FD``: the worker
opens the store, says it is ready, then answers each `Job` with a `Reply` until the socket closes
(or the server kills it). Results are written by Oxigraph's own serialisers, stopped past the
job's byte limit. A worker whose result hit that limit, or that grew by more than
`kg.server.pool.GROWTH_LIMIT` while answering, exits after its reply (marked ``retire``), and the
pool starts a fresh one: memory Python and Oxigraph once took is not given back.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import sys
from multiprocessing.connection import Connection

import pyoxigraph as ox

from kg.core.errors import QueryError
from kg.questions.queries import bind_nodes, load_query, resolve_entities, value_rows
from kg.rdf import summary
from kg.rdf.sparql import dataset_options, with_values
from kg.server.pool import GROWTH_LIMIT, READY, Job, Reply
from kg.server.sparql import negotiate, offered


class ResultTooLarge(Exception):
    pass


class _CappedBuffer(io.RawIOBase):
    """Where Oxigraph writes a result; it stops the writing past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit, self.parts, self.size = limit, [], 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLarge
        self.parts.append(bytes(data))
        return len(data)


def worker_main(conn: Connection, path: str, writable: bool, max_memory: int) -> None:
    """A worker process: open the store, then answer jobs until the pipe closes."""
    from kg.core.errors import KGError
    from kg.rdf.store import GraphStore

    _die_with_parent()
    if max_memory:
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    try:
        store = GraphStore(path, read_only=not writable)
    except KGError as error:
        conn.send(str(error))
        return
    conn.send(READY)
    baseline = resident_bytes()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        reply = execute(store, job)
        reply.retire = reply.retire or resident_bytes() - baseline > GROWTH_LIMIT
        conn.send(reply)
        if reply.retire:
            return


def resident_bytes() -> int:
    """This process's resident memory (Linux: now; elsewhere: its peak, which never shrinks)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the server goes, even mid-query (prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker ends at its next read instead
        pass


def execute(store, job: Job) -> Reply:
    """Run one job on a `kg.rdf.store.GraphStore`."""
    try:
        if job.kind == "page":
            return _page(store, job)
        if job.kind == "update":
            store.store.update(job.text, base_iri=job.base_iri)
            # an update may change any graph: the summary cannot follow it, and the stored queries
            # read the article graphs from now on (`kg build --store` makes a new summary)
            summary.drop(store.store)
            store.flush()
            return Reply(204, "text/plain", b"")
        return _query(store, job)
    except SyntaxError as err:
        return Reply.error(400, f"malformed SPARQL: {_one_line(str(err))}")
    except QueryError as err:  # a dataset parameter that is not an IRI
        return Reply.error(400, str(err))
    except RuntimeError as err:  # Oxigraph's evaluation errors, e.g. CLEAR of a graph that does not exist
        return Reply.error(400, f"the {job.kind} failed: {_one_line(str(err))}")
    except MemoryError:
        return Reply.error(500, "the query needed more memory than the server allows; narrow it")
    except Exception as err:  # noqa: BLE001 - the worker must answer, never die with a traceback
        return Reply.error(500, f"the {job.kind} failed: {type(err).__name__}: {_one_line(str(err))}")


def _one_line(message: str, limit: int = 400) -> str:
    """Oxigraph's parser message on one line; its list of expected tokens can run to pages."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _query(graph_store, job: Job) -> Reply:
    """Run a query; a stored query's parameters are bound as `kg.rdf.store.GraphStore.query` binds them."""
    store: ox.Store = graph_store.store
    text = job.text
    if job.stored is not None:  # the summary graph's text when this store's summary is up to date
        text = load_query(job.stored).text_for(graph_store, limit=job.limit, offset=job.offset)
    if job.bindings:
        terms = {name: ox.NamedNode(value) if is_iri else ox.Literal(value)
                 for name, (is_iri, value) in job.bindings.items()}
        bound = bind_nodes(text, resolve_entities(terms, graph_store), graph_store)
        if job.stored is not None and value_rows(bound) > 1:  # a page's blocks for each node, as prepare() says
            text = load_query(job.stored).text_for(graph_store, limit=job.limit, offset=job.offset,
                                                   spread=value_rows(bound))
        text = with_values(text, bound)
    # the protocol's default-graph-uri/named-graph-uri, else the query's FROM, else the union
    result = store.query(text, base_iri=job.base_iri, **dataset_options(text, job.default_graphs, job.named_graphs))
    graph = isinstance(result, ox.QueryTriples)
    fmt = negotiate(job.accept, graph, job.format)
    if fmt is None:
        return Reply.error(406, f"no acceptable format for this result; this endpoint offers {offered(graph)}")
    buffer = _CappedBuffer(job.max_bytes)
    try:
        result.serialize(buffer, format=fmt.oxigraph)
    except ResultTooLarge:
        reply = Reply.error(422, f"the result is larger than the server's limit of {job.max_bytes:,} bytes; "
                                 "add a LIMIT, or select fewer rows or columns")
        reply.retire = True  # it stopped early, but may have grown on the way: a fresh worker takes its place
        return reply
    text = fmt.media_type.startswith("text/") or fmt.media_type.endswith("json") or fmt.media_type.endswith("xml")
    return Reply(200, fmt.media_type + ("; charset=utf-8" if text else ""), b"".join(buffer.parts))


def _page(store, job: Job) -> Reply:
    from kg.pages.viewer import render_page
    from kg.questions.network import to_networkx
    from kg.rdf.counting import tally

    html = render_page(to_networkx(store), counts=tally(store), **job.page)
    return Reply(200, "text/html; charset=utf-8", html.encode("utf-8"))


if __name__ == "__main__":
    fd, path, writable, max_memory = sys.argv[1:5]
    worker_main(Connection(int(fd)), path, writable == "1", int(max_memory))
