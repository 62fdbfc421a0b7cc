"""The one Typer app every command registers on, the consoles they print to, and how kg's errors
become one line on stderr (`friendly`). This module imports no command module: each of those
imports it and adds its commands, and `kg.cli` imports them in the order `kg --help` lists them.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Optional

import typer
from rich.console import Console

from ..core.errors import KGError
from ..core.files import remove_unfinished
from ..core.scratch import remove_live_folders
from ..core.signals import Terminated, sigterm_interrupts
from ..core.version import __version__

app = typer.Typer(
    name="kg",
    help="Turn news articles into an RDF knowledge graph: query it with SPARQL, explore it in a browser.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# no emoji codes: ":label:" in a name or an IRI must print as it is, not as a picture
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def table_console() -> Console:
    """Tables fit the terminal; written to a file or a pipe, they keep long cells on one line."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 240)


def fail(message: str, code: int = 1) -> None:
    err.print(f"kg: error: {message}", markup=False)
    raise typer.Exit(code)


def friendly(command: Callable) -> Callable:
    """Turn kg's errors into one-line messages, and Ctrl-C or SIGTERM into a quiet exit after the
    same clean-up (unfinished files dropped, temporary folders removed)."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            with sigterm_interrupts():
                return command(*args, **kwargs)
        except KGError as error:
            fail(str(error))
        except KeyboardInterrupt as stop:
            how = "terminated" if isinstance(stop, Terminated) else "interrupted"
            err.print(f"kg: {how}; finished files are complete, unfinished ones were not written", markup=False)
            raise typer.Exit(143 if isinstance(stop, Terminated) else 130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None

    return wrapper


def version_callback(value: bool) -> None:
    if value:
        out.print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=version_callback, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """kg: news articles to a knowledge graph."""


def main() -> None:
    """Entry point of the ``kg`` script. A build stopped by Ctrl-C or SIGTERM has cleaned up by
    the time it exits (every ``finally`` ran); it then leaves at once, without the interpreter's
    exit hooks, one of which (concurrent.futures, Python 3.11) can race a worker pool's closing
    pipes and print "Exception ignored ... Bad file descriptor". kg's own exit hooks run first:
    they remove a temporary file or folder that the interrupt cut off from the code that would
    have removed it, and a second Ctrl-C or SIGTERM no longer stops them."""
    try:
        app()
    except SystemExit as leaving:
        if leaving.code in (130, 143):
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            remove_unfinished()
            remove_live_folders()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(leaving.code)
        raise
