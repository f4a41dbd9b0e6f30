"""The deviation maths: how far a clip moved from its baseline entry, as `Check`s."""

from __future__ import annotations

import math

from litetts.validation.baseline_records import BaselineEntry
from litetts.validation.fingerprint import voice_distance_db
from litetts.validation.quality import Check
from litetts.validation.tolerance import Tolerance

__all__ = ["deviations"]


def deviations(
    baseline: BaselineEntry, measured: BaselineEntry, tolerance: Tolerance
) -> tuple[Check, ...]:
    """One `Check` per deviation of `measured` from its `baseline` entry, against `tolerance`.

    The voiced span compares as ``|ln(measured / baseline)|`` (infinite when either is
    silent), the noise floor as a rise in dB and the voice as `voice_distance_db`.
    """
    voiced = measured.profile.voiced_s
    base_voiced = baseline.profile.voiced_s
    span = abs(math.log(voiced / base_voiced)) if voiced > 0 and base_voiced > 0 else math.inf
    noise = measured.profile.noise_floor_db - baseline.profile.noise_floor_db
    distance = voice_distance_db(measured.profile, baseline.profile)
    return (
        Check.at_most(
            "wer",
            measured.wer - baseline.wer,
            tolerance.wer,
            f"WER {measured.wer:.3f} vs {baseline.wer:.3f}, rise",
        ),
        Check.at_most(
            "cer",
            measured.cer - baseline.cer,
            tolerance.cer,
            f"CER {measured.cer:.3f} vs {baseline.cer:.3f}, rise",
        ),
        Check.at_most(
            "phonetic_similarity",
            baseline.phonetic_similarity - measured.phonetic_similarity,
            tolerance.phonetic_similarity,
            f"phonetic similarity {measured.phonetic_similarity:.3f} vs "
            f"{baseline.phonetic_similarity:.3f}, drop",
        ),
        Check.at_most(
            "voiced_span",
            span,
            tolerance.voiced_span,
            f"voiced {voiced:.2f} s vs {base_voiced:.2f} s, |ln ratio|",
        ),
        Check.at_most(
            "noise_floor",
            noise,
            tolerance.noise_floor_db,
            f"noise floor {measured.profile.noise_floor_db:.1f} dB vs "
            f"{baseline.profile.noise_floor_db:.1f} dB, rise",
        ),
        Check.at_most(
            "voice_distance", distance, tolerance.voice_distance_db, "voice profile distance (dB)"
        ),
    )
