"""Readings for CER: what was said counts, not how Whisper chose to write it."""

from __future__ import annotations

import pytest

from litetts.validation.readings import character_error_rate, spoken_reading


def test_cer_is_edits_over_the_reference_length() -> None:
    assert [0.0, 0.5, 1.0] == [
        character_error_rate("abcd", "abcd"),
        character_error_rate("abcd", "abXY"),
        character_error_rate("ab", ""),
    ]


def test_simplified_traditional_and_digits_read_the_same_in_mandarin() -> None:
    pytest.importorskip("pypinyin")
    assert spoken_reading("这本书25元。", "zh") == spoken_reading("這本書二十五元", "cmn")


def test_a_phone_number_is_read_digit_by_digit_however_it_is_written() -> None:
    pytest.importorskip("pypinyin")
    assert spoken_reading("13812345678", "zh") == spoken_reading("138-1234-5678", "zh")


def test_kanji_and_kana_read_the_same_in_japanese() -> None:
    pytest.importorskip("pyopenjtalk")
    assert spoken_reading("会議は3時です。", "ja") == spoken_reading("かいぎはさんじです", "ja")


@pytest.mark.parametrize(
    "heard",
    [
        "آج موسم بہت اچھا ہے",  # Urdu script, as Whisper base often writes Hindi
        "Aaj Maasam Bhoot Acha He",  # Latin letters
        "आज मौसम बहुत अच्छा है",  # Devanagari without the danda
    ],
)
def test_hindi_reads_the_same_in_devanagari_urdu_and_latin_letters(heard: str) -> None:
    pytest.importorskip("uroman")
    assert (
        "j msm bt c" == spoken_reading("आज मौसम बहुत अच्छा है।", "hi") == spoken_reading(heard, "hi")
    )


def test_a_misheard_hindi_word_still_costs_its_consonants() -> None:
    pytest.importorskip("uroman")
    said = spoken_reading("आज मौसम बहुत अच्छा है।", "hi")

    misheard = spoken_reading("आज मुसम बहुत आज जाहे", "hi")  # "अच्छा है" heard as "आज जाहे"

    assert 0.25 <= character_error_rate(said, misheard) <= 0.35


def test_an_anusvara_and_urdus_nasal_agree() -> None:
    pytest.importorskip("uroman")
    assert spoken_reading("ज़िंदगी", "hi") == spoken_reading("زندگی", "hi") == "zndg"
