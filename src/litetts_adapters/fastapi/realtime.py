"""`RealtimeMetrics`: what the dashboard shows, gathered in one JSON snapshot.

It joins the library's `MetricsRecorder` (latency, RTF, time to first audio, throughput,
errors, per-voice counts, cache hit rate) with what only the server knows (requests in
flight and queued) and the process itself (resident memory and CPU through psutil).
A background task pushes the snapshot to every dashboard client at the configured
interval; generation start and finish events are pushed as they happen.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Final

import psutil

from litetts.events import SynthesisEvent
from litetts.performance import MetricsRecorder
from litetts_adapters.fastapi.websockets import WebSocketManager
from litetts_adapters.fastapi.workers import WorkerPool

__all__ = ["ProcessStats", "RealtimeMetrics", "process_stats"]

logger = logging.getLogger(__name__)

ProcessStats = Callable[[], dict[str, float]]
_MB: Final = 1024 * 1024


def process_stats() -> ProcessStats:
    """Resident memory (MiB) and CPU use (percent of one core since the last call)."""
    process = psutil.Process()
    process.cpu_percent(None)  # the first reading is always 0; start the interval now

    def read() -> dict[str, float]:
        with process.oneshot():
            return {
                "rss_mb": process.memory_info().rss / _MB,
                "cpu_percent": process.cpu_percent(None),
                "threads": float(process.num_threads()),
            }

    return read


class RealtimeMetrics:
    """The dashboard's live figures.

    Args:
        recorder: the library's metrics, subscribed to the Synthesizer.
        pool: the synthesis workers (requests in flight and queued).
        manager: where snapshots and events are pushed.
        process: reads process memory and CPU; inject a fake in tests.
        clock: wall-clock seconds for timestamps.
        window: the recorder's window in seconds, read at each snapshot (so a settings
            reload of ``dashboard.history_seconds`` applies); None leaves it as it is.
    """

    def __init__(
        self,
        recorder: MetricsRecorder,
        pool: WorkerPool,
        manager: WebSocketManager,
        *,
        process: ProcessStats | None = None,
        clock: Callable[[], float] = time.time,
        window: Callable[[], float] | None = None,
    ) -> None:
        self.recorder = recorder
        self.pool = pool
        self.manager = manager
        self._process = process if process is not None else process_stats()
        self._clock = clock
        self._loop: asyncio.AbstractEventLoop | None = None
        self._window = window

    def snapshot(self) -> dict[str, object]:
        """Recorder figures plus ``server`` (in flight, queued, workers) and ``process``."""
        if self._window is not None:
            self.recorder.window_seconds = self._window()
        return {
            "type": "snapshot",
            "time": self._clock(),
            **self.recorder.snapshot(),
            "server": {
                "in_flight": self.pool.running,
                "queued": self.pool.queued,
                "workers": self.pool.workers,
                "clients": len(self.manager),
            },
            "process": self._process(),
        }

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Use `loop` for events that arrive from worker threads."""
        self._loop = loop

    def started(self, request_id: str, voice: str, chars: int) -> None:
        """Announce that a generation began (called on the event loop)."""
        self.manager.broadcast(
            {
                "type": "generation_started",
                "time": self._clock(),
                "request_id": request_id,
                "voice": voice,
                "chars": chars,
            }
        )

    def on_event(self, event: SynthesisEvent) -> None:
        """Synthesizer subscriber: record the event and announce the finished generation."""
        self.recorder.record(event)
        message: dict[str, object] = {
            "type": "generation_finished",
            "time": self._clock(),
            "voice": event.voice,
            "audio_seconds": event.audio_seconds,
            "synthesis_seconds": event.synthesis_seconds,
            "first_audio_seconds": event.first_audio_seconds,
            "rtf": event.rtf,
            "completed": event.completed,
            "error": event.error,
            "cache_hit": event.cache_hit,
        }
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self.manager.broadcast, message)
            except RuntimeError:  # the loop closed between the check and the call
                logger.debug("event after shutdown dropped")

    async def run(
        self,
        interval: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Push a snapshot to every client each `interval()` seconds, until cancelled."""
        while True:
            if len(self.manager):
                try:
                    self.manager.broadcast(self.snapshot())
                except Exception:
                    logger.exception("could not build the dashboard snapshot")
            await sleep(interval())
