"""The ``kg`` command line: a thin layer over the Python API.

In: arguments typed by a user. Out: what the library returns, printed; kg's errors
(`kg.core.errors.KGError`) as one line on stderr and a non-zero exit, never a traceback.

Every command is a function of its own module that parses its arguments, calls the library and
prints. The modules register on the one Typer app of `kg.cli.app`, which imports none of them;
importing them here, in the order a user meets the commands, is what makes ``kg --help`` list
them in that order. Read `app` first, then the command you are changing.
"""

from . import build, query, timeline, graph, view, serve, push, export, validate, evaluate, merges  # noqa: F401,I001  (order of kg --help)
from .app import app, main

__all__ = ["app", "main"]
