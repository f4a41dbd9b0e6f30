"""The disk tier of the audio cache: one file per entry, bounded by bytes, LRU.

Each file is ``<digest>.entry``: one JSON header line (kind, sample rate, model,
voices, the audio's timed words) and the payload (float32 little-endian samples, or
encoded bytes). Writes are atomic (temporary file, then rename); a hit refreshes the
file's modification time, and the oldest files go first when the tier is over its budget.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from attrs import frozen

from litetts.audio import Audio
from litetts.words import Word

__all__ = ["DiskTier", "EntryMeta"]

logger = logging.getLogger(__name__)

_SUFFIX = ".entry"


@frozen
class EntryMeta:
    """What an entry was made with, kept so that invalidation can find it."""

    model: str
    voices: tuple[str, ...]


class DiskTier:
    """Entries on disk under `directory`, at most `max_bytes` in all. Thread-safe.

    Args:
        directory: created on first write.
        max_bytes: budget; the least recently used files are deleted beyond it.
    """

    def __init__(self, directory: Path | str, max_bytes: int) -> None:
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._index: OrderedDict[str, int] = OrderedDict()  # digest -> size, oldest first
        self._scanned = False
        self._bytes = 0

    @property
    def entries(self) -> int:
        """Files in the tier."""
        with self._lock:
            return len(self._loaded())

    @property
    def total_bytes(self) -> int:
        """Bytes of all files in the tier."""
        with self._lock:
            self._loaded()
            return self._bytes

    def get(self, digest: str) -> Audio | bytes | None:
        """The entry stored under `digest`, or None (also for an unreadable file)."""
        with self._lock:
            if digest not in self._loaded():
                return None
            path = self._path(digest)
            try:
                value = _read(path)
                os.utime(path)
            except (OSError, ValueError) as err:
                logger.warning("dropping unreadable cache file %s: %s", path, err)
                self._drop(digest)
                return None
            self._index.move_to_end(digest)
            return value

    def put(self, digest: str, value: Audio | bytes, meta: EntryMeta) -> None:
        """Store `value`; a value larger than the whole budget is not stored."""
        data = _encode(value, meta)
        if len(data) > self.max_bytes:
            return
        with self._lock:
            index = self._loaded()
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                temp = self.directory / f".{digest}.{uuid.uuid4().hex}.tmp"
                temp.write_bytes(data)
                temp.replace(self._path(digest))
            except OSError as err:
                logger.warning("cannot write the disk cache in %s: %s", self.directory, err)
                return
            self._bytes += len(data) - index.pop(digest, 0)
            index[digest] = len(data)
            self._shrink(self.max_bytes)

    def remove_if(self, predicate: Callable[[EntryMeta], bool]) -> int:
        """Delete every entry whose metadata matches; returns how many went."""
        removed = 0
        with self._lock:
            for digest in list(self._loaded()):
                try:
                    meta = _read_meta(self._path(digest))
                except (OSError, ValueError):
                    meta = None
                if meta is None or predicate(meta):
                    self._drop(digest)
                    removed += 1
        return removed

    def clear(self) -> None:
        """Delete every entry."""
        self.remove_if(lambda _: True)

    def _path(self, digest: str) -> Path:
        return self.directory / f"{digest}{_SUFFIX}"

    def _loaded(self) -> OrderedDict[str, int]:
        if not self._scanned:
            files: list[tuple[float, str, int]] = []
            if self.directory.is_dir():
                for path in self.directory.glob(f"*{_SUFFIX}"):
                    try:
                        stat = path.stat()
                    except OSError:
                        continue
                    files.append((stat.st_mtime, path.name[: -len(_SUFFIX)], stat.st_size))
            files.sort()
            self._index = OrderedDict((digest, size) for _, digest, size in files)
            self._bytes = sum(size for _, _, size in files)
            self._scanned = True
        return self._index

    def _drop(self, digest: str) -> None:
        self._bytes -= self._index.pop(digest, 0)
        try:
            self._path(digest).unlink()
        except FileNotFoundError:
            pass
        except OSError as err:
            logger.warning("cannot delete cache file %s: %s", self._path(digest), err)

    def _shrink(self, budget: int) -> None:
        index = self._index
        while self._bytes > budget and index:
            self._drop(next(iter(index)))


def _encode(value: Audio | bytes, meta: EntryMeta) -> bytes:
    header: dict[str, object] = {"model": meta.model, "voices": list(meta.voices)}
    if isinstance(value, Audio):
        header |= {
            "kind": "audio",
            "rate": value.sample_rate,
            "words": [[w.text, w.start, w.end, w.char_start, w.char_end] for w in value.words],
        }
        payload = value.samples.astype("<f4").tobytes()
    else:
        header |= {"kind": "bytes"}
        payload = bytes(value)
    return json.dumps(header).encode("utf-8") + b"\n" + payload


def _split(data: bytes) -> tuple[dict[str, object], bytes]:
    line, sep, payload = data.partition(b"\n")
    header = json.loads(line) if sep else None
    if not isinstance(header, dict):
        raise ValueError("no header line")
    return header, payload


def _read(path: Path) -> Audio | bytes:
    header, payload = _split(path.read_bytes())
    if header.get("kind") == "bytes":
        return payload
    rate = header.get("rate")
    if header.get("kind") != "audio" or not isinstance(rate, int) or len(payload) % 4:
        raise ValueError("bad header or payload")
    words = _words(header.get("words", []))
    return Audio(np.frombuffer(payload, dtype="<f4"), rate, words)


def _words(rows: object) -> tuple[Word, ...]:
    """The words stored in a header (a list of [text, start, end, char_start, char_end])."""
    if not isinstance(rows, list):
        raise ValueError("bad words")
    words = []
    for row in rows:
        if not isinstance(row, list) or len(row) != 5:
            raise ValueError("bad word")
        text, start, end, char_start, char_end = row
        if not (
            isinstance(text, str)
            and all(isinstance(t, int | float) for t in (start, end))
            and all(isinstance(c, int) for c in (char_start, char_end))
        ):
            raise ValueError("bad word")
        words.append(Word(text, float(start), float(end), char_start, char_end))
    return tuple(words)


def _read_meta(path: Path) -> EntryMeta:
    with path.open("rb") as file:
        header, _ = _split(file.readline())
    voices = header.get("voices")
    names = tuple(str(v) for v in voices) if isinstance(voices, list) else ()
    return EntryMeta(str(header.get("model")), names)
