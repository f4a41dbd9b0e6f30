"""`Baseline`: a set of baseline clips and what produced them, saved as JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs
from attrs import field, frozen

from litetts.errors import InvalidInputError
from litetts.files import atomic_write
from litetts.validation.baseline_records import DIGITS, BaselineEntry
from litetts.validation.baseline_summary import VoiceSummary, summarize, summary_markdown
from litetts.validation.fingerprint import SpeechProfile
from litetts.validation.tolerance import Tolerance

__all__ = ["BASELINE_FORMAT_VERSION", "Baseline"]

BASELINE_FORMAT_VERSION: Final = 1


def _round_floats(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, dict):
        return {key: _round_floats(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_round_floats(item) for item in value]
    return value


@frozen
class Baseline:
    """A set of `BaselineEntry`, with what produced them; saved as JSON."""

    entries: tuple[BaselineEntry, ...]
    litetts_version: str
    model_sha256: str | None
    whisper_model: str
    phrases_version: int
    created: str
    tolerance: Tolerance = field(factory=Tolerance)
    model_variant: str | None = None
    """The prepared form of the model that spoke (``int8-static``, ``original``...)."""

    def entry(self, voice: str, phrase: str, format: str = "wav") -> BaselineEntry | None:
        """The entry for `voice` saying `phrase` in `format`, or None."""
        for entry in self.entries:
            if entry.key == (voice, phrase, format):
                return entry
        return None

    @property
    def voices(self) -> tuple[str, ...]:
        """The voices in the baseline, in recording order."""
        return tuple(dict.fromkeys(entry.voice for entry in self.entries))

    @property
    def formats(self) -> tuple[str, ...]:
        """The formats in the baseline."""
        return tuple(dict.fromkeys(entry.format for entry in self.entries))

    def summary(self) -> list[VoiceSummary]:
        """Per-voice means, in recording order."""
        return summarize(self.entries)

    def summary_markdown(self) -> str:
        """`summary` as a Markdown table, with the language means below it."""
        return summary_markdown(self.entries)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict, floats rounded to 4 decimals."""
        raw = attrs.asdict(self, recurse=True)
        raw["format_version"] = BASELINE_FORMAT_VERSION
        return dict(_round_floats(raw))

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the baseline as JSON, atomically (a crash never leaves half a file)."""
        text = json.dumps(self.to_dict(), indent=1, ensure_ascii=False, allow_nan=False)
        target = atomic_write(path, text + "\n")
        return target

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        """Read a baseline JSON file.

        Raises:
            InvalidInputError: the file is missing, not JSON, or not a litetts baseline.
        """
        source = Path(path)
        try:
            raw = json.loads(source.read_text(encoding="utf-8"))
        except OSError as err:
            raise InvalidInputError(
                f"cannot read baseline {source}: {err.strerror or err}; create one with "
                "`litetts baseline create`",
                field="baseline",
            ) from err
        except ValueError as err:
            raise InvalidInputError(
                f"baseline {source} is not JSON: {err}", field="baseline"
            ) from err
        try:
            return cls.from_dict(raw)
        except (KeyError, TypeError, ValueError) as err:
            raise InvalidInputError(
                f"baseline {source} is not a litetts baseline: {err!r}", field="baseline"
            ) from err

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Baseline:
        """The inverse of `to_dict`."""
        version = raw.get("format_version")
        if version != BASELINE_FORMAT_VERSION:
            raise ValueError(f"format_version {version!r}, expected {BASELINE_FORMAT_VERSION}")
        entries = tuple(
            BaselineEntry(**{**item, "profile": SpeechProfile(**item["profile"])})
            for item in raw["entries"]
        )
        return cls(
            entries=entries,
            litetts_version=str(raw["litetts_version"]),
            model_sha256=raw["model_sha256"],
            whisper_model=str(raw["whisper_model"]),
            phrases_version=int(raw["phrases_version"]),
            created=str(raw["created"]),
            tolerance=Tolerance(**raw["tolerance"]),
            model_variant=raw.get("model_variant"),
        )
