"""Signal measurements that catch broken audio a speech recogniser might hide.

`measure_signal` reads raw samples, before any resampling or clean-up, and returns a
`SignalMeasurements`: the share of non-finite samples, RMS, DC offset and clipping
(through `litetts.audio.signal_stats`), plus two figures from 20 ms frames:

- the *voiced span*: from the first to the last frame whose RMS reaches -50 dBFS, so
  leading and trailing silence do not count towards the speaking time;
- the *longest inner silence*: the longest run of frames under -50 dBFS strictly inside
  the voiced span (a pause or a dropout in the middle of speech).

`signal_checks` turns them into pass/fail `Check`s; `litetts.validation.quality`
documents each check and adds the transcript ones.
"""

from __future__ import annotations

from typing import Final

import attrs
import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from litetts.audio import Audio, signal_stats

__all__ = [
    "FRAME_SECONDS",
    "SILENCE_DBFS",
    "Check",
    "SignalMeasurements",
    "measure_signal",
    "signal_checks",
]

FRAME_SECONDS: Final = 0.02
"""Frame length for the silence measurements, in seconds."""

SILENCE_DBFS: Final = -50.0
"""A frame whose RMS is below this level (dB re full scale 1.0) counts as silent."""


@frozen
class Check:
    """One measurement against its limit."""

    name: str
    passed: bool = field(converter=bool)
    value: float | None = field(converter=attrs.converters.optional(float))
    """The measurement; None when it could not be taken."""
    limit: str
    """The threshold as text, e.g. ``">= 0.8"``."""
    detail: str
    """What was measured and, on failure, why it failed."""

    @classmethod
    def at_least(cls, name: str, value: float, limit: float, what: str) -> Check:
        """Passes when `value` >= `limit`; `what` names the measurement in the detail."""
        passed = value >= limit
        detail = f"{what} {value:.3f}" + ("" if passed else f" is below the minimum {limit:g}")
        return cls(name, passed, value, f">= {limit:g}", detail)

    @classmethod
    def at_most(cls, name: str, value: float, limit: float, what: str) -> Check:
        """Passes when `value` <= `limit`; `what` names the measurement in the detail."""
        passed = value <= limit
        detail = f"{what} {value:.4g}" + ("" if passed else f" is above the maximum {limit:g}")
        return cls(name, passed, value, f"<= {limit:g}", detail)


@frozen
class SignalMeasurements:
    """Health figures for one clip; level figures cover its finite samples only."""

    duration_s: float
    """Length of the whole clip, in seconds."""
    non_finite_fraction: float
    """Share of samples that are NaN or infinite."""
    rms: float
    """Root mean square amplitude."""
    dc_offset: float
    """Mean sample value."""
    clipped_fraction: float
    """Share of samples at or above 0.999 in magnitude."""
    voiced_s: float
    """Seconds from the first to the last frame at or above `SILENCE_DBFS`; 0 if none."""
    longest_inner_silence_s: float
    """Longest run of silent frames inside the voiced span, in seconds."""


def _frame_rms(samples: npt.NDArray[np.float64], width: int) -> npt.NDArray[np.float64]:
    """RMS of consecutive `width`-sample frames; a short last frame is averaged over its length."""
    count = -(-len(samples) // width)
    padded = np.zeros(count * width)
    padded[: len(samples)] = samples**2
    lengths = np.full(count, float(width))
    if count and len(samples) % width:
        lengths[-1] = len(samples) % width
    rms: npt.NDArray[np.float64] = np.sqrt(padded.reshape(count, width).sum(axis=1) / lengths)
    return rms


def _longest_run(flags: npt.NDArray[np.bool_]) -> int:
    """Length of the longest run of True in `flags`."""
    if not flags.any():
        return 0
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    return int((ends - starts).max())


def measure_signal(audio: Audio) -> SignalMeasurements:
    """Measure `audio` as it is, NaN and clipping included."""
    stats = signal_stats(audio.samples)
    values = np.asarray(audio.samples, dtype=np.float64)
    non_finite = np.count_nonzero(~np.isfinite(values)) / max(1, len(values))
    clean = np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0)
    width = max(1, round(FRAME_SECONDS * audio.sample_rate))
    loud = _frame_rms(clean, width) >= 10.0 ** (SILENCE_DBFS / 20.0)
    voiced = np.flatnonzero(loud)
    if len(voiced):
        first, last = int(voiced[0]), int(voiced[-1])
        inner = _longest_run(~loud[first : last + 1])
        voiced_s = min(len(values), (last + 1) * width) - first * width
    else:
        inner, voiced_s = 0, 0
    return SignalMeasurements(
        duration_s=audio.duration,
        non_finite_fraction=float(non_finite),
        rms=float(stats.rms),
        dc_offset=float(stats.dc_offset),
        clipped_fraction=float(stats.clipped_fraction),
        voiced_s=voiced_s / audio.sample_rate,
        longest_inner_silence_s=inner * width / audio.sample_rate,
    )


def signal_checks(
    measured: SignalMeasurements,
    *,
    words: int,
    speed: float,
    min_rms: float,
    max_clipped_fraction: float,
    max_dc_offset: float,
    max_inner_silence_s: float,
    seconds_per_word: tuple[float, float],
) -> tuple[Check, ...]:
    """The checks ``finite``, ``silence``, ``clipping``, ``dc_offset``, ``inner_silence``
    and ``duration`` of `measured` audio meant to say `words` words (> 0) at `speed`."""
    finite = measured.non_finite_fraction == 0
    low, high = seconds_per_word
    rate = measured.voiced_s * speed / words
    duration_ok = low <= rate <= high
    centred = abs(measured.dc_offset) <= max_dc_offset
    return (
        Check(
            "finite",
            finite,
            measured.non_finite_fraction,
            "== 0",
            "every sample is finite"
            if finite
            else f"{measured.non_finite_fraction:.2%} of samples are NaN or infinite",
        ),
        Check.at_least("silence", measured.rms, min_rms, "RMS level"),
        Check.at_most("clipping", measured.clipped_fraction, max_clipped_fraction, "clipped share"),
        Check(
            "dc_offset",
            centred,
            measured.dc_offset,
            f"within ±{max_dc_offset:g}",
            f"mean sample {measured.dc_offset:+.4f}" + ("" if centred else " is off centre"),
        ),
        Check.at_most(
            "inner_silence",
            measured.longest_inner_silence_s,
            max_inner_silence_s,
            f"longest silence under {SILENCE_DBFS:g} dBFS inside speech (s)",
        ),
        Check(
            "duration",
            duration_ok,
            rate,
            f"{low:g}..{high:g} s/word",
            f"{measured.voiced_s:.2f} s voiced for {words} words at speed {speed:g} "
            f"= {rate:.3f} s/word"
            + ("" if duration_ok else (" (too short)" if rate < low else " (too long)")),
        ),
    )
