"""Damage a clip on purpose, to prove that a check catches it (fault injection).

Each function returns new `Audio` at the same sample rate; all are deterministic.
`dither` is the odd one out: it models the float noise of another platform, which a
baseline check must *not* flag.
"""

from __future__ import annotations

import numpy as np

from litetts.audio import Audio
from litetts.errors import InvalidInputError

__all__ = ["add_noise", "dither", "speed_up", "truncate"]


def truncate(audio: Audio, keep: float = 0.7) -> Audio:
    """The first `keep` (0..1) of the clip, as if the end were lost."""
    if not 0 < keep <= 1:
        raise InvalidInputError(f"keep must be in (0, 1], got {keep!r}", field="keep")
    return Audio(audio.samples[: int(len(audio) * keep)], audio.sample_rate)


def add_noise(audio: Audio, snr_db: float = 20.0, seed: int = 0) -> Audio:
    """White noise at `snr_db` below the clip's RMS level."""
    rms = float(np.sqrt(np.mean(audio.samples.astype(np.float64) ** 2)))
    noise = np.random.default_rng(seed).normal(0.0, rms / 10 ** (snr_db / 20), len(audio))
    return Audio((audio.samples + noise).astype(np.float32), audio.sample_rate)


def dither(audio: Audio, level_dbfs: float = -90.0, seed: int = 1) -> Audio:
    """Gaussian noise at `level_dbfs` RMS: numerically different, audibly the same."""
    noise = np.random.default_rng(seed).normal(0.0, 10 ** (level_dbfs / 20), len(audio))
    return Audio((audio.samples + noise).astype(np.float32), audio.sample_rate)


def speed_up(audio: Audio, factor: float = 1.15) -> Audio:
    """Played `factor` times faster, pitch and all (a resampling, like a wrong sample rate)."""
    if not factor > 0:
        raise InvalidInputError(f"factor must be > 0, got {factor!r}", field="factor")
    faster = Audio(audio.samples, max(1, round(audio.sample_rate * factor)))
    return Audio(faster.resample(audio.sample_rate).samples, audio.sample_rate)
