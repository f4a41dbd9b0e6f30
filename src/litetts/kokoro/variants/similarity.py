"""How close two renderings of the same tokens are: log-spectrogram distance."""

from __future__ import annotations

import numpy as np
from attrs import frozen

from litetts.audio import Samples

__all__ = ["SpectralDistance", "spectral_distance"]

_FRAME = 1024
_HOP = 256
_DYNAMIC_RANGE_DB = 60.0
"""Power more than this far below the reference's peak counts as silence: otherwise
the distance is dominated by how two near-silent stretches differ, which no one hears."""


@frozen
class SpectralDistance:
    """Log-power spectrogram comparison of a candidate against a reference.

    Attributes:
        correlation: Pearson correlation of the two log spectrograms (1.0 = same).
        log_spectral_distance_db: mean over frames of the RMS difference in dB.
        length_ratio: candidate samples / reference samples.
    """

    correlation: float
    log_spectral_distance_db: float
    length_ratio: float


def _power_spectrogram(samples: Samples) -> np.ndarray:
    padded = np.pad(samples.astype(np.float64), (0, max(0, _FRAME - samples.size)))
    frames = np.lib.stride_tricks.sliding_window_view(padded, _FRAME)[::_HOP]
    return np.asarray(np.abs(np.fft.rfft(frames * np.hanning(_FRAME), axis=1)) ** 2)


def _decibels(power: np.ndarray, floor: float) -> np.ndarray:
    return np.asarray(10.0 * np.log10(np.maximum(power, floor)))


def spectral_distance(candidate: Samples, reference: Samples) -> SpectralDistance:
    """Compare `candidate` with `reference` over their common length (24 kHz mono).

    Both log-power spectrograms (1024-sample Hann frames, hop 256) are floored 60 dB
    below the reference's peak before they are compared.
    """
    if reference.size == 0 or candidate.size == 0:
        same = candidate.size == reference.size
        return SpectralDistance(1.0 if same else 0.0, 0.0 if same else float("inf"), 1.0)
    common = min(candidate.size, reference.size)
    reference_power = _power_spectrogram(reference[:common])
    floor = max(float(reference_power.max()), 1e-20) * 10 ** (-_DYNAMIC_RANGE_DB / 10)
    a = _decibels(_power_spectrogram(candidate[:common]), floor)
    b = _decibels(reference_power, floor)
    if np.std(a) == 0 or np.std(b) == 0:
        correlation = 1.0 if np.array_equal(a, b) else 0.0
    else:
        correlation = float(np.corrcoef(a.ravel(), b.ravel())[0, 1])
    distance = float(np.mean(np.sqrt(np.mean((a - b) ** 2, axis=1))))
    return SpectralDistance(correlation, distance, candidate.size / reference.size)
