"""The acoustic fingerprint a baseline keeps: voice profile, noise floor, voiced span."""

from __future__ import annotations

import math

import numpy as np
import pytest

from litetts.audio import SAMPLE_RATE, Audio
from litetts.validation.fingerprint import (
    PROFILE_BANDS,
    SpeechProfile,
    speech_profile,
    voice_distance_db,
)


def voiced(seconds: float, harmonics: tuple[float, ...] = (1.0, 0.5, 0.25)) -> np.ndarray:
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    wave = sum(w * np.sin(2 * np.pi * 150 * (k + 1) * t) for k, w in enumerate(harmonics))
    gaps = np.clip(np.sin(2 * np.pi * 3 * t), 0.01, None)
    return (0.2 * gaps * wave).astype(np.float32)


def test_loudness_does_not_change_the_voice_profile() -> None:
    samples = voiced(1.0)

    loud = speech_profile(Audio(samples))
    quiet = speech_profile(Audio(samples * 0.1))

    assert len(loud.voice_profile_db) == PROFILE_BANDS
    assert voice_distance_db(loud, quiet) < 0.05
    assert quiet.noise_floor_db == pytest.approx(loud.noise_floor_db, abs=0.1)


def test_a_different_timbre_is_far_away() -> None:
    one = speech_profile(Audio(voiced(1.0)))
    other = speech_profile(Audio(voiced(1.0, (0.2, 1.0, 0.8))))

    assert voice_distance_db(one, other) > 2.0


def test_noise_raises_the_floor() -> None:
    samples = voiced(1.0)
    noise = np.random.default_rng(0).normal(0, 0.02, len(samples)).astype(np.float32)

    clean = speech_profile(Audio(samples))
    noisy = speech_profile(Audio(samples + noise))

    assert noisy.noise_floor_db > clean.noise_floor_db + 10


def test_the_voiced_span_ignores_edge_silence() -> None:
    pad = np.zeros(SAMPLE_RATE // 2, dtype=np.float32)

    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    tone = (0.2 * np.sin(2 * np.pi * 150 * t)).astype(np.float32)

    profile = speech_profile(Audio(np.concatenate([pad, tone, pad])))

    assert profile.voiced_s == pytest.approx(1.0, abs=0.03)


@pytest.mark.parametrize("samples", [np.zeros(24_000), np.array([np.nan] * 100), np.zeros(3)])
def test_silent_or_broken_clips_still_measure(samples: np.ndarray) -> None:
    profile = speech_profile(Audio(samples.astype(np.float32)))

    assert all(math.isfinite(v) for v in profile.voice_profile_db)
    assert profile.voiced_s == 0


def test_profiles_of_different_shapes_are_infinitely_far() -> None:
    a = SpeechProfile((0.0, 1.0), -40.0, 1.0)
    b = SpeechProfile((0.0,), -40.0, 1.0)

    assert voice_distance_db(a, b) == math.inf
