"""Tests for `litetts.g2p.languages`: language letters, codes and aliases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litetts.errors import InvalidInputError
from litetts.g2p.languages import (
    LANGUAGE_NAMES,
    LANGUAGES,
    language_for_voice,
    resolve_language,
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("a", "en-us"),
        ("b", "en-gb"),
        ("en-US", "en-us"),
        ("en_us", "en-us"),
        (" EN_gb ", "en-gb"),
        ("en", "en-us"),
        ("british", "en-gb"),
        ("zh", "cmn"),
        ("fr", "fr-fr"),
        ("pt", "pt-br"),
        ("jp", "ja"),
        ("cmn", "cmn"),
    ],
)
def test_resolve_language_accepts_letters_codes_and_aliases(lang: str, expected: str) -> None:
    assert expected == resolve_language(lang)


@pytest.mark.parametrize("lang", ["xx", "", "english-ish", "de"])
def test_resolve_language_rejects_an_unknown_language(lang: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        resolve_language(lang)

    assert "lang" == info.value.field


def test_resolve_language_error_lists_the_choices() -> None:
    with pytest.raises(InvalidInputError, match=r"'xx'.*cmn, en-gb, en-us"):
        resolve_language("xx")


@given(lang=st.sampled_from([*LANGUAGES, *LANGUAGE_NAMES, "en", "zh", "fr", "en_GB"]))
def test_resolve_language_is_idempotent(lang: str) -> None:
    code = resolve_language(lang)

    assert code == resolve_language(code)


def test_every_voice_letter_has_a_named_language() -> None:
    assert sorted(LANGUAGE_NAMES) == sorted(LANGUAGES.values())


@pytest.mark.parametrize(
    ("voice", "expected"),
    [("bf_emma", "en-gb"), ("af_heart", "en-us"), ("zm_yunxi", "cmn"), ("Pm_alex", "pt-br")],
)
def test_language_for_voice_reads_the_first_letter(voice: str, expected: str) -> None:
    assert expected == language_for_voice(voice)


@pytest.mark.parametrize("voice", ["xf_nobody", "", "_bella"])
def test_language_for_voice_rejects_an_unknown_letter(voice: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        language_for_voice(voice)

    assert "voice" == info.value.field
