"""Kokoro voices: the catalogue, the tables on disk, and blending.

A voice is a float32 table of shape (510, 1, 256): row ``N - 1`` is the style
vector for an utterance of N phoneme tokens, as in the reference implementation.
The legacy voice ``af`` is the even blend of ``af_bella`` and ``af_sarah``.
"""

from __future__ import annotations

import logging
import threading
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from attrs import frozen

from litetts.assets.manifest import load_manifest
from litetts.assets.store import FETCH_COMMAND
from litetts.errors import AssetError, InvalidInputError, VoiceNotFoundError
from litetts.g2p.languages import LANGUAGE_NAMES, LANGUAGES, resolve_language
from litetts.kokoro.blends import OPENAI_VOICES, BlendPart, format_blend, parse_voice
from litetts.kokoro.model import Style
from litetts.kokoro.vocabulary import MAX_TOKENS

__all__ = ["LEGACY_BLENDS", "VoiceBank", "VoiceInfo", "VoiceTable", "catalogue"]

logger = logging.getLogger(__name__)

VoiceTable = npt.NDArray[np.float32]
"""One voice: float32 of shape (510, 256), a style vector per utterance length."""

LEGACY_BLENDS: Final[Mapping[str, str]] = {"af": "af_bella+af_sarah"}
_ROWS, _DIM = MAX_TOKENS, 256
_BLEND_CACHE_SIZE = 32


@frozen
class VoiceInfo:
    """One voice of the catalogue."""

    id: str
    language: str
    language_name: str
    gender: Literal["female", "male"]
    blend_of: str | None = None
    openai_names: tuple[str, ...] = ()


def _info(voice_id: str, blend_of: str | None = None) -> VoiceInfo:
    language = LANGUAGES[voice_id[0]]
    gender: Literal["female", "male"] = "female" if voice_id[1] == "f" else "male"
    aliases = tuple(sorted(k for k, v in OPENAI_VOICES.items() if v == voice_id))
    return VoiceInfo(voice_id, language, LANGUAGE_NAMES[language], gender, blend_of, aliases)


def catalogue(lang: str | None = None) -> list[VoiceInfo]:
    """The 55 voices litetts provisions (54 Kokoro v1.0 voices and ``af``).

    Args:
        lang: keep only voices of this language (``"en-gb"``, ``"b"``, ``"es"``...).

    Examples:
        >>> [v.id for v in catalogue("en-gb")][:3]
        ['bf_alice', 'bf_emma', 'bf_isabella']
    """
    ids = sorted([*load_manifest().voices.files, *LEGACY_BLENDS])
    infos = [_info(v, LEGACY_BLENDS.get(v)) for v in ids]
    if lang is None:
        return infos
    code = resolve_language(lang)
    return [i for i in infos if i.language == code]


