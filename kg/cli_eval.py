"""`kg eval`: score extraction against gold knowledge graphs."""

from __future__ import annotations

from .cli import app  # noqa: F401  (commands register on the shared app)
