"""`Tolerance`: how far a clip may drift from its baseline entry.

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

A clip is also held to its language's absolute `Thresholds`
(`litetts.validation.thresholds.thresholds_for_language`).
"""

from __future__ import annotations

from attrs import field, frozen

from litetts.validation.thresholds import finite_non_negative

__all__ = ["Tolerance"]


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
