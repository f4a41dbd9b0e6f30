"""A clip's acoustic fingerprint: what a baseline compares besides the words.

Whisper hears words through noise, speed changes and a different speaker, so a
baseline also keeps three signal figures of each clip (`SpeechProfile`):

- the *voice profile*: the long-term average spectrum of the loud frames (within
  35 dB of the loudest) in 40 mel bands from 60 Hz to 8 kHz, in dB, with its mean
  removed so that loudness does not count; bands more than 60 dB below the
  strongest are raised to that floor, so empty bands compare equal. Two voices
  differ by 2.5 dB RMS or more on the same phrase; a re-run of the same voice by
  0.02 dB (measured, see docs/quality.md). Bands stop at 8 kHz, below where MP3 and Opus cut.
- the *noise floor*: the 10th percentile of 20 ms frame levels minus the 95th
  percentile, in dB, so it is relative to the speech level. Added noise raises it.
- the *voiced span* in seconds (`litetts.validation.signal_checks`): truncated or
  sped-up speech shortens it; it ignores padding codecs add at the edges.
"""

from __future__ import annotations

from functools import cache
from typing import Final

import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from litetts.audio import Audio
from litetts.validation.signal_checks import measure_signal

__all__ = ["PROFILE_BANDS", "SpeechProfile", "speech_profile", "voice_distance_db"]

PROFILE_BANDS: Final = 40
"""Mel bands of the voice profile."""

_FFT: Final = 512
_LOW_HZ: Final = 60.0
_HIGH_HZ: Final = 8000.0
_LOUD_RANGE_DB: Final = 35.0
_BAND_RANGE_DB: Final = 60.0
_FLOOR_FRAME_S: Final = 0.02
_TINY: Final = 1e-12


def _as_floats(values: object) -> tuple[float, ...]:
    return tuple(float(v) for v in values)  # type: ignore[attr-defined]


@frozen
class SpeechProfile:
    """The signal figures a baseline keeps for one clip."""

    voice_profile_db: tuple[float, ...] = field(converter=_as_floats)
    """Mean-removed long-term spectrum, one value per mel band, in dB."""
    noise_floor_db: float
    """Quiet frames' level relative to the loud ones, in dB (higher is noisier)."""
    voiced_s: float
    """Seconds from the first to the last sound."""


@cache
def _mel_filters(sample_rate: int) -> npt.NDArray[np.float64]:
    def mel(hz: npt.NDArray[np.float64] | float) -> npt.NDArray[np.float64]:
        return np.asarray(2595.0 * np.log10(1.0 + np.asarray(hz) / 700.0))

    high = min(_HIGH_HZ, sample_rate / 2)
    edges = 700.0 * (10.0 ** (np.linspace(mel(_LOW_HZ), mel(high), PROFILE_BANDS + 2) / 2595.0) - 1)
    bins = np.fft.rfftfreq(_FFT, 1.0 / sample_rate)
    filters = np.zeros((PROFILE_BANDS, len(bins)))
    for band in range(PROFILE_BANDS):
        low, centre, top = edges[band : band + 3]
        rising = (bins - low) / (centre - low)
        falling = (top - bins) / (top - centre)
        filters[band] = np.clip(np.minimum(rising, falling), 0.0, None)
    return filters


def _frames(samples: npt.NDArray[np.float64], width: int, hop: int) -> npt.NDArray[np.float64]:
    if len(samples) < width:
        samples = np.pad(samples, (0, width - len(samples)))
    view: npt.NDArray[np.float64] = np.lib.stride_tricks.sliding_window_view(samples, width)[::hop]
    return view


def speech_profile(audio: Audio) -> SpeechProfile:
    """Measure `audio`'s voice profile, noise floor and voiced span.

    Non-finite samples count as silence. A silent clip has a flat profile.
    """
    samples = np.nan_to_num(np.asarray(audio.samples, dtype=np.float64), posinf=0.0, neginf=0.0)
    spectra = np.abs(np.fft.rfft(_frames(samples, _FFT, _FFT // 2) * np.hanning(_FFT), axis=1))
    power = spectra**2
    energy_db = 10.0 * np.log10(power.sum(axis=1) + _TINY)
    loud = energy_db > energy_db.max() - _LOUD_RANGE_DB
    bands_db = 10.0 * np.log10(power[loud] @ _mel_filters(audio.sample_rate).T + _TINY).mean(axis=0)
    # Bands with next to nothing in them would compare rounding noise: floor them.
    bands_db = np.maximum(bands_db, bands_db.max() - _BAND_RANGE_DB)
    width = max(1, round(_FLOOR_FRAME_S * audio.sample_rate))
    levels = 10.0 * np.log10((_frames(samples, width, width) ** 2).mean(axis=1) + _TINY)
    floor = float(np.percentile(levels, 10) - np.percentile(levels, 95))
    return SpeechProfile(
        voice_profile_db=bands_db - bands_db.mean(),
        noise_floor_db=floor,
        voiced_s=measure_signal(audio).voiced_s,
    )


def voice_distance_db(a: SpeechProfile, b: SpeechProfile) -> float:
    """RMS difference of two voice profiles, in dB (0 for the same voice and phrase)."""
    left = np.asarray(a.voice_profile_db)
    right = np.asarray(b.voice_profile_db)
    if left.shape != right.shape:
        return float("inf")
    return float(np.sqrt(np.mean((left - right) ** 2)))
