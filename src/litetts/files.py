"""Writing files so that a reader sees the old file or the new one, never half of one.

Every file litetts writes for keeps (settings, backups, baselines, audio, asset stamps,
prepared models) goes through `atomic_path`: the content is written to a hidden
temporary name in the target's folder, flushed to disk, and renamed over the target
(a rename within one folder is atomic on POSIX and Windows). A failure, a kill or a
full disk leaves the target as it was and removes the temporary file (a kill -9 can
leave one behind; its name starts with ``.`` and ends in ``.tmp``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Final

__all__ = ["TEMPORARY_SUFFIX", "atomic_path", "atomic_write", "atomic_writer"]

TEMPORARY_SUFFIX: Final = ".tmp"
"""Ends the name of every temporary file `atomic_path` makes."""

_SHARED_MODE: Final = 0o644


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


@contextmanager
def atomic_path(
    path: str | os.PathLike[str], *, mode: int = _SHARED_MODE, durable: bool = True
) -> Iterator[Path]:
    """A temporary path beside `path` to write to; it replaces `path` when the block ends.

    For writers that take a file name (ONNX, soundfile). The temporary file exists
    (empty) when the block starts; if the block raises, it is removed and `path` is
    untouched.

    Args:
        mode: permission bits of the finished file (temporary files start private).
        durable: flush the file to disk before the rename, so that a power cut
            cannot leave an empty file under the final name.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent
    )
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        if durable:
            _fsync(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def atomic_writer(
    path: str | os.PathLike[str], *, mode: int = _SHARED_MODE, durable: bool = True
) -> Iterator[BinaryIO]:
    """A binary file object whose content replaces `path` when the block ends without error."""
    with atomic_path(path, mode=mode, durable=durable) as temporary, open(temporary, "wb") as out:
        yield out


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes | str,
    *,
    mode: int = _SHARED_MODE,
    durable: bool = True,
) -> Path:
    """Replace `path` with `data` (text is written as UTF-8) in one step; returns `path`."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, mode=mode, durable=durable) as out:
        out.write(payload)
    return Path(path)
