"""Tests for `litetts.g2p.letters`: a pronunciation for words no dictionary knows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litetts.g2p.letters import MAX_SPELLED_CAPITALS, guess_arpabet, letter_names, pronounce
from litetts.kokoro.vocabulary import Vocabulary

VOWEL_SYMBOLS = frozenset("ɑæʌɔWIɛɜAɪiOYʊuəaɒQᵊ")
ASCII_WORDS = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=1, max_size=20
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("nation", "nˈAʃən"),
        ("make", "mˈAk"),
        ("phone", "fˈOn"),
        ("church", "ʧˈɜɹʧ"),
        ("light", "lˈIt"),
        ("knight", "nˈIt"),
        ("boat", "bˈOt"),
        ("rain", "ɹˈAn"),
        ("thinking", "θˈɪŋkɪŋ"),
        ("jumped", "ʤˈʌmpt"),
        ("wanted", "wˈæntɪd"),
        ("boxes", "bˈɑksɪz"),
        ("happy", "hˈæpi"),
        ("table", "tˈæbᵊl"),
        ("sky", "skˈI"),
        ("teacher", "tˈiʧəɹ"),
        ("coin", "kˈYn"),
        ("quiz", "kwˈɪz"),
        ("zelnorak", "zˈɛlnəɹək"),
    ],
)
def test_regular_spellings_are_read_by_rule(word: str, expected: str) -> None:
    assert expected == pronounce(word)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("car", "kˈɑː"), ("boat", "bˈQt"), ("teacher", "tˈiːʧə"), ("cat", "kˈat")],
)
def test_british_rules_are_non_rhotic(word: str, expected: str) -> None:
    assert expected == pronounce(word, british=True)


@pytest.mark.parametrize(("word", "expected"), [("FBI", "ˌɛfbˌiˈI"), ("UK", "jˌukˈA")])
def test_short_capitals_are_spelled_by_letter_names(word: str, expected: str) -> None:
    assert expected == pronounce(word)


def test_long_capitals_are_read_as_a_word() -> None:
    word = "ZELNORAKIAN"

    assert len(word) > MAX_SPELLED_CAPITALS
    assert pronounce(word.lower()) == pronounce(word)


def test_a_word_without_vowels_is_spelled() -> None:
    assert letter_names("hmm") == pronounce("hmm")


def test_british_zed() -> None:
    assert "zˈɛd" == letter_names("z", british=True)


def test_accents_are_read_as_their_letters() -> None:
    assert pronounce("cafe") == pronounce("café")


@pytest.mark.parametrize("word", ["", "123", "—", "中文"])
def test_a_word_without_latin_letters_has_no_phonemes(word: str) -> None:
    assert "" == pronounce(word)


@given(word=ASCII_WORDS)
def test_any_latin_word_gets_exactly_one_primary_stress(word: str) -> None:
    out = pronounce(word)

    assert 1 == out.count("ˈ")


@given(word=st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=2, max_size=20))
def test_the_primary_stress_falls_on_the_first_vowel(word: str) -> None:
    out = pronounce(word)
    first_vowel = next(k for k, ch in enumerate(out) if ch in VOWEL_SYMBOLS)

    assert "ˈ" == out[first_vowel - 1] or "ˌ" == out[first_vowel - 1]


@given(word=st.text(max_size=30), british=st.booleans())
def test_any_text_gives_kokoro_symbols_and_never_raises(word: str, british: bool) -> None:
    out = pronounce(word, british=british)

    assert out == Vocabulary.default().filter(out)


@given(word=ASCII_WORDS, british=st.booleans())
def test_any_latin_word_is_speakable(word: str, british: bool) -> None:
    out = pronounce(word, british=british)

    assert any(ch in VOWEL_SYMBOLS for ch in out)


@given(word=ASCII_WORDS)
def test_guessed_arpabet_has_one_primary_stress(word: str) -> None:
    phones = guess_arpabet(word.lower())

    assert 1 <= sum(p.endswith("1") for p in phones)
