"""`MemoryMonitor`: samples resident memory, spots leaks, trims caches over budget.

    >>> monitor = MemoryMonitor(budget_mb=1024, caches=[tts.cache])  # doctest: +SKIP
    >>> unsubscribe = monitor.subscribe(print)  # doctest: +SKIP
    >>> monitor.start()  # doctest: +SKIP

A background thread reads RSS every `interval_s` (psutil by default; tests inject a
fake reader and clock). Over the budget it runs the garbage collector, trims the
caches it was given and returns freed heap to the system; `detect_and_prevent_leaks()`
fits a line through the samples of the last window and reports growth above the
threshold. Every sample and action is a `MemoryEvent` sent to the subscribers.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Final, Literal, Protocol, runtime_checkable

import psutil
from attrs import asdict, frozen

from litetts.config.schema import PerformanceSettings
from litetts.events import EventHub
from litetts.heap import malloc_trim

__all__ = ["LeakReport", "MemoryEvent", "MemoryMonitor", "SelfSizing", "Trimmable"]

logger = logging.getLogger(__name__)

MIB: Final = 1024 * 1024
_HOUR: Final = 3600.0

EventKind = Literal["sample", "over_budget", "trimmed", "leak_suspected", "cache_resized"]


class Trimmable(Protocol):
    """A cache the monitor may shrink: `AudioCache` is one."""

    def trim(self, max_bytes: int) -> int:
        """Evict down to `max_bytes`; returns the bytes freed."""
        ...

    def stats(self) -> object:
        """Anything with a ``bytes`` attribute: what the cache holds now."""
        ...


@runtime_checkable
class SelfSizing(Protocol):
    """A cache that sizes itself from its hit rates and the memory budget."""

    def optimize_cache_strategy(
        self, memory_budget_bytes: int | None = None, *, rss_bytes: int | None = None
    ) -> object:
        """Resize from the hit rates seen since the last call and the budget."""
        ...


@frozen
class MemoryEvent:
    """One thing the monitor saw or did."""

    kind: EventKind
    rss_bytes: int
    at: float
    """The monitor's clock when it happened (seconds)."""
    detail: str = ""
    freed_bytes: int = 0

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return asdict(self)


@frozen
class LeakReport:
    """The RSS trend over the recent window."""

    samples: int
    window_s: float
    """Seconds between the first and last sample used."""
    growth_mb_per_hour: float
    """Slope of a least-squares line through the samples, MiB per hour."""
    threshold_mb_per_hour: float
    leaking: bool
    """True when the trend is above the threshold (and there were enough samples)."""
    actions: tuple[str, ...] = ()
    """What was done about it (``gc``, ``malloc_trim``)."""

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return asdict(
            self, value_serializer=lambda _i, _f, v: list(v) if isinstance(v, tuple) else v
        )


Subscriber = Callable[[MemoryEvent], None]


