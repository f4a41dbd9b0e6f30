"""The real tiny.en Whisper model hears what the real Kokoro model says."""

from __future__ import annotations

import re

import pytest

from litetts import Audio, Synthesizer
from litetts.validation import whisper
from litetts.validation.transcription import Transcription
from litetts.validation.whisper import WhisperValidator

SENTENCE = "The quick brown fox jumps over the lazy dog."


@pytest.fixture(scope="module")
def spoken(tts: Synthesizer) -> Audio:
    return tts.synthesize(SENTENCE)


@pytest.fixture(scope="module")
def heard(spoken: Audio) -> Transcription:
    return WhisperValidator("tiny.en").transcribe(spoken)


def plain(text: str) -> str:
    return re.sub(r"[^\w\s]", "", text.lower()).strip()


def test_tiny_en_hears_the_sentence(heard: Transcription) -> None:
    assert "the quick brown fox jumps over the lazy dog" == plain(heard.text)


def test_tiny_en_reports_english(heard: Transcription) -> None:
    assert "en" == heard.language


def test_words_have_ordered_times_and_probabilities(heard: Transcription) -> None:
    assert len(heard.words) >= 9
    for word in heard.words:
        assert 0 <= word.start <= word.end
        assert 0 <= word.probability <= 1


def test_validators_share_one_model(spoken: Audio, monkeypatch: pytest.MonkeyPatch) -> None:
    real_load = whisper._load_model
    loaded: list[object] = []

    def counting_load(folder: str, device: str, compute_type: str, cpu_threads: int) -> object:
        model = real_load(folder, device, compute_type, cpu_threads)
        loaded.append(model)
        return model

    monkeypatch.setattr(whisper, "_MODELS", {})
    monkeypatch.setattr(whisper, "_load_model", counting_load)

    WhisperValidator("tiny.en").transcribe(spoken)
    WhisperValidator("tiny.en").transcribe(spoken)

    (model,) = loaded
    assert [model] == [shared.model for shared in whisper._MODELS.values()]


def test_aligning_the_heard_text_times_words_as_transcription_does(
    spoken: Audio, heard: Transcription
) -> None:
    aligned = WhisperValidator("tiny.en").align(spoken, SENTENCE)

    assert " " + SENTENCE == "".join(word.text for word in aligned)
    starts = [word.start for word in aligned]
    assert starts == sorted(starts)
    assert all(w.start <= w.end <= spoken.duration + 0.02 for w in aligned)
    # The same text, the same DTW: the times of the words transcription decoded.
    assert [w.text for w in heard.words] == [w.text.strip() for w in aligned]
    for decoded, forced in zip(heard.words, aligned, strict=True):
        assert abs(decoded.start - forced.start) <= 0.04, (decoded, forced)
        assert abs(decoded.end - forced.end) <= 0.04, (decoded, forced)
