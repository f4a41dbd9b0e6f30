"""Showing `litetts.assets.ProgressEvent`s while assets are fetched."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

if TYPE_CHECKING:
    from litetts.assets import ProgressEvent

__all__ = ["fetch_progress"]

Report = Callable[["ProgressEvent"], None]


@contextmanager
def fetch_progress(console: Console) -> Iterator[Report]:
    """A progress callback: one bar per stage on a terminal, else one line per event.

    The bars stop drawing when the block ends, however it ends.
    """
    if not console.is_terminal:
        yield lambda event: console.print(
            f"{event.stage} {event.done}/{event.total} {event.message}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        return
    columns = (
        TextColumn("{task.description:<7}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[message]}", markup=False),
    )
    with Progress(*columns, console=console) as bars:
        tasks: dict[str, TaskID] = {}

        def report(event: ProgressEvent) -> None:
            task = tasks.get(event.stage)
            if task is None:
                tasks[event.stage] = bars.add_task(
                    event.stage, total=event.total, completed=event.done, message=event.message
                )
            else:
                bars.update(task, total=event.total, completed=event.done, message=event.message)

        yield report
