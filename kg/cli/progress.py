"""What ``kg build`` shows while and after it runs: a Rich progress bar with articles per second
(only on a terminal), and the summary at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ..building.build import BuildReport
from ..building.workers import BuiltArticle


class _RateColumn(ProgressColumn):
    """Articles per second, over Rich's moving window."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "… articles/s", style="progress.data.speed")


@contextmanager
def build_progress(console: Console, total: int | None, *, enabled: bool = True
                   ) -> Iterator[Callable[[BuiltArticle | None], None]]:
    """A callback for `kg.building.build.build`'s ``on_article`` that advances a progress bar. The bar is
    drawn only when ``console`` is a terminal (and ``enabled``); otherwise nothing is printed.

    Args:
        console: where to draw (kg draws on stderr, so stdout stays clean).
        total: how many articles are expected, if known.
        enabled: False (``--quiet``) draws nothing.
    """
    if not (enabled and console.is_terminal):
        yield lambda built: None
        return
    columns = [SpinnerColumn(), TextColumn("Building"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("build", total=total)
        yield lambda built: progress.advance(task)


def summary_lines(report: BuildReport, out_dir: Path, store: Path | None = None) -> list[str]:
    """The lines printed at the end of a build."""
    rate = f", {report.articles / report.seconds:.1f} articles/s" if report.seconds and report.articles else ""
    lines = [f"Built {report.articles} article(s) into {out_dir}/ in {report.seconds:.1f} s{rate}, "
             f"{report.triples:,} triples"]
    if store is not None:
        lines.append(f"Store {store}/: {report.skipped} article(s) already there and skipped, "
                     f"{report.replaced} older version(s) replaced, {len(report.merges)} merge(s) of entities and proposals"
                     + (f"; list them with `kg merges --store {store}`" if report.merges else ""))
    if report.counts.entities:
        lines.append("Entities: " + ", ".join(f"{k} {v}" for k, v in report.counts.entities.items()))
    if report.counts.relations:
        lines.append("Facts:    " + ", ".join(f"{k} {v}" for k, v in report.counts.relations.items()))
    lines += [f"Open the graph: {page.resolve()}" for page in report.pages[:5]]
    if len(report.pages) > 5:
        lines.append(f"... and {len(report.pages) - 5} more pages in {out_dir}/")
    return lines


def failure_summary(report: BuildReport) -> str:
    """One line: how many inputs failed, which (the first ten), and how many articles were built."""
    names = [f.source for f in report.failures]
    shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    return f"kg: {len(names)} input(s) failed ({shown}); {report.articles} article(s) built"
