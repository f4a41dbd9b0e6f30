"""Metrics events: one `SynthesisEvent` per request, sent to whoever subscribed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from attrs import frozen

__all__ = ["EventHub", "SynthesisEvent"]

logger = logging.getLogger(__name__)


@frozen
class SynthesisEvent:
    """What one request cost and produced.

    Times are seconds of wall clock; `first_audio_seconds` is None when no audio
    was produced. `error` holds the exception's type name when the request failed,
    and `completed` is False when the caller stopped a stream early.
    """

    voice: str
    text_chars: int
    chunks: int
    audio_seconds: float
    synthesis_seconds: float
    first_audio_seconds: float | None
    cache_hit: bool = False
    completed: bool = True
    error: str | None = None

    @property
    def rtf(self) -> float | None:
        """Real-time factor: synthesis seconds per audio second (lower is faster)."""
        return self.synthesis_seconds / self.audio_seconds if self.audio_seconds > 0 else None


Subscriber = Callable[[SynthesisEvent], None]


E = TypeVar("E")


class EventHub(Generic[E]):
    """A thread-safe list of subscribers to events of type `E`; a failing subscriber is
    logged and never breaks the code that emits."""

    def __init__(self) -> None:
        self._subscribers: list[Callable[[E], None]] = []
        self._lock = threading.Lock()

    def subscribe(self, callback: Callable[[E], None]) -> Callable[[], None]:
        """Call `callback` with every event; returns a function that unsubscribes."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def emit(self, event: E) -> None:
        """Send `event` to every subscriber, logging (not raising) their errors."""
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(event)
            except Exception:  # a subscriber must never fail the code that emits
                logger.exception("subscriber %r failed", callback)
