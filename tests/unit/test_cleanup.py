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
