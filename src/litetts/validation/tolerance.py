"""How far a baseline clip may drift (`Tolerance`), and each language's absolute limits.

`BaselineMetrics.check` flags a clip when it moved further from its baseline entry
than `Tolerance` allows:

============================  =====================================  ============
deviation                     catches                                default
============================  =====================================  ============
``wer`` rise                  wrong, dropped or mumbled words         0.15
``cer`` rise                  garbled words                           0.10
``phonetic_similarity`` drop  mispronunciation                        0.10
``voiced_span`` (abs log)     truncated, sped-up or slowed speech     0.05
``noise_floor`` rise (dB)     added noise, hum, encoder artefacts     2.0
``voice_distance`` (dB)       a different voice or a broken style     1.0
============================  =====================================  ============

The defaults come from ``benchmarks/baseline_tolerance.py``: each is at least three
times the largest deviation seen when nothing changed (a re-run, another thread count,
-90 dBFS dither) and at most half the smallest deviation of the damage it is there to
catch (truncation, noise, speed-up, another voice); WER's is one word in ten at least,
the smallest step it takes on a short phrase. docs/quality.md has the figures.

Each language is also held to absolute `Thresholds` (`thresholds_for_language`):
English at the library defaults, languages Whisper hears less well with looser ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from attrs import field, frozen

from litetts.validation.quality import Thresholds, finite_non_negative

__all__ = ["Tolerance", "thresholds_for_language"]

# Absolute thresholds per language; see docs/quality.md for the measurements behind them.
# English is held to the library defaults. Whisper base hears the other languages Kokoro
# speaks less reliably (and espeak's Japanese and Mandarin G2P is weak), so those get
# looser limits; Japanese and Mandarin are written without spaces, so their "words" are
# whole sentences and only CER and the signal checks mean anything there.
_LANGUAGE_THRESHOLDS: Final[Mapping[str, Thresholds]] = {
    "es": Thresholds(min_accuracy=0.6, max_cer=0.3, min_confidence=0.3),
    "fr-fr": Thresholds(min_accuracy=0.6, max_cer=0.3, min_confidence=0.3),
    "it": Thresholds(min_accuracy=0.6, max_cer=0.3, min_confidence=0.3),
    "pt-br": Thresholds(min_accuracy=0.5, max_cer=0.35, min_confidence=0.3),
    "hi": Thresholds(min_accuracy=0.0, max_cer=1.0, min_phonetic_similarity=0.0, min_confidence=0),
    # A kana is one mora, about 0.1 s: the duration check counts characters here.
    "ja": Thresholds(
        min_accuracy=0.0,
        max_cer=1.0,
        min_phonetic_similarity=0.0,
        min_confidence=0,
        seconds_per_word=(0.05, 1.2),
    ),
    "cmn": Thresholds(min_accuracy=0.0, max_cer=1.0, min_phonetic_similarity=0.0, min_confidence=0),
}


def thresholds_for_language(lang: str) -> Thresholds:
    """The absolute `Thresholds` a clip in `lang` (a `resolve_language` code) must pass."""
    return _LANGUAGE_THRESHOLDS.get(lang, Thresholds())


@frozen
class Tolerance:
    """How far a clip may move from its baseline entry before it counts as degraded."""

    wer: float = field(default=0.15, validator=finite_non_negative)
    """Largest rise in word error rate."""
    cer: float = field(default=0.10, validator=finite_non_negative)
    """Largest rise in character error rate."""
    phonetic_similarity: float = field(default=0.10, validator=finite_non_negative)
    """Largest drop in phonetic similarity."""
    voiced_span: float = field(default=0.05, validator=finite_non_negative)
    """Largest ``|ln(voiced / baseline voiced)|``: 0.05 is about 5% longer or shorter."""
    noise_floor_db: float = field(default=2.0, validator=finite_non_negative)
    """Largest rise of the noise floor, in dB."""
    voice_distance_db: float = field(default=1.0, validator=finite_non_negative)
    """Largest voice-profile distance from the baseline clip, in dB RMS."""
