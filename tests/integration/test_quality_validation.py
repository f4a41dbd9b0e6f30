"""Our own speech passes the quality check; damaged speech does not."""

from __future__ import annotations

import numpy as np
import pytest

from litetts import Audio, AudioQualityValidator, Synthesizer, WhisperValidator

TEXT = "Please remember to bring your umbrella, because it may rain at 5 pm."


@pytest.fixture(scope="module")
def checker() -> AudioQualityValidator:
    return AudioQualityValidator(WhisperValidator("tiny.en"))


@pytest.mark.parametrize("voice", ["af_heart", "bm_george"])
def test_clean_speech_passes(tts: Synthesizer, checker: AudioQualityValidator, voice: str) -> None:
    report = checker.validate_transcription(tts.synthesize(TEXT, voice=voice), TEXT)

    assert [] == [c.name for c in report.failures], report.to_json()
    assert report.accuracy >= 0.8


def test_truncated_speech_fails(tts: Synthesizer, checker: AudioQualityValidator) -> None:
    audio = tts.synthesize(TEXT, voice="af_heart")
    truncated = Audio(audio.samples[: len(audio) // 3])

    report = checker.validate_transcription(truncated, TEXT)

    assert not report.passed
    assert {"accuracy", "duration"} & {c.name for c in report.failures}


def test_noise_fails(checker: AudioQualityValidator) -> None:
    noise = Audio(np.random.default_rng(7).normal(0, 0.2, 24_000 * 4).astype(np.float32))

    report = checker.validate_transcription(noise, TEXT)

    assert not report.passed
