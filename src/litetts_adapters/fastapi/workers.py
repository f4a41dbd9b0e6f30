"""The bounded synthesis worker pool: at most N requests synthesize at once, at most
``queue_size`` wait, and everyone else is told to come back later (503).

Synthesis runs on these threads, never on the event loop. A `Ticket` is one admitted
request; it is released when the request's work ends, so a stream occupies its worker
until it finishes or its client goes away.

The threads are daemons: at exit the interpreter does not wait for a model call in
progress (a `ThreadPoolExecutor` would join it, holding a stopping server for as long as
the chunk takes). Work is stopped by cancelling requests, not by joining threads.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

__all__ = ["DaemonThreads", "Ticket", "WorkerPool"]

T = TypeVar("T")
_Job = tuple[Callable[[], object], "Future[object]"] | None


class DaemonThreads:
    """A fixed set of daemon threads running submitted functions in order."""

    def __init__(self, workers: int, name: str) -> None:
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((fn, future))  # type: ignore[arg-type]  # Future is invariant
        return future

    def shutdown(self) -> None:
        """Stop each thread once the jobs queued before this call are done; no waiting."""
        for _ in self._threads:
            self._jobs.put(None)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            fn, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as err:
                future.set_exception(err)


class Ticket:
    """One admitted request; `release` (idempotent) frees its place."""

    def __init__(self, pool: WorkerPool) -> None:
        self._pool = pool
        self._released = False
        self._lock = threading.Lock()

    def release(self) -> None:
        with self._lock:
            if self._released:
                return
            self._released = True
        self._pool._leave()


class WorkerPool:
    """A thread pool with admission control.

    Args:
        workers: threads that synthesize (requests served at once).
    """

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        self._executor: DaemonThreads | None = None
        self._lock = threading.Lock()
        self._admitted = 0
        self._running = 0

    @property
    def running(self) -> int:
        """Requests a worker is synthesizing now."""
        with self._lock:
            return self._running

    @property
    def queued(self) -> int:
        """Admitted requests waiting for a worker."""
        with self._lock:
            return self._admitted - self._running

    def admit(self, queue_size: int) -> Ticket | None:
        """A ticket if fewer than ``workers + queue_size`` requests are admitted; else None."""
        with self._lock:
            if self._admitted >= self.workers + queue_size:
                return None
            self._admitted += 1
        return Ticket(self)

    def _leave(self) -> None:
        with self._lock:
            self._admitted -= 1

    def _tracked(self, fn: Callable[[], T]) -> Callable[[], T]:
        def run() -> T:
            with self._lock:
                self._running += 1
            try:
                return fn()
            finally:
                with self._lock:
                    self._running -= 1

        return run

    def _threads(self) -> DaemonThreads:
        with self._lock:
            if self._executor is None:  # threads start with the first job, not at creation
                self._executor = DaemonThreads(self.workers, "litetts-synth")
            return self._executor

    def submit(self, fn: Callable[[], T]) -> asyncio.Future[T]:
        """Run `fn` on a worker; await the result from the event loop."""
        return asyncio.wrap_future(self._threads().submit(self._tracked(fn)))

    def start(self, fn: Callable[[], None]) -> None:
        """Run `fn` on a worker without waiting for it (a stream's pump)."""
        self._threads().submit(self._tracked(fn))

    def shutdown(self) -> None:
        """Let running jobs finish on their own; the next job starts fresh threads."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown()
