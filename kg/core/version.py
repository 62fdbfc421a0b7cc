"""kg's version: written into every graph as the extractor's version, and printed by `kg --version`."""

__version__ = "0.1.0"
