"""One baseline clip's record (`BaselineEntry`) and its comparison with a new clip
(`BaselineCheck`)."""

from __future__ import annotations

from typing import Final

from attrs import frozen

from litetts.validation.fingerprint import SpeechProfile
from litetts.validation.quality import Check, QualityReport

__all__ = ["DIGITS", "BaselineCheck", "BaselineEntry"]

DIGITS: Final = 4
"""Decimals a baseline keeps of each figure in JSON."""


@frozen
class BaselineEntry:
    """One clip of a baseline: a voice saying a phrase, stored in a format."""

    voice: str
    language: str
    phrase: str
    format: str
    heard_text: str
    wer: float
    cer: float
    phonetic_similarity: float
    confidence: float
    passed: bool
    """The clip passed its language's absolute `Thresholds` when it was recorded."""
    profile: SpeechProfile

    @property
    def key(self) -> tuple[str, str, str]:
        """``(voice, phrase, format)``."""
        return (self.voice, self.phrase, self.format)


@frozen
class BaselineCheck:
    """A clip compared with its baseline entry: one `Check` per deviation."""

    voice: str
    phrase: str
    format: str
    checks: tuple[Check, ...]
    report: QualityReport
    """The clip's own quality report (absolute thresholds, for information)."""

    @property
    def degraded(self) -> bool:
        """Some deviation is beyond its tolerance."""
        return any(not check.passed for check in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        """The deviations beyond tolerance."""
        return tuple(check for check in self.checks if not check.passed)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "voice": self.voice,
            "phrase": self.phrase,
            "format": self.format,
            "degraded": self.degraded,
            "heard_text": self.report.heard_text,
            "checks": [
                {
                    "name": check.name,
                    "passed": check.passed,
                    "value": None if check.value is None else round(check.value, DIGITS),
                    "limit": check.limit,
                    "detail": check.detail,
                }
                for check in self.checks
            ],
        }
