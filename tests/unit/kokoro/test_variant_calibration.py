"""Calibration feeds come from the pipeline's own phonemes, voices and vocabulary."""

from __future__ import annotations

import numpy as np
from tests.fakes import LetterPhonemizer, fake_voices

from litetts.kokoro import Vocabulary
from litetts.kokoro.variants import CALIBRATION_SENTENCES, calibration_feeds
from litetts.tokenizer import Tokenizer


def test_the_corpus_spans_accents_languages_and_genders() -> None:
    langs = {lang for _, lang, _ in CALIBRATION_SENTENCES}
    genders = {(voice[0], voice[1]) for _, _, voice in CALIBRATION_SENTENCES}

    assert {"en-us", "en-gb", "es", "fr-fr", "it", "pt-br", "hi"} <= langs
    assert {("a", "f"), ("a", "m"), ("b", "f"), ("b", "m")} <= genders


def test_feeds_hold_padded_tokens_style_and_speed() -> None:
    sentences = (("hi there.", "en-us", "af_heart"),)
    vocabulary = Vocabulary.default()

    (feed,) = calibration_feeds(
        Tokenizer(LetterPhonemizer(), vocabulary).encode, fake_voices(), sentences
    )

    expected_tokens = [0, *vocabulary.encode("hi there."), 0]
    assert expected_tokens == feed["tokens"].tolist()[0]
    assert ((1, 256), (1,)) == (feed["style"].shape, feed["speed"].shape)


def test_the_style_row_follows_the_token_count() -> None:
    voices = fake_voices()
    sentences = (("abc", "en-us", "af_heart"),)

    (feed,) = calibration_feeds(Tokenizer(LetterPhonemizer()).encode, voices, sentences)

    np.testing.assert_array_equal(voices.style("af_heart", 3).reshape(1, -1), feed["style"])


def test_sentences_with_voices_not_installed_are_skipped() -> None:
    sentences = (
        ("one", "en-us", "af_heart"),
        ("two", "en-us", "zz_nobody"),
        ("three", "en-gb", "bf_emma"),
    )

    feeds = list(calibration_feeds(Tokenizer(LetterPhonemizer()).encode, fake_voices(), sentences))

    assert 2 == len(feeds)


def test_the_first_feed_is_a_medium_english_sentence() -> None:
    text, lang, _ = CALIBRATION_SENTENCES[0]

    assert lang.startswith("en")
    assert len(text.split()) >= 10
