"""Showing progress: `litetts.assets.ProgressEvent`s while assets are fetched, and a
count of finished items while a batch renders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:
    from litetts.assets import ProgressEvent

__all__ = ["count_progress", "fetch_progress"]

Report = Callable[["ProgressEvent"], None]


class Tick(Protocol):
    def __call__(self, note: str, advance: int = 1) -> None: ...


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


@contextmanager
def count_progress(console: Console, label: str, total: int, done: int = 0) -> Iterator[Tick]:
    """A callback to call per finished item (or `advance` items) with a short note.

    On a terminal one bar with the count and the time left; else one line per item.
    """
    if not console.is_terminal:
        count = done

        def line(note: str, advance: int = 1) -> None:
            nonlocal count
            count += advance
            console.print(
                f"{label} {count}/{total} {note}", markup=False, highlight=False, soft_wrap=True
            )

        yield line
        return
    columns = (
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[note]}", markup=False),
    )
    with Progress(*columns, console=console) as bars:
        task = bars.add_task(label, total=total, completed=done, note="")

        def tick(note: str, advance: int = 1) -> None:
            bars.update(task, advance=advance, note=note)

        yield tick
