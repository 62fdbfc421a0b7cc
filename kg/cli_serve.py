"""Commands for looking at the graph: `kg view` (a page) and `kg serve` (a SPARQL endpoint with
the graph explorer)."""

from __future__ import annotations

from .cli import app  # noqa: F401  (commands register on the shared app)
