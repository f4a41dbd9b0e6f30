"""How a fetch reports its progress when nobody passed a callback.

A fetch on first use happens inside `Synthesizer.default()` or a validator, where the
caller did not ask to hear about it. Like ``pip`` and the model hubs, litetts then
draws a one-line bar on standard error when that is a terminal, and otherwise logs
one INFO line per step (visible with ``logging.basicConfig(level=logging.INFO)``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TextIO

from attrs import frozen

__all__ = ["Progress", "ProgressEvent", "default_progress"]

logger = logging.getLogger(__name__)

_BAR_WIDTH = 24


@frozen
class ProgressEvent:
    """One step of a fetch: `done` of `total` steps of `stage` finished."""

    stage: str
    done: int
    total: int
    message: str = ""


Progress = Callable[[ProgressEvent], None]


def _log(event: ProgressEvent) -> None:
    logger.info("fetching %s: %d/%d %s", event.stage, event.done, event.total, event.message)


def _bar(stream: TextIO) -> Progress:
    def draw(event: ProgressEvent) -> None:
        filled = _BAR_WIDTH * event.done // max(1, event.total)
        bar = "#" * filled + "." * (_BAR_WIDTH - filled)
        end = "\n" if event.done >= event.total else ""
        stream.write(
            f"\r\x1b[Klitetts: fetching {event.stage} [{bar}] "
            f"{event.done}/{event.total} {event.message}"[:160]
            + end
        )
        stream.flush()

    return draw


def default_progress(stream: TextIO | None = None) -> Progress:
    """A bar on `stream` (default standard error) when it is a terminal, else log lines."""
    stream = stream if stream is not None else sys.stderr
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced by something file-like
        terminal = False
    return _bar(stream) if terminal else _log
