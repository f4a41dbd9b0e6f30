"""Band-limited resampling of float32 samples with a Kaiser-windowed sinc filter."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

import numpy as np

if TYPE_CHECKING:
    from litetts.audio import Samples

__all__ = ["resample_samples"]

# Windowed-sinc resampler: zero crossings each side, passband edge, Kaiser beta.
_SINC_ZEROS: Final = 16
_SINC_ROLLOFF: Final = 0.945
_KAISER_BETA: Final = 8.6
_RESAMPLE_BLOCK: Final = 8_192


def resample_samples(samples: Samples, rate_in: int, rate_out: int) -> Samples:
    """`samples` at `rate_out` Hz, through a Kaiser-windowed sinc evaluated at each output
    instant; ``ceil(len(samples) * rate_out / rate_in)`` samples long. The samples must
    be finite."""
    common = math.gcd(rate_in, rate_out)
    up, down = rate_out // common, rate_in // common
    count = -(-len(samples) * up // down)
    cutoff = _SINC_ROLLOFF * min(1.0, up / down)  # as a fraction of the input Nyquist
    half = math.ceil(_SINC_ZEROS / cutoff)  # kernel half-width in input samples
    padded = np.pad(samples.astype(np.float64), (half, half + 1))
    offsets = np.arange(-half + 1, half + 1)
    out = np.empty(count, dtype=np.float32)
    for start in range(0, count, _RESAMPLE_BLOCK):
        position = np.arange(start, min(start + _RESAMPLE_BLOCK, count), dtype=np.int64) * down
        base, phase = np.divmod(position, up)
        # Few distinct phases repeat (two for 24 -> 48 kHz): build each kernel once.
        phases, which = np.unique(phase, return_inverse=True)
        distance = (phases / up)[:, np.newaxis] - offsets  # output instant minus input index
        window = np.i0(_KAISER_BETA * np.sqrt(np.clip(1.0 - (distance / half) ** 2, 0.0, 1.0)))
        kernels = np.sinc(cutoff * distance) * window
        kernels /= kernels.sum(axis=1, keepdims=True)
        taps = padded[base[:, np.newaxis] + offsets + half]
        out[start : start + len(base)] = np.einsum("ij,ij->i", taps, kernels[which])
    return out
