"""Spectral distance between two renderings of the same tokens."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from litetts.kokoro.variants import spectral_distance


def _tone(freq: float, seconds: float = 0.5) -> np.ndarray:
    t = np.arange(int(24_000 * seconds)) / 24_000
    return (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_identical_audio_is_at_distance_zero() -> None:
    tone = _tone(220)

    result = spectral_distance(tone, tone)

    assert (1.0, 0.0, 1.0) == (round(result.correlation, 6), result.log_spectral_distance_db, 1.0)


def test_a_different_sound_is_far() -> None:
    rng = np.random.default_rng(0)
    noise = rng.normal(0, 0.3, 12_000).astype(np.float32)

    result = spectral_distance(noise, _tone(220))

    assert result.correlation < 0.5
    assert result.log_spectral_distance_db > 10


def test_a_slight_change_stays_close() -> None:
    tone = _tone(220)
    rng = np.random.default_rng(1)

    result = spectral_distance(tone + rng.normal(0, 1e-3, tone.size).astype(np.float32), tone)

    assert result.correlation > 0.9


def test_length_ratio_compares_sample_counts() -> None:
    assert 0.5 == spectral_distance(_tone(220, 0.25), _tone(220, 0.5)).length_ratio


def test_empty_against_empty_is_the_same() -> None:
    empty = np.zeros(0, dtype=np.float32)

    assert 1.0 == spectral_distance(empty, empty).correlation


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=1, max_value=5000))
def test_any_lengths_give_a_finite_distance(a: int, b: int) -> None:
    rng = np.random.default_rng(a * 7919 + b)
    result = spectral_distance(
        rng.normal(0, 0.1, a).astype(np.float32), rng.normal(0, 0.1, b).astype(np.float32)
    )

    assert np.isfinite(result.log_spectral_distance_db)
    assert -1.0 <= result.correlation <= 1.0
