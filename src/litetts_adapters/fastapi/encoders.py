"""Incremental audio encoders: each chunk of samples becomes bytes a client can play now.

`pcm` and `wav` are written by hand (a WAV header whose sizes are 0xFFFFFFFF, as
streaming players expect, then raw samples); `mp3`, `opus`, `aac` and `flac` go through
PyAV muxing into a write-only sink, so every packet leaves as soon as the codec emits
it. Without PyAV those four fall back to encoding the whole audio at the end with
`litetts.Audio.to_bytes` (correct, but no longer streamed).
"""

from __future__ import annotations

import base64
import json
import struct
from typing import Any, Final, Protocol

import numpy as np

from litetts.audio import SAMPLE_RATE, Audio, Samples

__all__ = [
    "MEDIA_TYPES",
    "SSE_MEDIA_TYPE",
    "STREAM_FORMATS",
    "SseEncoder",
    "StreamEncoder",
    "stream_encoder",
]

STREAM_FORMATS: Final = ("mp3", "opus", "aac", "flac", "wav", "pcm")
"""The ``response_format`` values of OpenAI's speech endpoint."""

MEDIA_TYPES: Final = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}

# format -> (PyAV container, codec, container options)
_AV_CODECS: Final[dict[str, tuple[str, str, dict[str, str]]]] = {
    "mp3": ("mp3", "libmp3lame", {}),
    # Ogg holds packets for a second by default; 20 ms pages let each chunk out at once.
    "opus": ("ogg", "libopus", {"page_duration": "20000"}),
    "aac": ("adts", "aac", {}),
    "flac": ("flac", "flac", {}),
}
_UNKNOWN_SIZE: Final = 0xFFFFFFFF

SSE_MEDIA_TYPE: Final = "text/event-stream"


class StreamEncoder(Protocol):
    """Turns float32 mono chunks at `SAMPLE_RATE` into the bytes of one audio stream."""

    def encode(self, samples: Samples) -> bytes:
        """Bytes ready to send after this chunk (possibly empty)."""

    def finish(self) -> bytes:
        """The stream's last bytes; call once, after the last chunk."""

    def close(self) -> None:
        """Release the encoder (after `finish`, or instead of it when a stream stops)."""


def _int16(samples: Samples) -> bytes:
    return Audio(samples).to_int16().astype("<i2").tobytes()


class PcmEncoder:
    """Raw signed 16-bit little-endian samples at 24 kHz, as OpenAI's ``pcm``."""

    def encode(self, samples: Samples) -> bytes:
        return _int16(samples)

    def finish(self) -> bytes:
        return b""

    def close(self) -> None:
        """Nothing to release."""


def wav_stream_header(sample_rate: int = SAMPLE_RATE) -> bytes:
    """A 16-bit mono WAV header whose RIFF and data sizes say "unknown" (0xFFFFFFFF)."""
    return (
        b"RIFF"
        + struct.pack("<I", _UNKNOWN_SIZE)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, sample_rate, sample_rate * 2, 2, 16)
        + b"data"
        + struct.pack("<I", _UNKNOWN_SIZE)
    )


class WavEncoder:
    """A WAV header with streaming sizes, then 16-bit samples."""

    def __init__(self) -> None:
        self._started = False

    def encode(self, samples: Samples) -> bytes:
        head = b"" if self._started else wav_stream_header()
        self._started = True
        return head + _int16(samples)

    def finish(self) -> bytes:
        return b"" if self._started else wav_stream_header()

    def close(self) -> None:
        """Nothing to release."""


class _Sink:
    """A write-only file for PyAV: not seekable, so muxers never rewrite a header."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


class AvEncoder:
    """mp3, opus (Ogg), aac (ADTS) or flac through PyAV, packet by packet."""

    def __init__(self, format: str) -> None:
        import av

        container_format, codec, options = _AV_CODECS[format]
        self._av: Any = av
        self._sink = _Sink()
        self._container: Any = av.open(
            self._sink, mode="w", format=container_format, options=options
        )
        self._stream: Any = self._container.add_stream(codec, rate=SAMPLE_RATE, layout="mono")
        self._closed = False

    def _mux(self, frame: Any) -> bytes:
        for packet in self._stream.encode(frame):
            self._container.mux(packet)
        return self._sink.drain()

    def encode(self, samples: Samples) -> bytes:
        if not len(samples):
            return b""
        clipped = np.clip(np.nan_to_num(samples), -1.0, 1.0).astype(np.float32)
        frame = self._av.AudioFrame.from_ndarray(
            clipped[np.newaxis, :], format="flt", layout="mono"
        )
        frame.sample_rate = SAMPLE_RATE
        return self._mux(frame)

    def finish(self) -> bytes:
        if self._closed:
            return b""
        self._closed = True
        tail = self._mux(None)
        self._container.close()
        return tail + self._sink.drain()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._container.close()
        self._sink.drain()


class BufferedEncoder:
    """Encodes everything at `finish` with `Audio.to_bytes`: the fallback without PyAV."""

    def __init__(self, format: str) -> None:
        self._format = format
        self._pieces: list[Samples] = []

    def encode(self, samples: Samples) -> bytes:
        self._pieces.append(samples)
        return b""

    def finish(self) -> bytes:
        audio = Audio.concatenate([Audio(p) for p in self._pieces])
        return audio.to_bytes(self._format)

    def close(self) -> None:
        self._pieces.clear()


def stream_encoder(format: str) -> StreamEncoder:
    """A fresh encoder for one response in `format` (one of `STREAM_FORMATS`)."""
    if format == "pcm":
        return PcmEncoder()
    if format == "wav":
        return WavEncoder()
    try:
        return AvEncoder(format)
    except ImportError:
        return BufferedEncoder(format)


class SseEncoder:
    """OpenAI's server-sent speech events around another encoder's bytes.

    Each piece of encoded audio becomes ``data: {"type": "speech.audio.delta", "audio":
    BASE64}``; the end is ``data: {"type": "speech.audio.done", "usage": {...}}``.
    Kokoro reads no text tokens, so ``usage`` counts the input's characters as
    ``input_tokens`` (and no output tokens).
    """

    def __init__(self, inner: StreamEncoder, input_chars: int) -> None:
        self._inner = inner
        self._chars = input_chars

    @staticmethod
    def _event(payload: dict[str, object]) -> bytes:
        return b"data: " + json.dumps(payload, separators=(",", ":")).encode() + b"\n\n"

    def _delta(self, data: bytes) -> bytes:
        if not data:
            return b""
        return self._event({"type": "speech.audio.delta", "audio": base64.b64encode(data).decode()})

    def encode(self, samples: Samples) -> bytes:
        return self._delta(self._inner.encode(samples))

    def finish(self) -> bytes:
        usage = {"input_tokens": self._chars, "output_tokens": 0, "total_tokens": self._chars}
        return self._delta(self._inner.finish()) + self._event(
            {"type": "speech.audio.done", "usage": usage}
        )

    def close(self) -> None:
        self._inner.close()
