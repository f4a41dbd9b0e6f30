"""`MetricsRecorder`: rolling statistics of the Synthesizer's `SynthesisEvent`s.

Subscribe it to a Synthesizer and read `snapshot()` from any thread::

    recorder = MetricsRecorder()
    unsubscribe = tts.subscribe(recorder.record)
    recorder.snapshot()["latency"]["p95"]

Percentiles (latency, real-time factor, time to first audio) cover the requests of the
last `window_seconds`; totals (requests, errors, audio seconds, per-voice counts, cache
hits) cover the recorder's life. `record` only appends under a lock, so it costs about a
microsecond per request; the sorting happens in `snapshot`, on the reader's thread.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from litetts.events import SynthesisEvent
from litetts.performance.memory import MemoryEvent

__all__ = ["MetricsRecorder", "Snapshot", "percentile"]

Clock = Callable[[], float]
Snapshot = dict[str, object]
"""A JSON-serialisable dict; see `MetricsRecorder.snapshot` for its keys."""

DEFAULT_WINDOW_SECONDS: Final = 300.0
DEFAULT_MAX_SAMPLES: Final = 10_000
DEFAULT_BUCKET_SECONDS: Final = 5.0
RECENT_ERRORS: Final = 20


class _Sample(NamedTuple):
    at: float
    latency: float
    rtf: float | None
    first_audio: float | None
    audio_seconds: float
    failed: bool


def percentile(values: Sequence[float], q: float) -> float | None:
    """The `q`-th percentile (0-100) of `values` by linear interpolation; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    value = ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
    return min(max(value, ordered[low]), ordered[high])  # no rounding past the neighbours


def _summary(values: Sequence[float]) -> dict[str, float | None]:
    return {
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "mean": sum(values) / len(values) if values else None,
    }


