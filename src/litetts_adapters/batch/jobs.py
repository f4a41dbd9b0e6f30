"""What a batch renders: `Job`s read from a CSV, a JSONL file or a folder of ``.txt`` files.

Every problem in the input is reported before any synthesis, as one
`litetts.InvalidInputError` naming the file and the row (CSV and JSONL rows are
counted as line numbers, the header being line 1 of a CSV).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from attrs import asdict, fields, frozen

from litetts.audio import FORMATS
from litetts.captions import CAPTION_FORMATS
from litetts.errors import InvalidInputError
from litetts.kokoro import check_speed

__all__ = ["COLUMNS", "ID_PATTERN", "Defaults", "Job", "check_voices", "read_jobs"]

COLUMNS: Final = ("id", "text", "voice", "format", "speed", "lang")
"""The columns (JSONL keys) a job may have; ``id`` and ``text`` are required."""

_REQUIRED: Final = ("id", "text")

ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
"""An id names its audio file, so it is a safe file name: letters, digits, ``._-``."""


@frozen
class Defaults:
    """What a job without a voice, format or speed of its own gets."""

    voice: str
    format: str = "wav"
    speed: float = 1.0
    captions: str | None = None
    """Caption format written beside every audio file (``srt``, ``vtt``, ``json``), or None."""

    def __attrs_post_init__(self) -> None:
        if self.captions is not None and self.captions not in CAPTION_FORMATS:
            raise InvalidInputError(
                f"unknown caption format {self.captions!r}; choose one of: "
                f"{', '.join(CAPTION_FORMATS)}",
                field="captions",
            )


@frozen
class Job:
    """One item to render into ``<id>.<format>``.

    Attributes:
        row: where it came from, for messages: ``"jobs.csv row 3"``.
    """

    id: str
    text: str
    voice: str
    format: str
    speed: float
    lang: str | None
    row: str
    captions: str | None = None
    """Also write ``<id>.<captions>`` (``srt``, ``vtt`` or ``json``) from the words."""

    @property
    def file_name(self) -> str:
        """The audio file's name inside the output folder."""
        return f"{self.id}.{self.format}"

    @property
    def captions_name(self) -> str | None:
        """The caption file's name inside the output folder, if captions are asked for."""
        return f"{self.id}.{self.captions}" if self.captions else None

    @property
    def request_key(self) -> str:
        """SHA-256 of everything that decides the files: a changed text re-renders."""
        fields = [self.text, self.voice, self.format, repr(self.speed), self.lang or ""]
        if self.captions:  # without: the key of the runs before captions existed
            fields.append(self.captions)
        return hashlib.sha256(json.dumps(fields).encode("utf-8")).hexdigest()

    def to_row(self) -> dict[str, Any]:
        """A plain dict (Ray Data rows, process pools)."""
        return asdict(self)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Job:
        return cls(**{name: row[name] for name in _FIELDS})


_FIELDS: Final = tuple(attribute.name for attribute in fields(Job))


def _job(values: Mapping[str, Any], where: str, defaults: Defaults) -> Job:
    """A checked job from one row's values."""
    unknown = sorted(set(values) - set(COLUMNS))
    if unknown:
        raise InvalidInputError(
            f"{where}: unknown column {unknown[0]!r}; the columns are {', '.join(COLUMNS)}",
            field=unknown[0],
        )
    for name in _REQUIRED:
        value = values.get(name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidInputError(f"{where}: {name!r} is missing or empty", field=name)
    ident = str(values["id"]).strip()
    if not ID_PATTERN.fullmatch(ident):
        raise InvalidInputError(
            f"{where}: id {ident!r} cannot name a file; use up to 128 letters, digits, "
            "'.', '_' or '-', starting with a letter or digit",
            field="id",
        )
    fmt = str(values.get("format") or defaults.format).strip().lower()
    if fmt not in FORMATS:
        raise InvalidInputError(
            f"{where}: unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}",
            field="format",
        )
    speed = _speed(values.get("speed"), defaults.speed, where)
    lang = values.get("lang")
    return Job(
        id=ident,
        text=str(values["text"]),
        voice=str(values.get("voice") or defaults.voice).strip(),
        format=fmt,
        speed=speed,
        lang=str(lang).strip() if lang else None,
        row=where,
        captions=defaults.captions,
    )


def _speed(value: object, default: float, where: str) -> float:
    if value is None or value == "":
        return default
    try:
        speed = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInputError(
            f"{where}: speed {value!r} is not a number", field="speed"
        ) from None
    try:
        check_speed(speed)
    except InvalidInputError as err:
        raise InvalidInputError(f"{where}: {err}", field="speed") from None
    return speed


def _csv_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        missing = [name for name in _REQUIRED if name not in header]
        if missing:
            raise InvalidInputError(
                f"{path.name} row 1: missing column {missing[0]!r} "
                f"(the header has: {', '.join(header) or 'nothing'})",
                field=missing[0],
            )
        reader.fieldnames = header
        for values in reader:
            where = f"{path.name} row {reader.line_num}"
            if None in values:
                raise InvalidInputError(f"{where}: more fields than the header names")
            yield where, {k: v for k, v in values.items() if v is not None}


def _jsonl_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path.name} line {number}"
            try:
                values = json.loads(line)
            except json.JSONDecodeError as err:
                raise InvalidInputError(f"{where}: not JSON ({err.msg})") from None
            if not isinstance(values, dict):
                raise InvalidInputError(f"{where}: expected a JSON object")
            if isinstance(values.get("id"), int):
                values["id"] = str(values["id"])
            yield where, values


def _folder_rows(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(folder.glob("*.txt")):
        yield path.name, {"id": path.stem, "text": path.read_text(encoding="utf-8")}


def _rows(source: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    if source.is_dir():
        return _folder_rows(source)
    suffix = source.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(source)
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl_rows(source)
    raise InvalidInputError(
        f"cannot read jobs from {str(source)!r}: give a .csv, a .jsonl or a folder of .txt files",
        field="input",
    )


def read_jobs(source: Path, defaults: Defaults) -> list[Job]:
    """Every job in `source`, checked; ids are unique.

    Raises:
        InvalidInputError: the file cannot be read, a row is bad (missing column or
            value, unknown format, bad speed, an id that cannot name a file) or an id
            repeats; the message names the row.
    """
    jobs: list[Job] = []
    seen: dict[str, str] = {}
    try:
        for where, values in _rows(source):
            job = _job(values, where, defaults)
            if job.id in seen:
                raise InvalidInputError(
                    f"{where}: duplicate id {job.id!r} (first at {seen[job.id]})", field="id"
                )
            seen[job.id] = where
            jobs.append(job)
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInputError(f"cannot read {str(source)!r}: {err}", field="input") from None
    if not jobs:
        raise InvalidInputError(f"{str(source)!r} holds no jobs", field="input")
    return jobs


def check_voices(jobs: Iterable[Job], resolve: Callable[[str], str]) -> None:
    """Check every job's voice with `resolve` (a `litetts.kokoro.VoiceBank.resolve`).

    Raises:
        InvalidInputError: a voice is unknown; the message names the first row using it.
    """
    checked: set[str] = set()
    for job in jobs:
        if job.voice in checked:
            continue
        try:
            resolve(job.voice)
        except InvalidInputError as err:
            raise InvalidInputError(f"{job.row}: {err}", field="voice") from None
        checked.add(job.voice)
