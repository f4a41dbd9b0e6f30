"""Metrics events: one `SynthesisEvent` per request, sent to whoever subscribed."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

from attrs import frozen

__all__ = ["EventHub", "RequestMeter", "SynthesisEvent"]

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


class RequestMeter:
    """Measures one request and sends its `SynthesisEvent` exactly once, when it ends.

    Use it as a context manager around the work: leaving the block emits the event;
    an exception marks the request failed with the exception's type name, and a
    generator closed early (`GeneratorExit`) marks it incomplete, not failed.

    Args:
        hub: where the event goes.
        voice: the resolved voice or blend.
        text_chars: characters of the request's text.
        sample_rate: of the audio counted with `piece`.
        cache_hit: the audio came from the cache.
    """

    def __init__(
        self,
        hub: EventHub[SynthesisEvent],
        *,
        voice: str,
        text_chars: int,
        sample_rate: int,
        cache_hit: bool = False,
    ) -> None:
        self._hub = hub
        self._voice = voice
        self._chars = text_chars
        self._rate = sample_rate
        self._cache_hit = cache_hit
        self._started = time.perf_counter()
        self._first_audio: float | None = None
        self._samples = 0
        self.chunks = 0
        """Model calls that produced speech so far."""
        self.completed = False
        """Set by the caller once every piece was delivered."""

    def piece(self, samples: int, *, speech: bool) -> None:
        """Count a piece of audio about to be handed out (`speech`: it came from the model)."""
        if self._first_audio is None:
            self._first_audio = time.perf_counter() - self._started
        self._samples += samples
        self.chunks += speech

    def __enter__(self) -> RequestMeter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        failed = kind is not None and issubclass(kind, Exception)
        self._hub.emit(
            SynthesisEvent(
                voice=self._voice,
                text_chars=self._chars,
                chunks=self.chunks,
                audio_seconds=self._samples / self._rate,
                synthesis_seconds=time.perf_counter() - self._started,
                first_audio_seconds=self._first_audio,
                cache_hit=self._cache_hit,
                completed=self.completed and kind is None,
                error=kind.__name__ if failed and kind is not None else None,
            )
        )
