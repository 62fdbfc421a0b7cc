"""Commands for asking questions: `kg query`, `kg neighbors`, `kg path`, `kg central`,
`kg communities`, `kg push`."""

from __future__ import annotations

from .cli import app  # noqa: F401  (commands register on the shared app)
