"""Commands for looking at the graph: `kg view` (a page) and `kg serve` (a SPARQL endpoint with
the graph explorer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli import app, err, friendly, out
from .viewer import DEFAULT_MAX_NODES

RDF_SUFFIXES = {".ttl", ".trig", ".nt", ".nq", ".jsonld", ".rdf", ".xml", ".n3"}


@app.command("view")
@friendly
def view_cli(
    files: Annotated[Optional[list[Path]], typer.Argument(
        help="RDF files written by kg (.ttl, .trig, .nt, .nq, .jsonld), then optionally an ENTITY: a name or IRI "
             "whose neighbourhood to show.", show_default=False)] = None,
    entity: Annotated[Optional[str], typer.Option("--entity", "-e", help="The entity whose neighbourhood to show (a name or IRI).")] = None,
    depth: Annotated[int, typer.Option(min=1, max=10, help="Hops around --entity.")] = 1,
    store: Annotated[Optional[Path], typer.Option(help="A persistent store directory (opened read-only) instead of files.")] = None,
    output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Where to write the page (default: view.html, or view-<entity>.html).")] = None,
    max_nodes: Annotated[int, typer.Option(min=1, help="Past this many nodes, draw only the best-connected.")] = DEFAULT_MAX_NODES,
) -> None:
    """Write the interactive page of a graph, or of one entity's neighbourhood, and print its path.

    The page is one self-contained HTML file: open it in any browser, no network needed.
    """
    from .viewer import view

    files = list(files or [])
    if entity is None and files and not files[-1].exists() and files[-1].suffix.lower() not in RDF_SUFFIXES:
        entity = str(files.pop())  # `kg view FILE "Keir Starmer"`, `kg view --store DIR "Keir Starmer"`
    path = view(files, store=store, entity=entity, depth=depth, out=output, max_nodes=max_nodes)
    out.print(str(path.resolve()), markup=False)


@app.command("serve")
@friendly
def serve_cli(
    files: Annotated[Optional[list[Path]], typer.Argument(help="RDF files written by kg to serve (loaded into a temporary store).",
                                                          show_default=False)] = None,
    store: Annotated[Optional[Path], typer.Option(help="Serve this persistent store directory instead of files.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps the server to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0 picks a free one).")] = 8000,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="Accept SPARQL updates that carry the server's token.")] = False,
    token: Annotated[Optional[str], typer.Option(envvar="KG_UPDATE_TOKEN", help="The update token (default: a random one, printed at start).")] = None,
    time_limit: Annotated[float, typer.Option(min=0.1, help="Seconds a query may run before it is stopped.")] = 30.0,
    max_result_bytes: Annotated[int, typer.Option(min=1, help="Largest result the server sends, in bytes.")] = 50_000_000,
    max_request_bytes: Annotated[int, typer.Option(min=1, help="Largest request (query or update) accepted, in bytes.")] = 1_000_000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Queries run at once (1 with --allow-update).")] = 2,
    max_memory_mb: Annotated[int, typer.Option(min=0, help="Memory a query worker may use, in MiB (0: no limit).")] = 4096,
    max_nodes: Annotated[int, typer.Option(min=1, help="Nodes the explorer page draws at most.")] = 2000,
) -> None:
    """Serve a SPARQL 1.1 endpoint at /sparql, the graph explorer at / and a query editor at /query.

    Read-only unless --allow-update; SERVICE and LOAD are refused, so the server never contacts
    another host. Ctrl-C stops it.
    """
    from .server import LOOPBACK, ServerConfig, serve

    config = ServerConfig(files=list(files or []), store=store, host=host, port=port, allow_update=allow_update,
                          token=token, time_limit=time_limit, max_result_bytes=max_result_bytes,
                          max_request_bytes=max_request_bytes, workers=workers, max_memory=max_memory_mb << 20,
                          max_nodes=max_nodes)
    if host not in LOOPBACK:
        err.print(f"kg: warning: listening on {host}: anyone who can reach this machine can query the graph", markup=False)

    def ready(url: str) -> None:
        out.print(f"Serving {config.source} at {url}/  (SPARQL endpoint: {url}/sparql; Ctrl-C stops)", markup=False)
        if config.allow_update:
            out.print(f"Updates allowed with the header: Authorization: Bearer {config.token}", markup=False)

    try:
        serve(config, on_ready=ready)
    except KeyboardInterrupt:
        pass