class MetricsRecorder:
    """Thread-safe rolling metrics of synthesis requests.

    Args:
        window_seconds: how far back percentiles, throughput and history reach.
        max_samples: the most requests kept in the window (the oldest go first).
        bucket_seconds: width of each point of the history series.
        clock: monotonic seconds; inject a fake one in tests.
    """

    def __init__(
        self,
        *,
        window_seconds: float = DEFAULT_WINDOW_SECONDS,
        max_samples: int = DEFAULT_MAX_SAMPLES,
        bucket_seconds: float = DEFAULT_BUCKET_SECONDS,
        clock: Clock = time.monotonic,
    ) -> None:
        if window_seconds <= 0 or bucket_seconds <= 0 or max_samples < 1:
            raise ValueError("window_seconds, bucket_seconds and max_samples must be positive")
        self.window_seconds = window_seconds
        self.bucket_seconds = bucket_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._samples: deque[_Sample] = deque(maxlen=max_samples)
        self._errors: deque[tuple[float, str | None, str]] = deque(maxlen=RECENT_ERRORS)
        self._voices: Counter[str] = Counter()
        self._started = clock()
        self._requests = 0
        self._failures = 0
        self._cancelled = 0
        self._audio_seconds = 0.0
        self._synthesis_seconds = 0.0
        self._cache_hits = 0
        self._memory: deque[MemoryEvent] = deque(maxlen=RECENT_ERRORS)
        self._rss_bytes: int | None = None

    def record(self, event: SynthesisEvent) -> None:
        """Add one request; pass this method to `Synthesizer.subscribe`."""
        now = self._clock()
        failed = event.error is not None
        sample = _Sample(
            now,
            event.synthesis_seconds,
            event.rtf,
            event.first_audio_seconds,
            event.audio_seconds,
            failed,
        )
        with self._lock:
            self._samples.append(sample)
            self._voices[event.voice] += 1
            self._requests += 1
            self._failures += failed
            self._cancelled += not event.completed and not failed
            self._audio_seconds += event.audio_seconds
            self._synthesis_seconds += event.synthesis_seconds
            self._cache_hits += event.cache_hit
            if event.error is not None:
                self._errors.append((now, event.voice, event.error))

    def record_memory(self, event: MemoryEvent) -> None:
        """Add a `MemoryMonitor` event; pass this method to `MemoryMonitor.subscribe`."""
        with self._lock:
            self._rss_bytes = event.rss_bytes
            if event.kind != "sample":
                self._memory.append(event)

    def record_error(self, kind: str, message: str, voice: str | None = None) -> None:
        """Note a failure that happened outside synthesis (an encoder, a worker crash)."""
        now = self._clock()
        with self._lock:
            self._failures += 1
            self._errors.append((now, voice, f"{kind}: {message}"))

    def reset(self) -> None:
        """Forget everything recorded so far."""
        with self._lock:
            self._samples.clear()
            self._errors.clear()
            self._voices.clear()
            self._memory.clear()
            self._started = self._clock()
            self._requests = self._failures = self._cancelled = self._cache_hits = 0
            self._audio_seconds = self._synthesis_seconds = 0.0

    def snapshot(self) -> Snapshot:
        """The current figures as a JSON-serialisable dict.

        Keys: ``window_s``, ``requests`` (``total``, ``in_window``, ``per_second``),
        ``errors`` (``total``, ``in_window``, ``cancelled``, ``recent``), ``latency``,
        ``rtf`` and ``time_to_first_audio`` (``p50``, ``p95``, ``p99``, ``mean``; seconds,
        None before the first request), ``throughput`` (``audio_seconds_per_second``),
        ``audio_seconds_total``, ``cache`` (``hits``, ``hit_rate``), ``voices`` (id ->
        requests), ``memory`` (the monitor's last ``rss_bytes`` and its recent
        ``events``: over budget, trimmed, leak suspected) and ``history`` (one point
        per `bucket_seconds`: ``t`` seconds before now, ``requests``, mean ``rtf`` and
        ``latency``).
        """
        now = self._clock()
        with self._lock:
            horizon = now - self.window_seconds
            while self._samples and self._samples[0].at < horizon:
                self._samples.popleft()
            samples = list(self._samples)
            errors = list(self._errors)
            voices = dict(self._voices)
            memory = {
                "rss_bytes": self._rss_bytes,
                "events": [event.to_dict() for event in reversed(self._memory)],
            }
            totals = (
                self._requests,
                self._failures,
                self._cancelled,
                self._audio_seconds,
                self._cache_hits,
                self._started,
            )
        requests, failures, cancelled, audio_total, hits, started = totals
        span = min(self.window_seconds, max(now - started, 1e-9))
        window_audio = sum(s.audio_seconds for s in samples)
        recent = [
            {"age_s": round(now - at, 3), "voice": voice, "error": error}
            for at, voice, error in reversed(errors)
        ]
        return {
            "window_s": self.window_seconds,
            "uptime_s": now - started,
            "requests": {
                "total": requests,
                "in_window": len(samples),
                "per_second": len(samples) / span,
            },
            "errors": {
                "total": failures,
                "in_window": sum(s.failed for s in samples),
                "cancelled": cancelled,
                "recent": recent,
            },
            "latency": _summary([s.latency for s in samples if not s.failed]),
            "rtf": _summary([s.rtf for s in samples if s.rtf is not None and not s.failed]),
            "time_to_first_audio": _summary(
                [s.first_audio for s in samples if s.first_audio is not None]
            ),
            "throughput": {"audio_seconds_per_second": window_audio / span},
            "audio_seconds_total": audio_total,
            "cache": {"hits": hits, "hit_rate": hits / requests if requests else None},
            "voices": voices,
            "memory": memory,
            "history": self._history(samples, now),
        }

    def _history(self, samples: list[_Sample], now: float) -> list[dict[str, float | None]]:
        buckets: dict[int, list[_Sample]] = {}
        for sample in samples:
            buckets.setdefault(int((now - sample.at) // self.bucket_seconds), []).append(sample)
        points = []
        for index in sorted(buckets, reverse=True):
            group = buckets[index]
            rtfs = [s.rtf for s in group if s.rtf is not None]
            points.append(
                {
                    "t": -index * self.bucket_seconds,
                    "requests": float(len(group)),
                    "rtf": sum(rtfs) / len(rtfs) if rtfs else None,
                    "latency": sum(s.latency for s in group) / len(group),
                }
            )
        return points
