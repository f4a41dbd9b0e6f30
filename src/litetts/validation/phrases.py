"""The standard test phrases: a versioned set per language, shipped as package data."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from litetts.g2p.languages import resolve_language

__all__ = ["PHRASES_VERSION", "standard_phrases"]


@cache
def _load() -> tuple[int, dict[str, tuple[str, ...]]]:
    raw = json.loads(
        resources.files("litetts.data").joinpath("phrases.json").read_text(encoding="utf-8")
    )
    phrases = {lang: tuple(items) for lang, items in raw["phrases"].items()}
    return int(raw["version"]), phrases


PHRASES_VERSION = _load()[0]
"""Bumped whenever a phrase changes; baselines record it."""


def standard_phrases(lang: str = "en-us") -> tuple[str, ...]:
    """The standard phrases for `lang` (any spelling `resolve_language` accepts).

    Raises:
        InvalidInputError: the language is not one Kokoro speaks.
    """
    return _load()[1].get(resolve_language(lang), ())
