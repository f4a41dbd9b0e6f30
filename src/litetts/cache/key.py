"""The cache key: every field that changes the audio of a request.

Two requests share a key only when they would be spoken identically: the same
normalised text (pauses and pinned pronunciations included), voice or blend, speed,
language, model, voice data, audio-affecting synthesis settings and, for encoded
bytes, format. A key is hashed into a hex `digest`, which is what the tiers store.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from attrs import evolve, frozen

from litetts.kokoro.blends import parse_voice
from litetts.text.markup import Passage, Pause

__all__ = ["CacheKey", "array_identity", "file_identity", "request_text"]


@frozen
class CacheKey:
    """What a request's audio depends on."""

    text: str
    """The request's normalised parts, serialised by `request_text`."""
    voice: str
    """The resolved voice id or blend, e.g. ``af_bella(0.667)+af_sky(0.333)``."""
    speed: float
    lang: str
    model: str
    """Identity of the acoustic model (see `file_identity`)."""
    voice_data: str
    """Identity of the voice table used (see `array_identity`)."""
    settings: str = ""
    """The synthesis settings that change the audio, serialised."""
    format: str | None = None
    """The encoding, when the cached value is encoded bytes; None for raw `Audio`."""

    def digest(self) -> str:
        """A SHA-256 hex digest of every field, stable across processes."""
        fields = [
            self.text,
            self.voice,
            repr(float(self.speed)),
            self.lang,
            self.model,
            self.voice_data,
            self.settings,
            self.format or "",
        ]
        return hashlib.sha256(json.dumps(fields).encode("utf-8")).hexdigest()

    def voices(self) -> tuple[str, ...]:
        """The single voices in `voice` (the parts of a blend)."""
        return tuple(part.voice for part in parse_voice(self.voice))

    def encoded(self, format: str) -> CacheKey:
        """This key for the audio encoded as `format` (``wav``, ``mp3``...)."""
        return evolve(self, format=format.lower())


def request_text(parts: Sequence[Passage | Pause]) -> str:
    """A canonical string for normalised passages and pauses, pinned words included."""
    pieces: list[object] = []
    for part in parts:
        if isinstance(part, Pause):
            pieces.append(["pause", repr(float(part.seconds))])
        else:
            pinned = [[o.text, o.phonemes] for o in part.pinned]
            pieces.append(["text", part.text, pinned])
    return json.dumps(pieces, ensure_ascii=False, separators=(",", ":"))


def array_identity(array: npt.NDArray[np.generic]) -> str:
    """A short content hash of `array` (dtype, shape and values)."""
    data = np.ascontiguousarray(array)
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{data.dtype.str}{data.shape}".encode())
    h.update(data.tobytes())
    return h.hexdigest()


def file_identity(path: Path | str) -> str:
    """A short identity of a file from its resolved path, size and modification time.

    Cheap (no read of a 92 MB model) and it changes whenever the file is replaced.
    """
    resolved = Path(path).expanduser().resolve()
    stat = resolved.stat()
    text = f"{resolved}|{stat.st_size}|{stat.st_mtime_ns}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()