class MemoryMonitor:
    """Watches this process's resident memory on a background thread. Thread-safe.

    Args:
        budget_mb: resident memory above which gc runs and caches are trimmed, MiB.
        interval_s: seconds between samples on the background thread.
        leak_threshold_mb_per_hour: growth trend reported as a leak.
        window_s: how far back the leak trend looks, seconds.
        min_samples: fewest samples in the window before a trend is judged.
        caches: caches to trim when over budget (a Synthesizer's ``cache``).
        rss: reads resident memory in bytes; default psutil's for this process.
        clock: monotonic seconds; default `time.monotonic`.
        collect: the garbage collector; default `gc.collect`.
        release: gives freed heap back to the system; default glibc's
            ``malloc_trim(0)`` where there is one.
        resize_every: every this many samples, a cache with
            ``optimize_cache_strategy`` (`AudioCache`) is resized from its hit rates
            and the budget; 0 never.
    """

    def __init__(
        self,
        *,
        budget_mb: float = 1024,
        interval_s: float = 5.0,
        leak_threshold_mb_per_hour: float = 50.0,
        window_s: float = 600.0,
        min_samples: int = 10,
        caches: Iterable[Trimmable | None] = (),
        rss: Callable[[], int] | None = None,
        clock: Callable[[], float] = time.monotonic,
        collect: Callable[[], object] = gc.collect,
        release: Callable[[], object] | None = None,
        resize_every: int = 60,
    ) -> None:
        self.budget_bytes = int(budget_mb * MIB)
        self.interval_s = interval_s
        self.leak_threshold_mb_per_hour = leak_threshold_mb_per_hour
        self.window_s = window_s
        self.min_samples = max(2, min_samples)
        self.caches: list[Trimmable] = [c for c in caches if c is not None]
        self._rss = rss if rss is not None else _process_rss
        self._clock = clock
        self._collect = collect
        self._release = release if release is not None else malloc_trim()
        self.resize_every = resize_every
        self._count = 0
        self._samples: deque[tuple[float, int]] = deque()
        self._events: EventHub[MemoryEvent] = EventHub()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def from_settings(
        cls, settings: PerformanceSettings, *, caches: Iterable[Trimmable | None] = ()
    ) -> MemoryMonitor:
        """A monitor with the budget, interval and leak threshold of `settings`."""
        return cls(
            budget_mb=settings.memory_budget_mb,
            interval_s=settings.monitor_interval_s,
            leak_threshold_mb_per_hour=settings.leak_threshold_mb_per_hour,
            caches=caches,
        )

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call `callback` with every `MemoryEvent`; returns a function that unsubscribes."""
        return self._events.subscribe(callback)

    @property
    def running(self) -> bool:
        """True while the background thread samples."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Sample on a daemon thread every `interval_s` until `stop()`; idempotent."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._loop, name="litetts-memory-monitor", daemon=True
            )
            self._thread.start()

    def stop(self, timeout: float | None = 5.0) -> None:
        """Stop the background thread and wait for it (up to `timeout` seconds)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    def samples(self) -> list[tuple[float, int]]:
        """The (time, RSS bytes) samples kept, oldest first."""
        with self._lock:
            return list(self._samples)

    def sample(self) -> int:
        """Read RSS once, keep it, act if over budget; returns the RSS in bytes."""
        now, rss = self._clock(), int(self._rss())
        with self._lock:
            self._count += 1
            resize = self.resize_every > 0 and self._count % self.resize_every == 0
            self._samples.append((now, rss))
            while self._samples and now - self._samples[0][0] > self.window_s:
                self._samples.popleft()
        self._emit(MemoryEvent("sample", rss, now))
        if rss > self.budget_bytes:
            self._over_budget(now, rss)
        elif resize:
            self._resize_caches(now, rss)
        return rss

    def detect_and_prevent_leaks(self) -> LeakReport:
        """Fit the RSS trend over the window; above the threshold, collect garbage and
        release freed heap to the system, and report it as a leak."""
        points = self.samples()
        span = points[-1][0] - points[0][0] if len(points) > 1 else 0.0
        slope = _slope(points) * _HOUR / MIB if span > 0 else 0.0
        enough = len(points) >= self.min_samples and span > 0
        leaking = enough and slope > self.leak_threshold_mb_per_hour
        actions: tuple[str, ...] = ()
        if leaking:
            rss = points[-1][1]
            actions = self._reclaim()
            logger.warning(
                "resident memory grows %.1f MiB/hour over %.0f s (threshold %.1f)",
                slope,
                span,
                self.leak_threshold_mb_per_hour,
            )
            self._emit(
                MemoryEvent(
                    "leak_suspected",
                    rss,
                    self._clock(),
                    f"RSS grows {slope:.1f} MiB/hour over {span:.0f} s",
                )
            )
        return LeakReport(
            len(points), span, slope, self.leak_threshold_mb_per_hour, leaking, actions
        )

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.sample()
            except Exception:  # the monitor must outlive a bad reading
                logger.exception("memory sample failed")
            self._stop.wait(self.interval_s)

    def _over_budget(self, now: float, rss: int) -> None:
        over = rss - self.budget_bytes
        self._emit(
            MemoryEvent(
                "over_budget",
                rss,
                now,
                f"RSS {rss / MIB:.0f} MiB is over the budget of {self.budget_bytes / MIB:.0f} MiB",
            )
        )
        freed = 0
        for cache in self.caches:
            held = int(getattr(cache.stats(), "bytes", 0))
            freed += cache.trim(max(0, held - (over - freed)))
            if freed >= over:
                break
        self._collect()
        if self._release is not None:
            self._release()
        after = int(self._rss())
        self._emit(
            MemoryEvent(
                "trimmed",
                after,
                self._clock(),
                f"gc ran and caches gave back {freed / MIB:.1f} MiB",
                freed_bytes=freed,
            )
        )
        logger.info(
            "memory over budget: freed %.1f MiB of cache, RSS now %.0f MiB",
            freed / MIB,
            after / MIB,
        )

    def _resize_caches(self, now: float, rss: int) -> None:
        for cache in self.caches:
            if isinstance(cache, SelfSizing):
                strategy = cache.optimize_cache_strategy(self.budget_bytes, rss_bytes=rss)
                reason = getattr(strategy, "reason", "")
                self._emit(MemoryEvent("cache_resized", rss, now, str(reason)))

    def _reclaim(self) -> tuple[str, ...]:
        # Caches are bounded, so they are not what leaks: they are trimmed only over budget.
        actions = ["gc"]
        self._collect()
        if self._release is not None:
            self._release()
            actions.append("malloc_trim")
        return tuple(actions)

    def _emit(self, event: MemoryEvent) -> None:
        self._events.emit(event)  # a failing subscriber is logged, never stops the monitor


def _slope(points: Sequence[tuple[float, int]]) -> float:
    """Least-squares slope of RSS over time, bytes per second."""
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_r = sum(r for _, r in points) / n
    var = sum((t - mean_t) ** 2 for t, _ in points)
    if var == 0:
        return 0.0
    return sum((t - mean_t) * (r - mean_r) for t, r in points) / var


def _process_rss() -> int:
    return int(psutil.Process().memory_info().rss)
