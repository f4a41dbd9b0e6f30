"""Small signal tools on float32 samples: non-finite clean-up, edge silence, peaks, stats.

The Synthesizer trims each model chunk's edge silence (`trim_silence`) and bends the
rare overshoot back under full scale (`soft_limit`); the validators measure a clip's
health with `signal_stats`. `litetts.audio` re-exports the public names.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from litetts.audio import Samples

__all__ = [
    "SignalStats",
    "finite",
    "replace_non_finite",
    "signal_stats",
    "soft_limit",
    "trim_silence",
    "warn_replaced",
]

logger = logging.getLogger(__name__)

_CLIP_LEVEL: Final = 0.999
_SILENT_RMS: Final = 1e-4
_TRIM_WINDOW_SECONDS: Final = 0.005
_LIMIT_CEILING: Final = 0.99


def finite(samples: Samples) -> Samples:
    """Return `samples` with NaN and infinities replaced by silence (logged once)."""
    fixed, replaced = replace_non_finite(samples)
    warn_replaced(replaced)
    return fixed


def replace_non_finite(samples: Samples) -> tuple[Samples, int]:
    """`samples` with NaN and infinities replaced by silence, and how many were."""
    bad = ~np.isfinite(samples)
    if not bad.any():
        return samples, 0
    return np.where(bad, np.float32(0.0), samples), int(bad.sum())


def warn_replaced(replaced: int) -> None:
    """Log a warning when `replaced` non-finite samples were silenced."""
    if replaced:
        logger.warning("replaced %d non-finite audio samples with silence", replaced)


def trim_silence(
    samples: Samples, sample_rate: int, *, threshold_db: float = -45.0, keep_seconds: float = 0.02
) -> Samples:
    """Drop leading and trailing quiet, keeping `keep_seconds` of margin on each side.

    Sound starts where the RMS over a 5 ms window reaches `threshold_db` (dB re full
    scale, 1.0), so one stray sample near the threshold does not count; the cut is then
    placed at the first and last samples inside that window that reach the threshold.

    Returns:
        A view of `samples`; empty when nothing reaches the threshold.
    """
    samples = np.asarray(samples, dtype=np.float32)
    level = 10.0 ** (threshold_db / 20.0)
    clean = np.nan_to_num(samples.astype(np.float64), nan=0.0, posinf=1.0, neginf=-1.0)
    width = max(1, round(_TRIM_WINDOW_SECONDS * sample_rate))
    energy = np.concatenate(([0.0], np.cumsum(clean**2)))
    lo = np.clip(np.arange(len(clean)) - width // 2, 0, len(clean))
    hi = np.clip(lo + width, 0, len(clean))
    rms = np.sqrt(np.maximum(energy[hi] - energy[lo], 0.0) / width)
    loud = np.flatnonzero(rms >= level)
    if not len(loud):
        return samples[:0]
    # RMS never exceeds the peak, so each loud window holds a sample at or above `level`.
    first, last = loud[0], loud[-1]
    start = lo[first] + int(np.argmax(np.abs(clean[lo[first] : hi[first]]) >= level))
    end_window = np.abs(clean[lo[last] : hi[last]]) >= level
    end = hi[last] - int(np.argmax(end_window[::-1]))
    keep = round(keep_seconds * sample_rate)
    return samples[max(0, start - keep) : min(len(samples), end + keep)]


def soft_limit(samples: Samples, knee: float = 0.9) -> Samples:
    """Keep peaks inside (-1, 1) without hard clipping.

    Samples within ``[-knee, knee]`` pass unchanged; beyond the knee a tanh curve
    bends them smoothly towards 0.99 (slope 1 at the knee), so none reaches 1.
    Kokoro sometimes overshoots full scale by a few percent on a handful of samples;
    this touches only those.

    Returns:
        A new float32 array (the input is not modified).
    """
    if not 0.0 < knee < _LIMIT_CEILING:
        raise ValueError(f"knee must be between 0 and {_LIMIT_CEILING}")
    out = np.array(samples, dtype=np.float32)
    over = np.abs(out) > knee
    if over.any():
        room = _LIMIT_CEILING - knee
        excess = (np.abs(out[over]) - knee) / room
        out[over] = np.sign(out[over]) * (knee + room * np.tanh(excess))
    return out


@attrs.frozen
class SignalStats:
    """Health figures for a block of samples, all over its finite values."""

    peak: float
    """Largest absolute amplitude."""
    rms: float
    """Root mean square amplitude."""
    dc_offset: float
    """Mean value."""
    clipped_fraction: float
    """Share of all samples at or above 0.999 in magnitude (infinities included)."""
    finite: bool
    """No sample is NaN or infinite."""
    silent: bool
    """The RMS is below 1e-4 (-80 dBFS)."""


def signal_stats(samples: npt.ArrayLike) -> SignalStats:
    """Measure peak, RMS, DC offset and clipping; empty input counts as silent."""
    values = np.asarray(samples, dtype=np.float64).reshape(-1)
    finite_mask = np.isfinite(values)
    finite = values[finite_mask] if finite_mask.any() else np.zeros(1)
    rms = float(np.sqrt(np.mean(finite**2)))
    return SignalStats(
        peak=float(np.max(np.abs(finite))),
        rms=rms,
        dc_offset=float(np.mean(finite)),
        clipped_fraction=np.count_nonzero(np.abs(values) >= _CLIP_LEVEL) / max(1, len(values)),
        finite=bool(finite_mask.all()),
        silent=rms < _SILENT_RMS,
    )
