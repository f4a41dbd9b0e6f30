"""Tests for `litetts.text.normalize`: written text -> speakable text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from tests.strategies import any_text

from litetts.text import normalize

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


@settings(max_examples=300)
@given(text=any_text)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)

    assert once == normalize(once)


@settings(max_examples=300)
@given(text=any_text)
def test_normalize_never_raises_and_returns_stripped_text(text: str) -> None:
    result = normalize(text)

    assert result.strip() == result


@settings(max_examples=300)
@given(text=any_text)
def test_normalize_output_is_nfc(text: str) -> None:
    result = normalize(text)

    assert unicodedata.normalize("NFC", result) == result


@settings(max_examples=300)
@given(text=any_text)
def test_normalize_leaves_no_zero_width_characters(text: str) -> None:
    assert set() == set(normalize(text)) & set(ZERO_WIDTH + "\u00ad")


@pytest.mark.parametrize("invisible", [*ZERO_WIDTH, "\u00ad"])
def test_normalize_removes_invisible_characters(invisible: str) -> None:
    assert "hello world" == normalize(f"hel{invisible}lo world{invisible}")


def test_normalize_collapses_runs_of_spaces_and_odd_spaces() -> None:
    assert "a b c d" == normalize("a  \t b\u00a0\u3000c\x0bd")


def test_normalize_strips_both_ends() -> None:
    assert "hello" == normalize(" \n\t hello \n ")


def test_normalize_keeps_a_single_line_break() -> None:
    assert "one\ntwo" == normalize("one  \n  two")


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n\n", "\n  \n", " \n\t\n \n ", "\r\n\r\n"])
def test_normalize_keeps_a_blank_line_as_one_paragraph_break(gap: str) -> None:
    assert "one\n\ntwo" == normalize(f"one{gap}two")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_normalize_turns_windows_and_mac_newlines_into_line_feeds(newline: str) -> None:
    assert "one\ntwo" == normalize(f"one{newline}two")


def test_normalize_turns_control_characters_into_spaces() -> None:
    assert "a b c" == normalize("a\x00b\x1bc")


def test_normalize_composes_to_nfc() -> None:
    assert "café" == normalize("cafe\u0301")


def test_normalize_composes_across_a_removed_invisible_character() -> None:
    assert "café" == normalize("cafe\u200b\u0301")


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\u200b\ufeff"])
def test_normalize_of_blank_text_is_empty(text: str) -> None:
    assert "" == normalize(text)


CURLY_AND_STRAIGHT = [
    ("en-us", "I’m sure you don’t know the ‘quoted’ word, it’s the ’90s.",
     "I'm sure you don't know the 'quoted' word, it's the '90s."),
    ("en-gb", "“Don’t,” she said.", "\"Don't,\" she said."),
    ("fr-fr", "L’été, il a dit « oui » et ‹ non ›.", "L'été, il a dit \" oui \" et ' non '."),
    ("it", "Dell’anno scorso, l’uomo disse „ciao“ e ‚no’.",
     "Dell'anno scorso, l'uomo disse \"ciao\" e 'no'."),
    ("es", "Dijo “hola” y ‘adiós’; don´t.", "Dijo \"hola\" y 'adiós'; don't."),
    ("pt-br", "D’água, «olá».", "D'água, \"olá\"."),
    ("hi", "उसने कहा “नमस्ते”।", "उसने कहा \"नमस्ते\"।"),
    ("ja", "彼は「はい」と言った。“OK”", "彼は「はい」と言った。\"OK\""),
    ("cmn", "他说：“你好”。", "他说：\"你好\"。"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "curly", "straight"), CURLY_AND_STRAIGHT)
def test_curly_quotes_and_apostrophes_read_like_straight_ones(
    lang: str, curly: str, straight: str
) -> None:
    assert normalize(straight, lang) == normalize(curly, lang)
    assert not set("’‘‚‛“”„‟«»‹›") & set(normalize(curly, lang))


def test_an_accent_typed_for_an_apostrophe_becomes_one_only_between_letters() -> None:
    assert "don't l'été ´tis `x` 5´" == normalize("don´t l`été ´tis `x` 5´", "klingon")
