"""The `Audio` value: mono float32 samples at a sample rate, and their encoders.

Kokoro speaks float32 mono at 24 kHz. `Audio` holds such samples read-only,
encodes them to every format in `FORMATS` in memory or to a file, and offers
the small signal tools used when joining model chunks (`trim_silence`,
`signal_stats`).
"""

from __future__ import annotations

import io
import logging
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Final

import attrs
import numpy as np
import numpy.typing as npt
import soundfile as sf

from litetts.errors import InvalidInputError, MissingDependencyError
from litetts.files import atomic_writer

__all__ = [
    "FORMATS",
    "SAMPLE_RATE",
    "Audio",
    "Samples",
    "SignalStats",
    "signal_stats",
    "trim_silence",
]

logger = logging.getLogger(__name__)

Samples = npt.NDArray[np.float32]
"""One-dimensional float32 mono samples, nominally in [-1, 1]."""

SAMPLE_RATE: Final = 24_000
"""Kokoro's output rate, in Hz."""

FORMATS: Final = ("wav", "flac", "ogg", "opus", "mp3", "pcm", "aac")
"""Names accepted by `Audio.to_bytes` and `Audio.save`."""

_MP3_RATES: Final = (8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000)
_AAC_RATES: Final = (7_350, *_MP3_RATES)
# format -> (libsndfile container, subtype, encodable rates or None for any).
_SOUNDFILE_CODECS: Final[dict[str, tuple[str, str, tuple[int, ...] | None]]] = {
    "wav": ("WAV", "PCM_16", None),
    "flac": ("FLAC", "PCM_16", None),
    "ogg": ("OGG", "VORBIS", None),
    "opus": ("OGG", "OPUS", (8_000, 12_000, 16_000, 24_000, 48_000)),
    "mp3": ("MP3", "MPEG_LAYER_III", _MP3_RATES),
}
_SUFFIXES: Final = {f".{name}": name for name in FORMATS} | {".raw": "pcm"}

_CLIP_LEVEL: Final = 0.999
_SILENT_RMS: Final = 1e-4
_TRIM_WINDOW_SECONDS: Final = 0.005
# Windowed-sinc resampler: zero crossings each side, passband edge, Kaiser beta.
_SINC_ZEROS: Final = 16
_SINC_ROLLOFF: Final = 0.945
_KAISER_BETA: Final = 8.6
_RESAMPLE_BLOCK: Final = 8_192
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


def _validate_rate(_instance: object, _attribute: object, value: object) -> None:
    _check_rate(value)


def _finite(samples: Samples) -> Samples:
    """Return `samples` with NaN and infinities replaced by silence."""
    fixed, replaced = _count_finite(samples)
    _warn_replaced(replaced)
    return fixed


def _count_finite(samples: Samples) -> tuple[Samples, int]:
    """`samples` with NaN and infinities replaced by silence, and how many were."""
    bad = ~np.isfinite(samples)
    if not bad.any():
        return samples, 0
    return np.where(bad, np.float32(0.0), samples), int(bad.sum())


def _warn_replaced(replaced: int) -> None:
    if replaced:
        logger.warning("replaced %d non-finite audio samples with silence", replaced)


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
        return cls._adopt(np.concatenate([part.samples for part in parts]), rates[0])

    @classmethod
    def _adopt(cls, samples: Samples, sample_rate: int = SAMPLE_RATE) -> Audio:
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
            block, bad = _count_finite(self.samples[start : start + _INT16_BLOCK])
            replaced += bad
            scaled = np.clip(block, -1.0, 1.0) * np.float32(32767)
            out[start : start + _INT16_BLOCK] = np.round(scaled)
        _warn_replaced(replaced)
        return out

    def resample(self, sample_rate: int) -> Audio:
        """Return this audio at `sample_rate` through a band-limited Kaiser-windowed sinc filter.

        The filter keeps the band below 94.5 % of the lower Nyquist frequency; the length
        becomes ``ceil(len(self) * sample_rate / self.sample_rate)`` samples.
        """
        rate = _check_rate(sample_rate)
        if rate == self.sample_rate:
            return self
        return Audio(_resample(_finite(self.samples), self.sample_rate, rate), rate)

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
        self._write(buffer, _check_format(format))
        return buffer.getvalue()

    def _write(self, out: BinaryIO, fmt: str) -> None:
        """Encode to `fmt` (already checked) into the seekable binary file `out`."""
        if fmt == "pcm":
            out.write(self.to_int16().astype("<i2").tobytes())
            return
        if fmt == "aac":
            out.write(_encode_aac(self._at_rate(_AAC_RATES)))
            return
        container, subtype, rates = _SOUNDFILE_CODECS[fmt]
        if subtype not in sf.available_subtypes(container):
            raise _missing_codec(fmt, container, subtype)
        audio = self if rates is None else self._at_rate(rates)
        data = (
            audio.to_int16() if subtype == "PCM_16" else np.clip(_finite(audio.samples), -1.0, 1.0)
        )
        sf.write(out, data, audio.sample_rate, format=container, subtype=subtype)

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
        if format is None:
            suffix = target.suffix.lower()
            if suffix not in _SUFFIXES:
                raise InvalidInputError(
                    f"cannot tell the audio format of {str(target)!r} from its suffix {suffix!r}; "
                    f"pass format= or use one of: {', '.join(FORMATS)}",
                    field="format",
                )
            format = _SUFFIXES[suffix]
        fmt = _check_format(format)
        # Straight into the file: a long text's encoded bytes are never held in
        # memory as well (10 minutes of speech is 29 MB of 16-bit WAV).
        with atomic_writer(target) as handle:
            self._write(handle, fmt)
        size = target.stat().st_size
        logger.debug("wrote %s (%s, %d bytes)", target, fmt, size)
        return target

    def _at_rate(self, allowed: tuple[int, ...]) -> Audio:
        """Resample to the lowest allowed rate not below ours (else the highest)."""
        if self.sample_rate in allowed:
            return self
        rate = min((r for r in allowed if r >= self.sample_rate), default=max(allowed))
        logger.debug("resampling %d Hz to %d Hz for the encoder", self.sample_rate, rate)
        return self.resample(rate)


def _check_format(format: str) -> str:
    fmt = format.lower()
    if fmt not in FORMATS:
        raise InvalidInputError(
            f"unknown audio format {format!r}; choose one of: {', '.join(FORMATS)}", field="format"
        )
    return fmt


def _missing_codec(fmt: str, container: str, subtype: str) -> MissingDependencyError:
    return MissingDependencyError(
        f"{fmt} encoding",
        "all",
        "soundfile",
        hint=(
            f"the installed libsndfile {sf.__libsndfile_version__} lacks {container}/{subtype}; "
            "install a soundfile wheel that bundles libsndfile>=1.1 "
            "(pip install --upgrade soundfile) or choose another format"
        ),
    )


def _encode_aac(audio: Audio) -> bytes:
    try:
        import av
    except ImportError as err:
        raise MissingDependencyError("aac encoding", "aac", "av") from err
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="adts") as container:
        stream = container.add_stream("aac", rate=audio.sample_rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(
            audio.to_int16()[np.newaxis, :], format="s16", layout="mono"
        )
        frame.sample_rate = audio.sample_rate
        frames = [frame, None] if len(audio) else [None]  # None flushes the encoder
        for item in frames:
            for packet in stream.encode(item):
                container.mux(packet)
    return buffer.getvalue()


def _resample(samples: Samples, rate_in: int, rate_out: int) -> Samples:
    """Resample with a Kaiser-windowed sinc evaluated at each output instant."""
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


_LIMIT_CEILING: Final = 0.99


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
