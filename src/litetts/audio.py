"""The `Audio` value: mono float32 samples at a sample rate.

Kokoro speaks float32 mono at 24 kHz. `Audio` holds such samples read-only and
encodes them to every format in `FORMATS` in memory or to a file
(`litetts.audio_encoding`). The small signal tools used when joining model chunks
(`trim_silence`, `soft_limit`, `signal_stats`, in `litetts.audio_signal`) are
importable from here too.
"""

from __future__ import annotations

import io
import logging
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt
import soundfile as sf

from litetts.audio_encoding import FORMATS, check_format, format_of_path, write_encoded
from litetts.audio_signal import (
    SignalStats,
    finite,
    replace_non_finite,
    signal_stats,
    soft_limit,
    trim_silence,
    warn_replaced,
)
from litetts.errors import InvalidInputError
from litetts.files import atomic_writer
from litetts.resampling import resample_samples
from litetts.words import Word, merge_words, shift_words

__all__ = [
    "FORMATS",
    "SAMPLE_RATE",
    "Audio",
    "Samples",
    "SignalStats",
    "Word",
    "signal_stats",
    "soft_limit",
    "trim_silence",
]

logger = logging.getLogger(__name__)

Samples = npt.NDArray[np.float32]
"""One-dimensional float32 mono samples, nominally in [-1, 1]."""

SAMPLE_RATE: Final = 24_000
"""Kokoro's output rate, in Hz."""

_INT16_BLOCK: Final = 1 << 16


def _to_samples(value: npt.ArrayLike) -> Samples:
    try:
        samples = np.array(value, dtype=np.float32)
    except (TypeError, ValueError) as err:
        raise InvalidInputError(f"audio samples must be numbers: {err}", field="samples") from err
    if samples.ndim != 1:
        raise InvalidInputError(
            f"audio samples must be 1-D mono, got shape {samples.shape}; mix channels down first",
            field="samples",
        )
    samples.flags.writeable = False
    return samples


def _check_rate(value: object, field: str = "sample_rate") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidInputError(
            f"sample rate must be a positive int in Hz, got {value!r}", field=field
        )
    return value


def _to_words(value: Iterable[Word]) -> tuple[Word, ...]:
    return tuple(value)


def _validate_rate(_instance: object, _attribute: object, value: object) -> None:
    _check_rate(value)


