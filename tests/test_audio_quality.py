"""Audio quality regression: our speech, heard by Whisper tiny.en, against a committed baseline.

The representative voices cover both English accents and both genders, plus a blend.
Each speaks the standard English phrases of its accent; every clip goes out as WAV and
MP3, must pass the absolute quality thresholds, and must not have moved beyond the
baseline's tolerance. The baseline in tests/data/ was recorded with

    litetts baseline create --model-size tiny.en --format wav --format mp3 \\
        -v af_heart -v am_michael -v bf_emma -v bm_george -v "af_bella(2)+af_sky(1)" \\
        -o tests/data/quality_baseline.json

Re-record it (and say why in the commit) when the speech is meant to change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.baseline_checks import explain, metrics_against

from litetts import Audio, Synthesizer
from litetts.validation.baseline import BaselineCheck, BaselineMetrics, round_trip
from litetts.validation.faults import add_noise, dither, speed_up, truncate

pytestmark = pytest.mark.integration

BASELINE = Path(__file__).parent / "data" / "quality_baseline.json"
VOICES = ("af_heart", "am_michael", "bf_emma", "bm_george", "af_bella(2)+af_sky(1)")
FORMATS = ("wav", "mp3")


@pytest.fixture(scope="module")
def metrics(tts: Synthesizer) -> BaselineMetrics:
    return metrics_against(tts, BASELINE)


def test_the_committed_baseline_covers_the_representative_voices(
    metrics: BaselineMetrics,
) -> None:
    baseline = metrics.baseline
    assert baseline is not None

    assert baseline.voices == VOICES
    assert baseline.formats == FORMATS
    assert baseline.whisper_model == "tiny.en"
    assert baseline.model_variant == metrics.synthesizer.model.variant  # type: ignore[attr-defined]
    assert all(entry.passed for entry in baseline.entries)


def test_audio_quality_regression(metrics: BaselineMetrics) -> None:
    results = metrics.check_voices(VOICES, FORMATS)

    failing = [r for r in results if r.degraded or not r.report.passed]
    assert len(results) == len(VOICES) * 6 * len(FORMATS)
    assert failing == [], explain(failing)


@pytest.fixture(scope="module")
def clean(tts: Synthesizer, metrics: BaselineMetrics) -> tuple[str, Audio]:
    phrase = metrics.baseline.entries[0].phrase  # type: ignore[union-attr]
    return phrase, tts.synthesize(phrase, voice="af_heart")


def _check(metrics: BaselineMetrics, phrase: str, audio: Audio, fmt: str) -> BaselineCheck:
    return metrics.check(round_trip(audio, fmt), voice="af_heart", phrase=phrase, format=fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_clean_and_dithered_speech_is_not_flagged(
    metrics: BaselineMetrics, clean: tuple[str, Audio], fmt: str
) -> None:
    phrase, audio = clean

    for variant in (audio, dither(audio)):
        result = _check(metrics, phrase, variant, fmt)
        assert not result.degraded, explain([result])


@pytest.mark.parametrize(
    ("damage", "caught_by"),
    [
        (truncate, {"voiced_span"}),
        (add_noise, {"noise_floor"}),
        (speed_up, {"voiced_span"}),
    ],
    ids=["truncated", "noisy", "sped-up"],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_damaged_speech_is_flagged(
    metrics: BaselineMetrics,
    clean: tuple[str, Audio],
    fmt: str,
    damage: object,
    caught_by: set[str],
) -> None:
    phrase, audio = clean

    result = _check(metrics, phrase, damage(audio), fmt)  # type: ignore[operator]

    assert result.degraded
    assert caught_by <= {check.name for check in result.failures}, explain([result])


@pytest.mark.parametrize("fmt", FORMATS)
def test_another_voice_is_flagged(
    tts: Synthesizer, metrics: BaselineMetrics, clean: tuple[str, Audio], fmt: str
) -> None:
    phrase, _ = clean

    result = _check(metrics, phrase, tts.synthesize(phrase, voice="af_bella"), fmt)

    assert "voice_distance" in {check.name for check in result.failures}, explain([result])
