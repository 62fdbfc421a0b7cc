"""`kg validate`: check graphs against the SHACL shapes of `kg/shapes.ttl`."""

from __future__ import annotations

from .cli import app  # noqa: F401  (commands register on the shared app)
