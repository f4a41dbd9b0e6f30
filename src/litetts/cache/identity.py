"""Cache identity: naming the model and the voice data a request is spoken with.

A `CacheKey` must change whenever the audio would. The request itself (text, voice,
speed, language) is half of that; the other half is what speaks it: which model (a
file and the variant it runs in), which voice table (a blend is computed data), which
phonemizer backend and which synthesis settings. `CacheIdentity` names those, cheaply
and per synthesizer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from litetts.cache.key import CacheKey, array_identity, request_text
from litetts.text.markup import Passage, Pause

__all__ = ["AUDIO_VERSION", "CacheIdentity"]

AUDIO_VERSION: Final = "2"
"""Part of every cache key: bump it when a code change alters the audio of a request
or what an entry holds (2: disk entries keep the audio's timed words)."""

_VOICES_REMEMBERED: Final = 64


class CacheIdentity:
    """Makes the cache keys of one synthesizer.

    Args:
        model: the model the synthesizer was built with.
        model_name: a stable name for it (the file's identity and its variant), so
            keys survive a restart; None names it by object, for this process only.
    """

    def __init__(self, model: object, model_name: str | None = None) -> None:
        self._model = model
        self._model_name = model_name
        self._voices: OrderedDict[str, tuple[object, str]] = OrderedDict()
        self._lock = threading.Lock()

    def model_name(self, model: object) -> str:
        """The name of `model`: the stable one if it is still the model named at
        construction, else one that holds for this process only."""
        if model is self._model and self._model_name is not None:
            return self._model_name
        return f"{type(model).__qualname__}@{id(model):x}"

    def voice_data(self, voice: str, table: npt.NDArray[np.float32]) -> str:
        """A content hash of `voice`'s table, remembered for the recent voices (a blend
        is hashed once, not per request)."""
        with self._lock:
            known = self._voices.get(voice)
            if known is not None and known[0] is table:
                self._voices.move_to_end(voice)
                return known[1]
        digest = array_identity(table)
        with self._lock:
            self._voices[voice] = (table, digest)
            self._voices.move_to_end(voice)
            while len(self._voices) > _VOICES_REMEMBERED:
                self._voices.popitem(last=False)
        return digest

    def key(
        self,
        parts: Sequence[Passage | Pause],
        *,
        voice: str,
        speed: float,
        lang: str,
        model: object,
        table: npt.NDArray[np.float32],
        settings: str,
    ) -> CacheKey:
        """The key of a request.

        Args:
            parts: the request's passages and pauses.
            voice: the resolved voice or blend.
            model: the model speaking now.
            table: the voice's table.
            settings: what else changes the audio (chunk sizes, phonemizer backend).
        """
        return CacheKey(
            request_text(parts),
            voice,
            speed,
            lang,
            self.model_name(model),
            self.voice_data(voice, table),
            f"v{AUDIO_VERSION};{settings}",
        )
