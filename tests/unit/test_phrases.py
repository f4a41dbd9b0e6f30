"""The standard phrases ship for every language Kokoro speaks, English with numbers and names."""

from __future__ import annotations

import re

import pytest

from litetts.errors import InvalidInputError
from litetts.g2p.languages import LANGUAGE_NAMES
from litetts.validation.phrases import PHRASES_VERSION, standard_phrases


@pytest.mark.parametrize("lang", sorted(LANGUAGE_NAMES))
def test_every_language_has_phrases(lang: str) -> None:
    assert len(standard_phrases(lang)) >= 2


@pytest.mark.parametrize("lang", ["en-us", "en-gb"])
def test_english_phrases_hold_numbers_and_names(lang: str) -> None:
    phrases = standard_phrases(lang)

    assert any(re.search(r"\d", p) for p in phrases)
    assert any(re.search(r"[$£]", p) for p in phrases)
    assert len(phrases) >= 5


def test_aliases_resolve() -> None:
    assert standard_phrases("b") == standard_phrases("en-gb")


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(InvalidInputError):
        standard_phrases("xx")


def test_the_set_is_versioned() -> None:
    assert PHRASES_VERSION >= 1
