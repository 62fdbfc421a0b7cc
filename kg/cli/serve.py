"""`kg serve`: a SPARQL 1.1 endpoint with the graph explorer and a query editor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app, err, friendly, out


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
    workers: Annotated[int, typer.Option(min=1, max=64, help="Long queries (running past 1 s) run at once; one worker more is kept for "
                                                                 "light queries (1 worker in all with --allow-update).")] = 2,
    max_memory_mb: Annotated[int, typer.Option(min=0, help="Memory a query worker may use, in MiB (0: no limit).")] = 4096,
    max_nodes: Annotated[int, typer.Option(min=1, help="Nodes the explorer page draws at most.")] = 2000,
) -> None:
    """Serve a SPARQL 1.1 endpoint at /sparql, the graph explorer at / and a query editor at /query.

    Read-only unless --allow-update; SERVICE and LOAD are refused, so the server never contacts
    another host. Ctrl-C stops it.
    """
    from ..server.app import LOOPBACK, ServerConfig, serve

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
