"""The pages of `kg serve`: the graph explorer at ``/``, the query editor at ``/query`` with its
assets, and the stored queries as JSON (``/queries``) or run with bound parameters
(``/queries/<name>?param=value``, a page of the rows with ``limit`` and ``offset``). Everything a
page loads comes from this server."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib.resources import files

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..core.errors import QueryError
from ..questions.queries import available, load_query
from .pool import Job, Reply
from .protocol import Refused, query_pairs

ASSETS = {  # name -> (package, path inside it, media type)
    "query.js": ("kg.server", "static/query.js", "text/javascript"),
    "query.css": ("kg.server", "static/query.css", "text/css"),
    "viewer.css": ("kg.pages", "static/viewer.css", "text/css"),
    "vis-network.min.js": ("pyvis", "lib/vis-9.1.2/vis-network.min.js", "text/javascript"),
    "vis-network.css": ("pyvis", "lib/vis-9.1.2/vis-network.css", "text/css"),
}
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src data:; "
               "connect-src 'self'; base-uri 'none'; form-action 'self'")


@cache
def _asset(package: str, path: str) -> bytes:
    return files(package).joinpath(*path.split("/")).read_bytes()


def stored_queries() -> list[dict]:
    """Every stored query with its title, description, parameters and text."""
    out = []
    for name in available():
        query = load_query(name)
        out.append({"name": name, "title": query.title or name, "description": query.description,
                    "text": shown_text(query.text), "page": query.page,
                    "params": [{"name": p.name, "description": p.description, "default": p.default} for p in query.params]})
    return out


def shown_text(text: str) -> str:
    """A stored query as the editor shows it: without its comment lines (its header is shown
    beside it; the other comments are notes on how Oxigraph plans it, for kg's developers)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")).strip() + "\n"


PAGE_AND_FORMAT = ("format", "output", "limit", "offset")
"""Request parameters of ``/queries/<name>`` that are not the query's own."""


def _count(pairs: dict[str, str], name: str) -> int | None:
    """A ``limit`` or ``offset`` request parameter as a whole number (None when absent).

    Raises:
        QueryError: it is not a whole number 0 or more.
    """
    if name not in pairs:
        return None
    value = pairs[name].strip()
    if not value.isascii() or not value.isdigit() or len(value) > 12:
        raise QueryError(f"{name} must be a whole number, 0 or more (0: every row), not '{pairs[name]}'")
    return int(value)


def page_routes(state, send: Callable[[Reply], Response]) -> list[Route]:
    """The routes besides ``/sparql``; ``state`` is the server's shared state."""

    async def explorer(request: Request) -> Response:
        async with state.page_lock:
            if state.page is None or state.page[0] != state.generation:
                generation = state.generation
                job = Job("page", page={"title": f"kg serve: {state.config.source}", "max_nodes": state.config.max_nodes,
                                        "links": {"SPARQL query editor": "/query"}, "queries": "/queries"})
                reply = await state.run(job, request)
                if reply.status != 200:
                    return send(reply)
                state.page = (generation, reply)
        return send(state.page[1])

    async def editor(request: Request) -> Response:
        return Response(_asset("kg.server", "static/query.html"), media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": PAGE_POLICY})

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return send(Reply.error(404, f"no asset named {name}"))
        package, path, media = ASSETS[name]
        return Response(_asset(package, path), media_type=media + "; charset=utf-8",
                        headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"})

    async def query_list(request: Request) -> Response:
        return Response(json.dumps(stored_queries(), ensure_ascii=False), media_type="application/json")

    async def run_stored(request: Request) -> Response:
        try:
            query = load_query(request.path_params["name"]) if request.path_params["name"] in available() else None
            if query is None:
                raise QueryError(f"no stored query named '{request.path_params['name']}'; see /queries")
            # read strictly, as /sparql reads it: a value that is not UTF-8 is refused, not mangled
            pairs = dict(query_pairs(request.url.query, "query string"))
            values = {k: v for k, v in pairs.items() if k not in PAGE_AND_FORMAT}
            bindings = {name: (isinstance(term, ox.NamedNode), term.value) for name, term in query.bindings(values).items()}
            limit, offset = _count(pairs, "limit"), _count(pairs, "offset") or 0
            query.text_for(limit=limit, offset=offset)  # a bad page is a 400 before any worker runs
        except QueryError as err:
            return send(Reply.error(400, str(err)))
        except Refused as refusal:
            return send(Reply.error(refusal.status, refusal.message))
        job = Job("query", query.text, accept=request.headers.get("accept"), format=pairs.get("format"),
                  bindings=bindings, max_bytes=state.config.max_result_bytes, stored=query.name, limit=limit,
                  offset=offset)
        return send(await state.run(job, request))

    return [
        Route("/", explorer),
        Route("/query", editor),
        Route("/static/{name}", asset),
        Route("/queries", query_list),
        Route("/queries/{name}", run_stored),
    ]
