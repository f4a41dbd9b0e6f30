"""A lock between processes, so that several starting at once fetch an asset once.

An advisory lock on a file in the asset home: ``fcntl.flock`` on POSIX, ``msvcrt``
on Windows. The operating system drops it when the holder exits, however it exits,
so a killed fetch never leaves the others waiting.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from litetts.errors import AssetError

__all__ = ["LOCK_TIMEOUT_S", "file_lock"]

logger = logging.getLogger(__name__)

LOCK_TIMEOUT_S: Final = 1800.0
"""Longest wait for another process's fetch (a slow link can take minutes)."""

_POLL_S: Final = 0.2


def _try_lock(handle: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def file_lock(path: Path, *, timeout_s: float = LOCK_TIMEOUT_S, what: str = "") -> Iterator[None]:
    """Hold the lock at `path` (created if missing) for the block.

    Raises:
        AssetError: another process held it for longer than `timeout_s`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout_s
        waited = False
        while not _try_lock(handle):
            if not waited:
                logger.info("waiting for another process to finish fetching %s", what or path)
                waited = True
            if time.monotonic() > deadline:
                raise AssetError(
                    f"another process has been fetching {what or path} for over "
                    f"{timeout_s:.0f} s (lock {path})",
                    path=path,
                    fix=f"stop the other fetch, or delete {path} if no litetts process runs",
                )
            time.sleep(_POLL_S)
        try:
            yield
        finally:
            _unlock(handle)
    finally:
        os.close(handle)
