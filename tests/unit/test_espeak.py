"""EspeakPhonemizer: espeak-ng's IPA mapped to the symbols Kokoro v1.0 was trained on."""

from __future__ import annotations

import pytest

from litetts.g2p import EspeakPhonemizer
from litetts.kokoro.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def espeak() -> EspeakPhonemizer:
    return EspeakPhonemizer()


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("hello", "en-us", "həlˈO"),
        ("hello", "en-gb", "həlˈQ"),
        ("weather", "en-us", "wˈɛðəɹ"),
        ("there", "en-gb", "ðˈɛː"),
        ("near", "en-gb", "nˈɪə"),
        ("church", "en-us", "ʧˈɜɹʧ"),
        ("judge", "en-us", "ʤˈʌʤ"),
        ("boy", "en-us", "bˈY"),
        ("now", "en-us", "nˈW"),
        ("day", "en-us", "dˈA"),
    ],
)
def test_words_map_to_kokoro_symbols(
    espeak: EspeakPhonemizer, text: str, lang: str, expected: str
) -> None:
    assert expected == espeak.phonemize(text, lang)


def test_a_linking_r_is_not_doubled(espeak: EspeakPhonemizer) -> None:
    assert "ɹɹ" not in espeak.phonemize("The weather is lovely, and the water is cold.", "en-us")


def test_punctuation_and_stress_survive(espeak: EspeakPhonemizer) -> None:
    phonemes = espeak.phonemize("Wait, really? Yes!", "en-us")

    assert [",", "?", "!"] == [ch for ch in phonemes if ch in ",?!"]
    assert "ˈ" in phonemes


@pytest.mark.parametrize("lang", ["en-us", "en-gb", "es", "fr-fr", "it", "pt-br", "hi"])
def test_output_is_almost_all_in_the_vocabulary(espeak: EspeakPhonemizer, lang: str) -> None:
    phonemes = espeak.phonemize("One two three, four five six.", lang)

    known = Vocabulary.default().filter(phonemes)
    assert len(known) >= 0.95 * len(phonemes)


def test_newlines_do_not_cut_the_text(espeak: EspeakPhonemizer) -> None:
    assert espeak.phonemize("first line\nsecond line", "en-us") == espeak.phonemize(
        "first line second line", "en-us"
    )


def test_empty_text_gives_no_phonemes(espeak: EspeakPhonemizer) -> None:
    assert "" == espeak.phonemize("   ", "en-us")
