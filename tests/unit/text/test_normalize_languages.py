"""`normalize` picks its rules by language; other languages get the clean-up only."""

from __future__ import annotations

import pytest

from litetts.g2p.languages import LANGUAGES
from litetts.text import normalize
from litetts.text.normalize import LANGUAGE_RULES

WRITTEN = "Dr.  Smith paid $2.50 on 1/2/2024."


@pytest.mark.parametrize("lang", ["en-us", "a", "en", "EN_US", "american", "english"])
def test_american_english_codes_get_american_rules(lang: str) -> None:
    expected = (
        "Doctor Smith paid two dollars and fifty cents on January second, twenty twenty-four."
    )

    assert expected == normalize(WRITTEN, lang)


@pytest.mark.parametrize("lang", ["en-gb", "b", "british", "en-uk", "en_GB"])
def test_british_english_codes_get_british_rules(lang: str) -> None:
    expected = (
        "Doctor Smith paid two dollars and fifty cents"
        " on the first of February, twenty twenty-four."
    )

    assert expected == normalize(WRITTEN, lang)


@pytest.mark.parametrize("lang", ["klingon", "", "xx-yy"])
def test_unknown_languages_get_the_clean_up_only(lang: str) -> None:
    assert "Dr. Smith paid $2.50 on 1/2/2024." == normalize(WRITTEN, lang)


def test_english_is_the_default_language() -> None:
    assert "twenty-first" == normalize("21st")


def test_every_kokoro_language_has_rules() -> None:
    assert set(LANGUAGES.values()) == set(LANGUAGE_RULES)
