"""The batch manifest: one JSON line per finished item, the record of what is done.

Only the process that runs the batch writes it, one whole line per item, flushed to disk
*after* the item's audio file was renamed into place (`litetts.files.atomic_write`). A
kill -9 can therefore leave at worst an audio file without its line (rendered again on
resume) or a half-written last line (dropped on resume); `Manifest.open` rewrites the
manifest, atomically, keeping one line per id whose file is present with the recorded
SHA-256 (and its caption file's, if it has one) and was made from the same request.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final

from attrs import asdict, fields, frozen

from litetts.files import TEMPORARY_SUFFIX, atomic_write
from litetts_adapters.batch.jobs import Job

__all__ = ["MANIFEST_NAME", "Manifest", "Record", "file_sha256"]

MANIFEST_NAME: Final = "manifest.jsonl"


@frozen
class Record:
    """One manifest line: a finished item."""

    id: str
    file: str
    format: str
    voice: str
    speed: float
    duration: float
    sample_rate: int
    bytes: int
    sha256: str
    request: str
    """`Job.request_key` of the job it was made from."""
    captions: str | None = None
    """The caption file beside the audio, if the job asked for one."""
    captions_sha256: str | None = None

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        if self.captions is None:  # the lines of a batch without captions stay as they were
            del row["captions"], row["captions_sha256"]
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Record:
        values = {name: row[name] for name in _FIELDS if name not in _OPTIONAL or name in row}
        return cls(**values)


_FIELDS: Final = tuple(attribute.name for attribute in fields(Record))
_OPTIONAL: Final = ("captions", "captions_sha256")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read(path: Path) -> list[Record]:
    """The well-formed records of `path` (a torn last line is skipped), last one per id."""
    records: dict[str, Record] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    for line in lines:
        try:
            record = Record.from_row(json.loads(line))
        except (ValueError, KeyError, TypeError):
            continue
        records[record.id] = record
    return list(records.values())


def _intact(record: Record, folder: Path) -> bool:
    path = folder / record.file
    captions = folder / record.captions if record.captions else None
    return (
        path.is_file()
        and path.stat().st_size == record.bytes
        and (file_sha256(path) == record.sha256)
        and (
            captions is None
            or (captions.is_file() and file_sha256(captions) == record.captions_sha256)
        )
    )


class Manifest:
    """The manifest of one output folder, open for appending finished items.

    Use `Manifest.open`; close it (or use it as a context manager) when done.
    """

    def __init__(self, folder: Path, records: Iterable[Record], handle: IO[str]) -> None:
        self.folder = folder
        self.records: dict[str, Record] = {record.id: record for record in records}
        """Every finished item by id."""
        self._handle = handle

    @classmethod
    def open(cls, folder: Path, jobs: Iterable[Job] = ()) -> Manifest:
        """Open ``folder/manifest.jsonl``, keeping the records still valid.

        A record is kept when its file (and caption file, if any) is present with the
        recorded SHA-256 and, for an id among `jobs`, it was made from the same request.
        Leftover temporary files of a killed run are removed.
        """
        folder.mkdir(parents=True, exist_ok=True)
        for leftover in folder.glob(f".*{TEMPORARY_SUFFIX}"):
            leftover.unlink(missing_ok=True)
        path = folder / MANIFEST_NAME
        wanted = {job.id: job.request_key for job in jobs}
        kept = [
            record
            for record in _read(path)
            if wanted.get(record.id, record.request) == record.request and _intact(record, folder)
        ]
        atomic_write(path, "".join(json.dumps(record.to_row()) + "\n" for record in kept))
        return cls(folder, kept, path.open("a", encoding="utf-8"))

    def done(self, job: Job) -> bool:
        """Whether `job` is finished (checked when the manifest was opened)."""
        record = self.records.get(job.id)
        return record is not None and record.request == job.request_key

    def add(self, record: Record) -> None:
        """Append `record` as one line and flush it to disk."""
        self._handle.write(json.dumps(record.to_row()) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self.records[record.id] = record

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
