"""`python -m kg` is the `kg` command."""

from .cli.app import main

main()
