"""How close two renderings of the same tokens are: log-spectrogram distance."""

from __future__ import annotations

import numpy as np
from attrs import frozen

from litetts.audio import Samples

__all__ = ["SpectralDistance", "spectral_distance"]

_FRAME = 1024
_HOP = 256
_FLOOR = 1e-8


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


def _log_spectrogram(samples: Samples) -> np.ndarray:
    padded = np.pad(samples.astype(np.float64), (0, max(0, _FRAME - samples.size)))
    frames = np.lib.stride_tricks.sliding_window_view(padded, _FRAME)[::_HOP]
    power = np.abs(np.fft.rfft(frames * np.hanning(_FRAME), axis=1)) ** 2
    return np.asarray(10.0 * np.log10(power + _FLOOR))


def spectral_distance(candidate: Samples, reference: Samples) -> SpectralDistance:
    """Compare `candidate` with `reference` over their common length (24 kHz mono)."""
    if reference.size == 0 or candidate.size == 0:
        same = candidate.size == reference.size
        return SpectralDistance(1.0 if same else 0.0, 0.0 if same else float("inf"), 1.0)
    common = min(candidate.size, reference.size)
    a = _log_spectrogram(candidate[:common])
    b = _log_spectrogram(reference[:common])
    if np.std(a) == 0 or np.std(b) == 0:
        correlation = 1.0 if np.array_equal(a, b) else 0.0
    else:
        correlation = float(np.corrcoef(a.ravel(), b.ravel())[0, 1])
    distance = float(np.mean(np.sqrt(np.mean((a - b) ** 2, axis=1))))
    return SpectralDistance(correlation, distance, candidate.size / reference.size)
