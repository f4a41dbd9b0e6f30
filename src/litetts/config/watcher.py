"""Watch the settings files and call back once a burst of writes has settled.

Editors write a file several times when saving (truncate, write, rename a swap file);
the callback runs once, `debounce_s` after the last write. Changes are seen with
watchfiles (inotify, FSEvents, ...) when it is installed, else by polling the files'
size, time stamp, inode and content.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

__all__ = ["Backend", "DirectoryWatcher"]

logger = logging.getLogger(__name__)

Backend = Literal["auto", "watchfiles", "poll"]

_Signature = tuple[tuple[int, int, int, bytes] | None, ...]


def _watchfiles_available() -> bool:
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        return False
    return True


class DirectoryWatcher:
    """Calls `on_change()` after writes to the files `names` in `directory` settle.

    Args:
        directory: the folder to watch (it must exist).
        names: the file names that matter; others (backups, temp files) are ignored.
        on_change: called from the watcher's thread; its exceptions are logged.
        debounce_s: quiet time after the last write before `on_change` runs.
        poll_interval_s: how often the poller looks, when it is the backend.
        backend: ``watchfiles``, ``poll``, or ``auto`` (watchfiles when importable).
    """

    def __init__(
        self,
        directory: Path,
        names: Iterable[str],
        on_change: Callable[[], None],
        *,
        debounce_s: float = 0.25,
        poll_interval_s: float = 0.2,
        backend: Backend = "auto",
    ) -> None:
        self.directory = Path(directory)
        self.names = frozenset(names)
        self.on_change = on_change
        self.debounce_s = debounce_s
        self.poll_interval_s = poll_interval_s
        if backend == "auto":
            backend = "watchfiles" if _watchfiles_available() else "poll"
        self.backend: Backend = backend
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._wake = threading.Condition()
        self._last_write: float | None = None
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start watching; returns once changes from now on will be seen."""
        source = self._watch if self.backend == "watchfiles" else self._poll
        for target, name in ((source, "watch"), (self._debounce, "debounce")):
            thread = threading.Thread(target=target, name=f"litetts-config-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        self._ready.wait(timeout=5.0)

    def close(self) -> None:
        """Stop watching and wait for the threads to end."""
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=5.0)
        self._threads.clear()

    def _touched(self) -> None:
        with self._wake:
            self._last_write = time.monotonic()
            self._wake.notify_all()

    def _debounce(self) -> None:
        while not self._stop.is_set():
            with self._wake:
                while self._last_write is None and not self._stop.is_set():
                    self._wake.wait()
                while not self._stop.is_set() and self._last_write is not None:
                    remaining = self._last_write + self.debounce_s - time.monotonic()
                    if remaining <= 0:
                        break
                    self._wake.wait(remaining)
                if self._stop.is_set():
                    return
                self._last_write = None
            try:
                self.on_change()
            except Exception:  # a failed reload must not end the watching
                logger.exception("config reload after a file change failed")

    def _watch(self) -> None:
        import watchfiles

        def wanted(_: watchfiles.Change, path: str) -> bool:
            return os.path.basename(path) in self.names

        try:
            # An empty set comes each `rust_timeout` without changes: the first one
            # says the OS watch is in place, so `start()` can return.
            for changes in watchfiles.watch(
                self.directory,
                watch_filter=wanted,
                debounce=max(1, round(self.debounce_s * 1000)),
                step=20,
                stop_event=self._stop,
                recursive=False,
                rust_timeout=100,
                yield_on_timeout=True,
            ):
                self._ready.set()
                if changes:
                    self._touched()
        except Exception:
            if self._stop.is_set():
                return
            logger.warning(
                "watchfiles failed on %s; polling instead", self.directory, exc_info=True
            )
            self.backend = "poll"
            self._poll()

    def _signature(self) -> _Signature:
        # Settings files are small: their content catches two same-size writes within
        # one tick of the file system's coarse clock, which the time stamp misses.
        states: list[tuple[int, int, int, bytes] | None] = []
        for name in sorted(self.names):
            path = self.directory / name
            try:
                stat = path.stat()
                digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
            except OSError:
                states.append(None)
            else:
                states.append((stat.st_mtime_ns, stat.st_size, stat.st_ino, digest))
        return tuple(states)

    def _poll(self) -> None:
        seen = self._signature()
        self._ready.set()
        while not self._stop.wait(self.poll_interval_s):
            current = self._signature()
            if current != seen:
                seen = current
                self._touched()