class VoiceBank:
    """Voice tables loaded on demand, with blends computed once and cached.

    Args:
        tables: voice id -> a loader of its table; see `from_path`.
    """

    def __init__(self, tables: Mapping[str, VoiceTable | Path]) -> None:
        self._sources = dict(tables)
        self._legacy = {
            name: spec
            for name, spec in LEGACY_BLENDS.items()
            if name not in self._sources
            and all(p.voice in self._sources for p in parse_voice(spec))
        }
        self._cache: dict[str, VoiceTable] = {}
        self._blends: dict[str, VoiceTable] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_path(cls, path: Path | str) -> VoiceBank:
        """Voices from a folder of ``NAME.bin`` files or a kokoro-onnx ``voices-v1.0.bin`` npz.

        Raises:
            AssetError: the path does not exist or holds no voices.
        """
        path = Path(path)
        if path.is_dir():
            files = {f.stem: f for f in sorted(path.glob("*.bin"))}
            if not files:
                raise AssetError(f"no voice .bin files in {path}", path=path)
            return cls(files)
        if path.is_file():
            return cls(_load_npz(path))
        raise AssetError(f"voices path {path} does not exist", path=path)

    def names(self) -> list[str]:
        """Every voice id this bank can speak, sorted."""
        return sorted([*self._sources, *self._legacy])

    def __contains__(self, voice: object) -> bool:
        return voice in self._sources or voice in self._legacy

    def resolve(self, spec: str) -> str:
        """The canonical spelling of a voice spec (aliases resolved, weights normalised).

        Raises:
            VoiceNotFoundError: a voice in the spec is unknown.
            InvalidInputError: the spec is malformed.
        """
        parts = parse_voice(spec)
        for part in parts:
            if part.voice not in self:
                raise VoiceNotFoundError(part.voice, [*self.names(), *OPENAI_VOICES])
        return format_blend(parts)

    def table(self, spec: str) -> VoiceTable:
        """The (510, 256) table for a voice id, OpenAI name or blend.

        Single voices stay cached (55 at most, 0.5 MB each); blends are kept in a
        small LRU cache, so a server that accepts any blend does not grow without bound.
        """
        key = self.resolve(spec)
        parts = parse_voice(key)
        if len(parts) == 1:
            return self._load(parts[0].voice)
        with self._lock:
            cached = self._blends.pop(key, None)
            if cached is not None:
                self._blends[key] = cached  # most recently used goes last
                return cached
        table = _blend(parts, self._load)
        table.setflags(write=False)
        with self._lock:
            self._blends[key] = table
            while len(self._blends) > _BLEND_CACHE_SIZE:
                self._blends.pop(next(iter(self._blends)))
        return table

    def style(self, spec: str, n_tokens: int) -> Style:
        """The style vector for an utterance of `n_tokens` phoneme tokens (row N-1)."""
        if n_tokens < 1:
            raise InvalidInputError("a style needs at least one token", field="input")
        table = self.table(spec)
        row: Style = table[min(n_tokens, len(table)) - 1]
        return row

    def _load(self, voice: str) -> VoiceTable:
        with self._lock:
            cached = self._cache.get(voice)
        if cached is not None:
            return cached
        if voice in self._legacy:
            table = _blend(parse_voice(self._legacy[voice]), self._load)
        else:
            source = self._sources[voice]
            raw = _read_bin(source, voice) if isinstance(source, Path) else source
            table = _as_table(raw, voice, source if isinstance(source, Path) else None)
        table.setflags(write=False)
        with self._lock:
            self._cache[voice] = table
        logger.debug("voice %s loaded", voice)
        return table


def _blend(parts: tuple[BlendPart, ...], load: Callable[[str], VoiceTable]) -> VoiceTable:
    mixed = np.zeros((_ROWS, _DIM), dtype=np.float64)
    for part in parts:
        mixed += part.weight * load(part.voice)
    return mixed.astype(np.float32)


def _read_bin(path: Path, voice: str) -> VoiceTable:
    try:
        data: VoiceTable = np.fromfile(path, dtype="<f4").astype(np.float32, copy=False)
    except OSError as err:
        raise AssetError(f"cannot read voice {voice!r} from {path}: {err}", path=path) from err
    return data


def _as_table(raw: npt.ArrayLike, voice: str, path: Path | None = None) -> VoiceTable:
    where = f" in {path}" if path is not None else ""
    array = np.asarray(raw, dtype=np.float32)
    if array.size != _ROWS * _DIM:
        raise AssetError(
            f"voice {voice!r}{where} has {array.size} values, expected {_ROWS}x{_DIM} "
            "(a Kokoro v1.0 voice table)",
            path=path,
            fix=f"{FETCH_COMMAND} --force, or point voices_path at Kokoro v1.0 voices",
        )
    table = np.ascontiguousarray(array.reshape(_ROWS, _DIM))
    if not np.isfinite(table).all():
        raise AssetError(
            f"voice {voice!r}{where} holds NaN or infinite values",
            path=path,
            fix=f"{FETCH_COMMAND} --force",
        )
    return table


def _load_npz(path: Path) -> dict[str, VoiceTable]:
    try:
        with np.load(path, allow_pickle=False) as archive:
            return {name: _as_table(archive[name], name, path) for name in archive.files}
    except (OSError, ValueError, zipfile.BadZipFile) as err:
        raise AssetError(f"{path} is not a voices npz (voices-v1.0.bin): {err}", path=path) from err