@attrs.frozen(eq=False, repr=False)
class Audio:
    """Mono float32 audio; the samples are a read-only copy of what was passed.

    Examples:
        >>> import numpy as np
        >>> second = Audio(np.zeros(24_000, dtype=np.float32))
        >>> second.duration
        1.0
        >>> len(second.to_bytes("pcm"))  # 16-bit samples
        48000
    """

    samples: Samples = attrs.field(converter=_to_samples)
    """1-D float32 samples, nominally in [-1, 1]."""
    sample_rate: int = attrs.field(default=SAMPLE_RATE, validator=_validate_rate)
    """Samples per second, in Hz."""
    words: tuple[Word, ...] = attrs.field(default=(), converter=_to_words)
    """The words spoken, in order, with their times (see `Word`); empty when unknown."""
    offset: float = 0.0
    """Seconds from the start of the stream this piece came from to its first sample;
    word times count from there. 0 for audio that is not a streamed piece."""

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.sample_rate

    def __len__(self) -> int:
        return len(self.samples)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Audio):
            return NotImplemented
        return self.sample_rate == other.sample_rate and np.array_equal(
            self.samples, other.samples, equal_nan=True
        )

    def __hash__(self) -> int:
        # Canonical bytes, so values __eq__ calls equal hash alike (-0.0 == 0.0, NaN == NaN).
        canonical = np.where(
            np.isnan(self.samples), np.float32(np.nan), self.samples + np.float32(0)
        )
        return hash((self.sample_rate, canonical.tobytes()))

    def __repr__(self) -> str:
        return (
            f"Audio(duration={self.duration:.3f}s, sample_rate={self.sample_rate}, "
            f"samples={len(self)})"
        )

    @classmethod
    def silence(cls, seconds: float, sample_rate: int = SAMPLE_RATE) -> Audio:
        """Return `seconds` of digital silence, rounded to whole samples."""
        if not math.isfinite(seconds) or seconds < 0:
            raise InvalidInputError(
                f"silence length must be >= 0 seconds, got {seconds!r}", field="seconds"
            )
        rate = _check_rate(sample_rate)
        return cls(np.zeros(round(seconds * rate), dtype=np.float32), rate)

    @classmethod
    def concatenate(cls, parts: Sequence[Audio]) -> Audio:
        """Join `parts` end to end; an empty sequence gives empty audio at `SAMPLE_RATE`.

        Word times move with their part: a part's words are placed at its position
        in the result (a streamed piece's absolute times stay right when the pieces
        are joined in order).

        Raises:
            InvalidInputError: the parts do not share one sample rate.
        """
        if not parts:
            return cls(np.zeros(0, dtype=np.float32))
        rates = sorted({part.sample_rate for part in parts})
        if len(rates) > 1:
            raise InvalidInputError(
                f"cannot join audio at different sample rates {rates}; resample the parts first",
                field="parts",
            )
        words: list[Word] = []
        position = 0
        for part in parts:
            words.extend(shift_words(part.words, position / rates[0] - part.offset))
            position += len(part)
        joined = np.concatenate([part.samples for part in parts])
        return cls._adopt(joined, rates[0], words=merge_words(words))

    @classmethod
    def _adopt(
        cls,
        samples: Samples,
        sample_rate: int = SAMPLE_RATE,
        *,
        words: tuple[Word, ...] = (),
        offset: float = 0.0,
    ) -> Audio:
        """Audio over `samples` without the defensive copy: for arrays litetts has just
        made and hands over whole (no other reference to them survives the call)."""
        if samples.dtype != np.float32 or samples.ndim != 1:
            raise InvalidInputError(
                f"expected 1-D float32 samples, got {samples.dtype} of shape {samples.shape}",
                field="samples",
            )
        samples.flags.writeable = False
        audio = object.__new__(cls)
        object.__setattr__(audio, "samples", samples)  # frozen: set once, as attrs would
        object.__setattr__(audio, "sample_rate", _check_rate(sample_rate))
        object.__setattr__(audio, "words", tuple(words))
        object.__setattr__(audio, "offset", offset)
        return audio

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Audio:
        """Read any file libsndfile decodes, mixing channels down to mono by their mean.

        Raises:
            InvalidInputError: the file is missing or not audio libsndfile can read.
        """
        try:
            data, rate = sf.read(os.fspath(path), dtype="float32", always_2d=True)
        except (sf.LibsndfileError, OSError) as err:
            raise InvalidInputError(
                f"cannot read audio from {os.fspath(path)!r}: {err}", field="path"
            ) from err
        return cls(data.mean(axis=1, dtype=np.float32), int(rate))

    def to_int16(self) -> npt.NDArray[np.int16]:
        """Return the samples clipped to [-1, 1] and scaled to 16-bit integers by 32767."""
        out = np.empty(len(self.samples), dtype=np.int16)
        # Block by block: whole-array temporaries were up to three float32 copies of the
        # audio at once (about 180 MB for ten minutes of speech) beside the result.
        replaced = 0
        for start in range(0, len(self.samples), _INT16_BLOCK):
            block, bad = replace_non_finite(self.samples[start : start + _INT16_BLOCK])
            replaced += bad
            scaled = np.clip(block, -1.0, 1.0) * np.float32(32767)
            out[start : start + _INT16_BLOCK] = np.round(scaled)
        warn_replaced(replaced)
        return out

    def resample(self, sample_rate: int) -> Audio:
        """Return this audio at `sample_rate` through a band-limited Kaiser-windowed sinc filter.

        The filter keeps the band below 94.5 % of the lower Nyquist frequency; the length
        becomes ``ceil(len(self) * sample_rate / self.sample_rate)`` samples.
        """
        rate = _check_rate(sample_rate)
        if rate == self.sample_rate:
            return self
        samples = resample_samples(finite(self.samples), self.sample_rate, rate)
        return Audio(samples, rate, self.words, self.offset)

    def to_bytes(self, format: str = "wav") -> bytes:
        """Encode to `format` (one of `FORMATS`, any case) in memory.

        ``wav`` and ``flac`` are 16-bit PCM, ``pcm`` is raw signed 16-bit little-endian,
        ``ogg`` is Vorbis, ``opus`` is Ogg Opus, ``aac`` is ADTS. Opus, MP3 and AAC are
        resampled to the nearest rate their encoder accepts when needed. NaN and infinite
        samples are encoded as silence.

        Raises:
            InvalidInputError: `format` is not one of `FORMATS`.
            MissingDependencyError: ``aac`` without PyAV, or a libsndfile built without the codec.
        """
        buffer = io.BytesIO()
        write_encoded(self, buffer, check_format(format))
        return buffer.getvalue()

    def save(self, path: str | os.PathLike[str], format: str | None = None) -> Path:
        """Encode and write to `path` atomically; the format defaults to the path's suffix.

        The bytes go to a hidden temporary file beside `path` that then replaces it, so a
        failed encode or write never leaves a partial file.

        Returns:
            `path` as a `Path`.

        Raises:
            InvalidInputError: no `format` and the suffix names none of `FORMATS`.
        """
        target = Path(path)
        fmt = check_format(format if format is not None else format_of_path(target))
        # Straight into the file: a long text's encoded bytes are never held in
        # memory as well (10 minutes of speech is 29 MB of 16-bit WAV).
        with atomic_writer(target) as handle:
            write_encoded(self, handle, fmt)
        size = target.stat().st_size
        logger.debug("wrote %s (%s, %d bytes)", target, fmt, size)
        return target
