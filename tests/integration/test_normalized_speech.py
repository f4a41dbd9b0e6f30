"""Numbers, money and dates are spoken as words: checked on phonemes and by Whisper."""

from __future__ import annotations

import re

import jiwer
import pytest
from faster_whisper import WhisperModel

from litetts import AssetStore, Synthesizer
from litetts.text import normalize

WRITTEN = "On January 1, 2024, Dr. Smith paid $3.50 for 2.5kg of apples at 3:30 pm."
SPOKEN = (
    "On January first, twenty twenty-four, Doctor Smith paid three dollars and fifty cents "
    "for two point five kilograms of apples at three thirty P M."
)


@pytest.fixture(scope="module")
def whisper() -> WhisperModel:
    folder = AssetStore().require_whisper("tiny.en")
    return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=2)


def words(text: str) -> str:
    """Both sides through the same normaliser, then lower case without punctuation."""
    return " ".join(re.sub(r"[^\w\s']", " ", normalize(text).lower()).split())


def test_the_phonemes_are_those_of_the_spoken_form(tts: Synthesizer) -> None:
    def phonemes(text: str) -> str:
        return tts.phonemizer.phonemize(text, "en-us")

    assert phonemes(SPOKEN) == phonemes(normalize(WRITTEN))


def test_whisper_hears_the_spoken_form(tts: Synthesizer, whisper: WhisperModel) -> None:
    audio = tts.synthesize(WRITTEN, voice="af_heart").resample(16_000)

    segments, _ = whisper.transcribe(audio.samples, language="en", beam_size=5)
    heard = " ".join(segment.text for segment in segments)

    assert jiwer.wer(words(SPOKEN), words(heard)) <= 0.15, heard
