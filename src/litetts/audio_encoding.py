"""The formats `Audio` encodes to, and the encoders behind `Audio.to_bytes` and `save`.

WAV, FLAC, Ogg Vorbis, Ogg Opus and MP3 go through libsndfile (soundfile); AAC (ADTS)
through PyAV, the ``aac`` extra. Raw ``pcm`` is 16-bit little-endian samples.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

import numpy as np
import soundfile as sf

from litetts.audio_signal import finite
from litetts.errors import InvalidInputError, MissingDependencyError

if TYPE_CHECKING:
    from litetts.audio import Audio

__all__ = ["FORMATS", "check_format", "format_of_path", "write_encoded"]

logger = logging.getLogger(__name__)

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


def check_format(format: str) -> str:
    """`format` in lower case, checked to be one of `FORMATS`.

    Raises:
        InvalidInputError: it is not.
    """
    fmt = format.lower()
    if fmt not in FORMATS:
        raise InvalidInputError(
            f"unknown audio format {format!r}; choose one of: {', '.join(FORMATS)}", field="format"
        )
    return fmt


def format_of_path(path: Path) -> str:
    """The format `path`'s suffix names (``.raw`` is ``pcm``).

    Raises:
        InvalidInputError: the suffix names none of `FORMATS`.
    """
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        raise InvalidInputError(
            f"cannot tell the audio format of {str(path)!r} from its suffix {suffix!r}; "
            f"pass format= or use one of: {', '.join(FORMATS)}",
            field="format",
        )
    return _SUFFIXES[suffix]


def write_encoded(audio: Audio, out: BinaryIO, fmt: str) -> None:
    """Encode `audio` to `fmt` (already checked) into the seekable binary file `out`."""
    if fmt == "pcm":
        out.write(audio.to_int16().astype("<i2").tobytes())
        return
    if fmt == "aac":
        out.write(_encode_aac(_at_rate(audio, _AAC_RATES)))
        return
    container, subtype, rates = _SOUNDFILE_CODECS[fmt]
    if subtype not in sf.available_subtypes(container):
        raise _missing_codec(fmt, container, subtype)
    audio = audio if rates is None else _at_rate(audio, rates)
    data = audio.to_int16() if subtype == "PCM_16" else np.clip(finite(audio.samples), -1.0, 1.0)
    sf.write(out, data, audio.sample_rate, format=container, subtype=subtype)


def _at_rate(audio: Audio, allowed: tuple[int, ...]) -> Audio:
    """`audio` resampled to the lowest allowed rate not below its own (else the highest)."""
    if audio.sample_rate in allowed:
        return audio
    rate = min((r for r in allowed if r >= audio.sample_rate), default=max(allowed))
    logger.debug("resampling %d Hz to %d Hz for the encoder", audio.sample_rate, rate)
    return audio.resample(rate)


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
