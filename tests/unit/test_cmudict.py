"""Tests for `litetts.g2p.cmudict` and `litetts.g2p.arpabet`: English without espeak-ng."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import prose

from litetts.errors import InvalidInputError, PhonemizerError
from litetts.g2p import letters
from litetts.g2p.arpabet import CONSONANTS, VOWELS, to_kokoro
from litetts.g2p.cmudict import CmudictPhonemizer, load_lexicon
from litetts.g2p.letters import letter_names
from litetts.kokoro.vocabulary import Vocabulary

VOWEL_SYMBOLS = frozenset("ɑæʌɔWIɛɜAɪiOYʊuəaɒQᵊ")
MARKS = ';:,.!?—…"()“”'

SMALL = {
    "could": "K UH1 D",
    "cat": "K AE1 T",
    "five": "F AY1 V",
    "four": "F AO1 R",
    "john": "JH AA1 N",
    "judge": "JH AH1 JH",
    "known": "N OW1 N",
    "point": "P OY1 N T",
    "the": "DH AH0",
    "two": "T UW1",
    "we": "W IY1",
    "well": "W EH1 L",
}


@pytest.fixture(scope="module")
def small() -> CmudictPhonemizer:
    return CmudictPhonemizer(SMALL)


@pytest.fixture(scope="module")
def cmu() -> CmudictPhonemizer:
    return CmudictPhonemizer()


@pytest.mark.parametrize(
    ("arpabet", "expected"),
    [
        ("HH AH0 L OW1", "həlˈO"),
        ("W ER1 L D", "wˈɜɹld"),
        ("N EY1 SH AH0 N", "nˈAʃən"),
        ("CH ER1 CH", "ʧˈɜɹʧ"),
        ("JH AH1 JH", "ʤˈʌʤ"),
        ("B OY1", "bˈY"),
        ("T AY1 M", "tˈIm"),
        ("HH AW1 S", "hˈWs"),
        ("F AA1 DH ER0", "fˈɑðəɹ"),
        ("B AH1 T ER0", "bˈʌɾəɹ"),
        ("TH AO1 T", "θˈɔt"),
        ("S IH1 NG", "sˈɪŋ"),
        ("M EH1 ZH ER0", "mˈɛʒəɹ"),
        ("IH2 N F ER0 M EY1 SH AH0 N", "ˌɪnfəɹmˈAʃən"),
        ("G UH1 D", "ɡˈʊd"),
        ("F UW1 D", "fˈud"),
        ("L IH1 T AH0 L", "lˈɪɾᵊl"),
        ("Y EH1 S", "jˈɛs"),
        ("K AE1 T", "kˈæt"),
        ("HH IY1 R", "hˈɪɹ"),
        ("AH0 T AE1 K", "ətˈæk"),
    ],
)
def test_american_arpabet_becomes_kokoro_symbols(arpabet: str, expected: str) -> None:
    assert expected == to_kokoro(arpabet.split())


@pytest.mark.parametrize(
    ("arpabet", "spelling", "expected"),
    [
        ("HH AH0 L OW1", "hello", "həlˈQ"),
        ("W ER1 L D", "world", "wˈɜːld"),
        ("K AA1 R", "car", "kˈɑː"),
        ("HH IY1 R", "here", "hˈɪə"),
        ("F AA1 DH ER0", "father", "fˈɑːðə"),
        ("HH AA1 T", "hot", "hˈɒt"),
        ("K AA1 T", "caught", "kˈɔːt"),
        ("B AH1 T ER0", "butter", "bˈʌtə"),
        ("K AE1 T", "cat", "kˈat"),
        ("V EH1 R IY0", "very", "vˈɛɹi"),
        ("F UW1 D", "food", "fˈuːd"),
        ("B EY1 K ER0 IY0", "bakery", "bˈAkəɹi"),
        ("F AY1 ER0", "fire", "fˈIə"),
        ("M AO1 R", "more", "mˈɔː"),
        ("S AA1 R IY0", "sorry", "sˈɒɹi"),
    ],
)
def test_british_arpabet_is_non_rhotic_with_long_vowels(
    arpabet: str, spelling: str, expected: str
) -> None:
    assert expected == to_kokoro(arpabet.split(), british=True, spelling=spelling)


def test_secondary_stress_is_kept_and_unstressed_vowels_have_no_mark() -> None:
    assert "ˌɛksplənˈAʃən" == to_kokoro("EH2 K S P L AH0 N EY1 SH AH0 N".split())


def test_stress_can_be_left_out_for_weak_words() -> None:
    assert "tu" == to_kokoro(["T", "UW1"], stress=False)


PHONES = st.sampled_from([*CONSONANTS, *(v + d for v in VOWELS for d in "012"), "XX", "AH", ""])


@given(phones=st.lists(PHONES, max_size=12), british=st.booleans())
def test_every_stress_mark_stands_right_before_a_vowel(phones: list[str], british: bool) -> None:
    out = to_kokoro(phones, british=british)

    after_marks = [out[k + 1 : k + 2] for k, ch in enumerate(out) if ch in "ˈˌ"]
    assert all(ch in VOWEL_SYMBOLS for ch in after_marks)


@given(phones=st.lists(PHONES, max_size=12), british=st.booleans())
def test_arpabet_output_is_in_the_kokoro_vocabulary(phones: list[str], british: bool) -> None:
    out = to_kokoro(phones, british=british)

    assert out == Vocabulary.default().filter(out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", "həlˈO"),
        ("nation", "nˈAʃən"),
        ("church", "ʧˈɜɹʧ"),
        ("weather", "wˈɛðəɹ"),
        ("today", "tədˈA"),
        ("information", "ˌɪnfəɹmˈAʃən"),
        ("the", "ðə"),
        ("can't", "kˈænt"),
        ("won't", "wˈOnt"),
        ("John's", "ʤˈɑnz"),
        ("Café", "kəfˈA"),
        ("FBI", "ˈɛfbˈiˈI"),
        ("water", "wˈɔɾəɹ"),
        ("beautiful", "bjˈuɾəfᵊl"),
        ("reaching", "ɹˈiʧɪŋ"),
        ("boy", "bˈY"),
    ],
)
def test_dictionary_words_read_as_cmudict_says(
    cmu: CmudictPhonemizer, text: str, expected: str
) -> None:
    assert expected == cmu.phonemize(text, "en-us")


def test_a_sentence_reads_like_espeak_writes_it(cmu: CmudictPhonemizer) -> None:
    assert "həlˈO wˈɜɹld, nˈAʃən" == cmu.phonemize("hello world, nation", "en-us")


def test_british_voice_gets_british_phonemes(cmu: CmudictPhonemizer) -> None:
    assert "həlˈQ wˈɜːld, mˈɔː kˈɑːz." == cmu.phonemize("Hello world, more cars.", "en-gb")


def test_punctuation_kokoro_knows_is_kept_in_place(small: CmudictPhonemizer) -> None:
    text = 'the; cat: two, well. Four! Five? — (john) “we” "cat"… the'

    out = small.phonemize(text, "en-us")

    assert [c for c in text if c in MARKS] == [c for c in out if c in MARKS]


def test_marks_hug_their_words(small: CmudictPhonemizer) -> None:
    assert '"kˈæt," wi (wˈɛl) — “tˈu”.' == small.phonemize('"Cat," we (well) — “two”.', "en-us")


def test_look_alike_dashes_and_brackets_become_kokoro_marks(small: CmudictPhonemizer) -> None:
    assert "kˈæt — kˈæt (tˈu)" == small.phonemize("cat – cat [two]", "en-us")


def test_unknown_words_go_through_letter_rules(small: CmudictPhonemizer) -> None:
    assert letters.pronounce("Zelnorak") == small.phonemize("Zelnorak", "en-us")


def test_unknown_short_capitals_are_spelled(small: CmudictPhonemizer) -> None:
    assert letters.letter_names("XKCD") == small.phonemize("XKCD", "en-us")


def test_lookup_ignores_case(small: CmudictPhonemizer) -> None:
    assert small.phonemize("cat", "en-us") == small.phonemize("CAT", "en-us")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cat's", "kˈæts"),
        ("judge's", "ʤˈʌʤɪz"),
        ("John's", "ʤˈɑnz"),
        ("John’s", "ʤˈɑnz"),
        ("cats'", letters.pronounce("cats")),
        ("couldn't", "kˈʊdənt"),
        ("we'll", "wˈil"),
        ("we're", "wˈiəɹ"),
        ("we've", "wˈiv"),
        ("we'd", "wˈid"),
    ],
)
def test_possessives_and_contractions_build_on_their_stem(
    small: CmudictPhonemizer, word: str, expected: str
) -> None:
    assert expected == small.phonemize(word, "en-us")


def test_two_known_words_run_together_are_read_as_a_compound() -> None:
    phonemizer = CmudictPhonemizer({"live": "L AY1 V", "stream": "S T R IY1 M"})

    assert "lˈIvstɹˌim" == phonemizer.phonemize("livestream", "en-us")


def test_a_compound_split_prefers_even_parts() -> None:
    lexicon = {"aaa": "AE1", "bbbbbb": "B IY1", "aaab": "EY1 B", "bbbbb": "B OW1"}

    assert "ˈAbbˌO" == CmudictPhonemizer(lexicon).phonemize("aaabbbbbb", "en-us")


def test_parts_shorter_than_three_letters_are_no_compound() -> None:
    phonemizer = CmudictPhonemizer({"in": "IH0 N", "put": "P UH1 T"})

    assert letters.pronounce("input") == phonemizer.phonemize("input", "en-us")


def test_hyphenated_words_are_read_part_by_part(small: CmudictPhonemizer) -> None:
    assert "wˈɛl nˈOn" == small.phonemize("well-known", "en-us")


def test_remaining_digits_are_read_one_by_one(small: CmudictPhonemizer) -> None:
    assert "fˈɔɹ tˈu, tˈu pˈYnt fˈIv" == small.phonemize("42, 2.5", "en-us")


def test_symbols_with_a_name_are_spoken(cmu: CmudictPhonemizer) -> None:
    assert "kˈæts ənd dˈɑɡz" == cmu.phonemize("cats & dogs", "en-us")


def test_stray_symbols_are_silent(small: CmudictPhonemizer) -> None:
    assert "kˈæt kˈæt" == small.phonemize("cat ~ cat ^", "en-us")


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_blank_text_has_no_phonemes(small: CmudictPhonemizer, text: str) -> None:
    assert "" == small.phonemize(text, "en-us")


@pytest.mark.parametrize("lang", ["es", "fr-fr", "ja", "cmn"])
def test_other_languages_are_refused_with_the_fix(small: CmudictPhonemizer, lang: str) -> None:
    with pytest.raises(PhonemizerError, match=r"pip install 'litetts\[espeak\]'"):
        small.phonemize("hola", lang)


def test_an_unknown_language_is_invalid_input(small: CmudictPhonemizer) -> None:
    with pytest.raises(InvalidInputError):
        small.phonemize("hello", "xx")


@given(text=prose(max_words=30), british=st.booleans())
def test_phonemes_are_always_in_the_kokoro_vocabulary(
    cmu: CmudictPhonemizer, text: str, british: bool
) -> None:
    out = cmu.phonemize(text, "en-gb" if british else "en-us")

    assert out == Vocabulary.default().filter(out)


@given(text=st.text(max_size=60))
def test_any_text_phonemizes_without_raising(cmu: CmudictPhonemizer, text: str) -> None:
    out = cmu.phonemize(text, "en-us")

    assert out == Vocabulary.default().filter(out)


def test_the_dictionary_loads_once_for_all_threads() -> None:
    seen: list[object] = []

    def load() -> None:
        seen.append(load_lexicon())

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert 8 == len(seen)
    assert all(table is seen[0] for table in seen)
    assert "HH AH0 L OW1" == load_lexicon()["hello"]


def test_only_the_first_pronunciation_is_kept() -> None:
    assert "L AY1 V" == load_lexicon()["live"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the F B I", letter_names("F")),
        ("Plan B", letter_names("B")),
        ("at three P M", letter_names("P")),
        ("A- M", letter_names("A")),
    ],
)
def test_lone_capitals_are_spelled_letters(text: str, expected: str) -> None:
    phonemes = CmudictPhonemizer().phonemize(text, "en-us")

    assert expected in phonemes


def test_the_article_a_is_not_the_letter_a() -> None:
    phonemes = CmudictPhonemizer().phonemize("A cat sat.", "en-us")

    assert not phonemes.startswith(letter_names("A"))
