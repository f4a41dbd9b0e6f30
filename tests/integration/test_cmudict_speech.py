"""English speaks without espeak-ng: the real model reads CMUdict phonemes."""

from __future__ import annotations

import pytest

from litetts import AssetStore, PhonemizerError, Synthesizer
from litetts.audio import signal_stats
from litetts.errors import MissingDependencyError
from litetts.g2p import AutoPhonemizer, CmudictPhonemizer, Phonemizer
from litetts.kokoro.model import KokoroModel
from litetts.kokoro.voices import VoiceBank

SENTENCE = "The weather is lovely today, and Zelnorak's garden is full of flowers."


def no_espeak() -> Phonemizer:
    raise MissingDependencyError("espeak-ng phonemization", "espeak", "phonemizer")


@pytest.fixture(scope="module")
def parts() -> tuple[KokoroModel, VoiceBank]:
    store = AssetStore()
    return KokoroModel.from_path(store.require_model()), VoiceBank.from_path(store.require_voices())


@pytest.mark.parametrize("voice", ["af_heart", "bf_emma", "am_michael"])
def test_cmudict_phonemes_speak(parts: tuple[KokoroModel, VoiceBank], voice: str) -> None:
    tts = Synthesizer(*parts, CmudictPhonemizer())

    audio = tts.synthesize(SENTENCE, voice=voice)

    stats = signal_stats(audio.samples)
    assert stats.finite
    assert stats.rms > 0.01, "audio is (nearly) silent"
    assert stats.peak <= 1.0
    assert 2.0 < audio.duration < 9.0


def test_without_espeak_english_speaks_and_spanish_is_refused(
    parts: tuple[KokoroModel, VoiceBank],
) -> None:
    tts = Synthesizer(*parts, AutoPhonemizer(no_espeak))

    audio = tts.synthesize("Hello there, my friend.", voice="af_heart")

    assert signal_stats(audio.samples).rms > 0.01
    with pytest.raises(PhonemizerError, match=r"litetts\[espeak\]"):
        tts.synthesize("Hola, amigo.", voice="ef_dora")
