"""Phonemes out (`litetts.phonemize`) and in (`synthesize(..., phonemes=True)`)."""

from __future__ import annotations

import pytest
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

import litetts
from litetts import InvalidInputError, Synthesizer


def test_phonemize_normalises_then_phonemizes() -> None:
    phonemizer = LetterPhonemizer()

    assert litetts.phonemize("Paid $3.50.", phonemizer=phonemizer) == (
        "paid three dollars and fifty cents."
    )
    assert litetts.phonemize("Paid $3.50.", normalized=False, phonemizer=phonemizer) == "paid .."


def test_phonemize_refuses_an_unknown_language() -> None:
    with pytest.raises(InvalidInputError):
        litetts.phonemize("hello", lang="klingon", phonemizer=LetterPhonemizer())


def test_phonemes_reach_the_model_as_given_and_are_timed() -> None:
    model, phonemizer = ToneModel(), LetterPhonemizer()
    tts = Synthesizer(model, fake_voices(), phonemizer)
    phonemes = "həlˈO, wˈɜɹld."

    audio = tts.synthesize(phonemes, voice="af_bella", phonemes=True)

    assert phonemizer.calls == []  # nothing was phonemized
    assert model.calls[0][0] == tts.vocabulary.encode(phonemes)
    assert [w.text for w in audio.words] == ["həlˈO", "wˈɜɹld."]
    assert [phonemes[w.char_start : w.char_end] for w in audio.words] == ["həlˈO", "wˈɜɹld."]
    assert 0 < audio.words[0].end <= audio.words[1].start < audio.words[1].end <= audio.duration


def test_phonemes_without_a_known_symbol_are_an_invalid_input() -> None:
    tts = Synthesizer(ToneModel(), fake_voices(), LetterPhonemizer())

    with pytest.raises(InvalidInputError):
        tts.synthesize("   ", voice="af_bella", phonemes=True)
    with pytest.raises(InvalidInputError):
        tts.synthesize("€€€ ###", voice="af_bella", phonemes=True)
