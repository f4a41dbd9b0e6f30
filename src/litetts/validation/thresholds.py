"""`Thresholds`: the absolute limits a clip's quality report is checked against.

The defaults suit English spoken by Kokoro at speed 1; `thresholds_for_language`
gives looser ones for the languages Whisper hears less well, and judges Japanese,
Mandarin and Hindi by CER on readings rather than by WER.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

import attrs
from attrs import field, frozen

from litetts.errors import InvalidInputError

__all__ = ["Thresholds", "finite_non_negative", "thresholds_for_language"]

DEFAULT_MIN_ACCURACY: Final = 0.8
DEFAULT_MAX_CER: Final = 0.2
DEFAULT_MIN_PHONETIC_SIMILARITY: Final = 0.8
DEFAULT_MIN_CONFIDENCE: Final = 0.5
DEFAULT_MAX_CLIPPED_FRACTION: Final = 0.001
DEFAULT_MAX_DC_OFFSET: Final = 0.02
DEFAULT_MIN_RMS: Final = 0.005
DEFAULT_MAX_INNER_SILENCE_S: Final = 1.5
DEFAULT_SECONDS_PER_WORD: Final = (0.15, 1.2)


def finite_non_negative(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    """attrs validator: `value` is a finite number >= 0, else `InvalidInputError`."""
    if not (isinstance(value, (int, float)) and math.isfinite(value) and value >= 0):
        raise InvalidInputError(
            f"{attribute.name} must be a finite number >= 0, got {value!r}",
            field=attribute.name,
        )


def _word_rate(
    _instance: object, attribute: attrs.Attribute[tuple[float, float]], value: tuple[float, float]
) -> None:
    if not (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and math.isfinite(v) for v in value)
        and 0 < value[0] <= value[1]
    ):
        raise InvalidInputError(
            f"threshold seconds_per_word must be (low, high) with 0 < low <= high, got {value!r}",
            field=attribute.name,
        )


@frozen
class Thresholds:
    """Limits a `QualityReport` is checked against; the defaults suit Kokoro at speed 1."""

    min_accuracy: float = field(default=DEFAULT_MIN_ACCURACY, validator=finite_non_negative)
    """Lowest ``1 - WER``: catches wrong or mumbled words."""
    max_cer: float = field(default=DEFAULT_MAX_CER, validator=finite_non_negative)
    """Highest character error rate: catches garbled words WER rounds to whole errors."""
    min_phonetic_similarity: float = field(
        default=DEFAULT_MIN_PHONETIC_SIMILARITY, validator=finite_non_negative
    )
    """Lowest phoneme-string similarity: catches mispronunciation beyond spelling variants."""
    min_confidence: float = field(default=DEFAULT_MIN_CONFIDENCE, validator=finite_non_negative)
    """Lowest mean word probability: catches speech the recogniser only guessed at."""
    max_clipped_fraction: float = field(
        default=DEFAULT_MAX_CLIPPED_FRACTION, validator=finite_non_negative
    )
    """Highest share of samples at full scale: catches clipping distortion."""
    max_dc_offset: float = field(default=DEFAULT_MAX_DC_OFFSET, validator=finite_non_negative)
    """Largest absolute mean sample value: catches a biased signal."""
    min_rms: float = field(default=DEFAULT_MIN_RMS, validator=finite_non_negative)
    """Lowest RMS amplitude (about -46 dBFS): catches silent or near-silent output."""
    max_inner_silence_s: float = field(
        default=DEFAULT_MAX_INNER_SILENCE_S, validator=finite_non_negative
    )
    """Longest silence between the first and last sound, in seconds: catches dropouts."""
    seconds_per_word: tuple[float, float] = field(
        default=DEFAULT_SECONDS_PER_WORD, validator=_word_rate
    )
    """Plausible voiced seconds per expected word at speed 1: catches truncated or runaway audio."""


# Absolute thresholds per language; see docs/quality.md for the measurements behind them.
# English is held to the library defaults. Whisper base hears the other languages Kokoro
# speaks less reliably, so those get looser limits. Japanese, Mandarin and Hindi are
# judged by CER on readings (`litetts.validation.readings`: katakana, toneless pinyin, a
# romanised consonant skeleton), not by WER: Japanese has no spaces between words, and
# Hindi's words split differently in Urdu script, which Whisper base often writes.
# Each CER limit sits above the worst clip of the full-voice run with Whisper base and
# below what broken speech scored (espeak-ng's Japanese and Mandarin: 0.4 to 0.75).
_LANGUAGE_THRESHOLDS: Final[Mapping[str, Thresholds]] = {
    "es": Thresholds(min_accuracy=0.6, max_cer=0.3, min_confidence=0.3),
    "fr-fr": Thresholds(min_accuracy=0.6, max_cer=0.3, min_confidence=0.3),
    "it": Thresholds(min_accuracy=0.6, max_cer=0.3, min_confidence=0.3),
    "pt-br": Thresholds(min_accuracy=0.5, max_cer=0.35, min_confidence=0.3),
    # Skeletons are short (10 to 20 letters): one consonant misheard costs 0.05 to 0.1.
    "hi": Thresholds(
        min_accuracy=0.0, max_cer=0.4, min_phonetic_similarity=0.6, min_confidence=0.3
    ),
    # A kana is one mora, about 0.1 s: the duration check counts characters here.
    "ja": Thresholds(
        min_accuracy=0.0,
        max_cer=0.35,
        min_phonetic_similarity=0.7,
        min_confidence=0.4,
        seconds_per_word=(0.05, 1.2),
    ),
    "cmn": Thresholds(
        min_accuracy=0.0, max_cer=0.3, min_phonetic_similarity=0.7, min_confidence=0.4
    ),
}


def thresholds_for_language(lang: str) -> Thresholds:
    """The absolute `Thresholds` a clip in `lang` (a `resolve_language` code) must pass."""
    return _LANGUAGE_THRESHOLDS.get(lang, Thresholds())
