"""`kg merges`: list the cross-article entity merges of a store, and undo one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app, friendly, out


@app.command("merges")
@friendly
def merges_cli(
    store: Annotated[Path, typer.Option("--store", help="A persistent store (the directory given to `kg build --store`).",
                                        show_default=False)],
    undo: Annotated[Optional[str], typer.Option("--undo", help="Undo the merge with this id: every article graph it "
                                                               "changed is put back, and later builds keep the two "
                                                               "entities apart.", show_default=False)] = None,
) -> None:
    """List the entities `kg build --store` merged across articles, or undo one with --undo ID.

    Each merge shows which names became one entity, in which articles, and why.
    """
    from ..building.merge import list_merges, undo_merge
    from ..rdf.store import GraphStore

    graph_store = GraphStore.open(store)
    if undo is not None:
        record = undo_merge(graph_store, undo)
        graph_store.flush()
        out.print(f"Undid merge {record.id}: {record.removed} is apart from {record.kept} again "
                  f"in {len(record.articles)} article graph(s)", markup=False)
        return
    records = list_merges(graph_store)
    if not records:
        out.print(f"No merges in {store}/", markup=False)
        return
    for record in records:
        state = "undone" if record.undone else "in force"
        out.print(f"{record.id}  {'; '.join(record.names)} -> {record.kept}  ({len(record.articles)} article(s), "
                  f"{state}): {record.reason}", markup=False)
