"""Kokoro's languages: voice-id letters, phonemizer codes and the aliases users type."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from litetts.errors import InvalidInputError

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "language_for_voice", "resolve_language"]

LANGUAGES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "a": "en-us",
        "b": "en-gb",
        "e": "es",
        "f": "fr-fr",
        "h": "hi",
        "i": "it",
        "j": "ja",
        "p": "pt-br",
        "z": "cmn",
    }
)
"""Voice-id first letter -> phonemizer language code."""

LANGUAGE_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "en-us": "American English",
        "en-gb": "British English",
        "es": "Spanish",
        "fr-fr": "French",
        "hi": "Hindi",
        "it": "Italian",
        "ja": "Japanese",
        "pt-br": "Brazilian Portuguese",
        "cmn": "Mandarin Chinese",
    }
)

_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "en": "en-us",
        "english": "en-us",
        "american": "en-us",
        "british": "en-gb",
        "en-uk": "en-gb",
        "fr": "fr-fr",
        "pt": "pt-br",
        "zh": "cmn",
        "zh-cn": "cmn",
        "cmn-cn": "cmn",
        "jp": "ja",
    }
)


def resolve_language(lang: str) -> str:
    """The phonemizer code for a language as a user may write it.

    Accepts Kokoro letters (``"a"``), codes in any case with ``_`` or ``-``
    (``"en_US"``), and a few common aliases (``"zh"``).

    Raises:
        InvalidInputError: the language is not one Kokoro speaks.
    """
    key = lang.strip().lower().replace("_", "-")
    if key in LANGUAGES:
        return LANGUAGES[key]
    if key in LANGUAGE_NAMES:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    known = ", ".join(sorted(LANGUAGE_NAMES))
    raise InvalidInputError(f"unsupported language {lang!r}; choose one of: {known}", field="lang")


def language_for_voice(voice_id: str) -> str:
    """The language a voice speaks, from its first letter (``bf_emma`` -> ``en-gb``).

    Raises:
        InvalidInputError: the id does not start with a known language letter.
    """
    letter = voice_id[:1].lower()
    if letter not in LANGUAGES:
        raise InvalidInputError(
            f"voice {voice_id!r} does not start with a language letter ({', '.join(LANGUAGES)})",
            field="voice",
        )
    return LANGUAGES[letter]
