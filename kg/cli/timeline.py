"""`kg timeline`: one entity's facts in date order, as a readable list."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, friendly, out
from .sources import DataOption, EndpointOption, StoreOption, open_source


@app.command("timeline")
@friendly
def timeline_cli(
    entity: Annotated[str, typer.Argument(help="Any of the entity's names (any case), a word of one name, or its IRI.")],
    store: StoreOption = None,
    data: DataOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """List an entity's facts in date order, each with its sentence, article and date.

    A fact is dated by what its sentence says ("on Tuesday": the day it names) or else by the day
    its article was published. The same list as `kg query timeline -p entity=NAME`.
    """
    from ..questions.timeline import timeline

    entries = timeline(open_source(store, data, endpoint), entity)
    if not entries:
        out.print(f"No facts about {entity}.", markup=False)
        return
    articles = len({e.article for e in entries})
    out.print(f"Timeline of {entity}: {len(entries)} sentence(s) from {articles} article(s)", markup=False)
    for entry in entries:
        when = entry.date or "undated   "
        said = f" ({entry.time})" if entry.when == "happened" and entry.time else ""
        what = f"“{entry.object}”" if entry.relation == "said" else entry.object
        out.print(f"{when}  {entry.subject} {entry.relation} {what}{said}", markup=False)
        source = entry.headline or entry.article.rsplit("/", 1)[-1]
        reported = f", reported {entry.reported}" if entry.reported and entry.when == "happened" else ""
        out.print(f"            “{entry.sentence}” ({source}{reported})", markup=False)
