"""BaselineMetrics with a fake speaker and recogniser: no model, no Whisper, no espeak."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from litetts.audio import SAMPLE_RATE, Audio
from litetts.errors import InvalidInputError
from litetts.validation.baseline import (
    Baseline,
    BaselineMetrics,
    Tolerance,
    round_trip,
    thresholds_for_language,
)
from litetts.validation.quality import Thresholds
from litetts.validation.transcription import Segment, Transcription, Word

PHRASES = ("The quick brown fox jumps over the lazy dog.", "Please call Stella today.")
# Harmonic weights per voice: a different timbre, like a different speaker.
TIMBRES = {
    "af_heart": (1.0, 0.5, 0.3, 0.2),
    "af_bella": (1.0, 0.1, 0.6, 0.05),
    "am_michael": (0.4, 1.0, 0.2, 0.5),
    "bf_emma": (1.0, 0.3, 0.3, 0.3),
}


class FakeSpeaker:
    """Speaks a phrase as 0.3 s of wobbling harmonic tone per word, in the voice's timbre."""

    def __init__(self) -> None:
        self.spoken: list[tuple[str, str | None]] = []

    def synthesize(
        self,
        text: str,
        voice: str | None = None,
        speed: float | None = None,
        lang: str | None = None,
    ) -> Audio:
        self.spoken.append((text, voice))
        return Audio(harmonic_speech(len(text.split()) * 0.3, TIMBRES[voice or "af_heart"]))


class EchoTranscriber:
    """Hears whatever the speaker said last (or `heard` once set)."""

    def __init__(self, speaker: FakeSpeaker) -> None:
        self.speaker = speaker
        self.heard: str | None = None

    def transcribe(self, audio: Audio, /, *, language: str | None) -> Transcription:
        language = language or "en"
        text = self.heard if self.heard is not None else self.speaker.spoken[-1][0]
        words = tuple(Word(w, i * 0.3, i * 0.3 + 0.25, 0.9) for i, w in enumerate(text.split()))
        return Transcription(text, language, (Segment(text, 0.0, 1.0, words),))


class EchoPhonemizer:
    def phonemize(self, text: str, lang: str) -> str:
        return text


def harmonic_speech(seconds: float, weights: tuple[float, ...], seed: int = 0) -> np.ndarray:
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    pitch = 180 * (1 + 0.05 * np.sin(2 * np.pi * 1.5 * t))
    phase = 2 * np.pi * np.cumsum(pitch) / SAMPLE_RATE
    wave = sum(w * np.sin((k + 1) * phase) for k, w in enumerate(weights))
    syllables = np.clip(np.sin(2 * np.pi * 3 * t), 0.02, None)  # near-silent gaps between
    quiet = np.random.default_rng(seed).normal(0, 1e-4, len(t))
    samples = 0.25 * syllables * wave / sum(weights) + quiet
    pad = np.zeros(SAMPLE_RATE // 5)
    return np.concatenate([pad, samples, pad]).astype(np.float32)


@pytest.fixture
def speaker() -> FakeSpeaker:
    return FakeSpeaker()


@pytest.fixture
def metrics(speaker: FakeSpeaker) -> BaselineMetrics:
    return BaselineMetrics(
        speaker, EchoTranscriber(speaker), phonemizer=EchoPhonemizer(), whisper_model="fake"
    )


@pytest.fixture
def recorded(metrics: BaselineMetrics) -> Baseline:
    return metrics.establish_voice_baselines(["af_heart", "am_michael"], PHRASES, ("wav", "flac"))


def clip(speaker: FakeSpeaker, phrase: str = PHRASES[0], voice: str = "af_heart") -> Audio:
    return speaker.synthesize(phrase, voice=voice)


def failed(result: object) -> set[str]:
    return {check.name for check in result.failures}  # type: ignore[attr-defined]


def test_a_baseline_holds_every_voice_phrase_and_format(recorded: Baseline) -> None:
    assert len(recorded.entries) == 2 * 2 * 2
    assert recorded.voices == ("af_heart", "am_michael")
    assert recorded.formats == ("wav", "flac")
    assert recorded.whisper_model == "fake"
    assert all(entry.passed and entry.wer == 0 for entry in recorded.entries)


def test_progress_is_reported_once_per_clip(metrics: BaselineMetrics) -> None:
    seen: list[tuple[int, int]] = []

    metrics.establish_voice_baselines(
        ["af_heart"], PHRASES, ("wav",), progress=lambda d, t, _: seen.append((d, t))
    )

    assert seen == [(1, 2), (2, 2)]


def test_the_same_clip_is_not_degraded(
    metrics: BaselineMetrics, speaker: FakeSpeaker, recorded: Baseline
) -> None:
    result = metrics.check(
        round_trip(clip(speaker), "flac"), voice="af_heart", phrase=PHRASES[0], format="flac"
    )

    assert not result.degraded
    assert all(check.value == pytest.approx(0, abs=1e-3) for check in result.checks)


def test_rechecking_every_voice_flags_nothing(metrics: BaselineMetrics, recorded: Baseline) -> None:
    results = metrics.check_voices()

    assert len(results) == len(recorded.entries)
    assert not [r for r in results if r.degraded]


def test_truncated_audio_is_flagged(
    metrics: BaselineMetrics, speaker: FakeSpeaker, recorded: Baseline
) -> None:
    audio = clip(speaker)
    cut = Audio(audio.samples[: int(len(audio) * 0.7)])

    result = metrics.check(round_trip(cut, "wav"), voice="af_heart", phrase=PHRASES[0])

    assert "voiced_span" in failed(result)


def test_noisy_audio_is_flagged(
    metrics: BaselineMetrics, speaker: FakeSpeaker, recorded: Baseline
) -> None:
    audio = clip(speaker)
    noise = np.random.default_rng(3).normal(0, 0.01, len(audio)).astype(np.float32)

    result = metrics.check(Audio(audio.samples + noise), voice="af_heart", phrase=PHRASES[0])

    assert "noise_floor" in failed(result)


def test_sped_up_audio_is_flagged(
    metrics: BaselineMetrics, speaker: FakeSpeaker, recorded: Baseline
) -> None:
    audio = clip(speaker)
    faster = Audio(Audio(audio.samples, int(SAMPLE_RATE * 1.15)).resample(SAMPLE_RATE).samples)

    result = metrics.check(faster, voice="af_heart", phrase=PHRASES[0])

    assert "voiced_span" in failed(result)


def test_another_voice_is_flagged(
    metrics: BaselineMetrics, speaker: FakeSpeaker, recorded: Baseline
) -> None:
    result = metrics.check(clip(speaker, voice="af_bella"), voice="af_heart", phrase=PHRASES[0])

    assert failed(result) == {"voice_distance"}


def test_wrong_words_are_flagged(
    metrics: BaselineMetrics, speaker: FakeSpeaker, recorded: Baseline
) -> None:
    metrics.recognizer.heard = "the quick brown box jumps over a hazy log"  # type: ignore[attr-defined]

    result = metrics.check(clip(speaker), voice="af_heart", phrase=PHRASES[0])

    assert {"wer", "cer"} <= failed(result)


def test_a_given_report_is_used_instead_of_transcribing(
    metrics: BaselineMetrics, speaker: FakeSpeaker, recorded: Baseline
) -> None:
    audio = clip(speaker)
    report = metrics.validator("en-us").validate_transcription(audio, PHRASES[0])
    metrics.recognizer.heard = "nothing like it"  # type: ignore[attr-defined]

    result = metrics.check(audio, voice="af_heart", phrase=PHRASES[0], report=report)

    assert result.report is report
    assert not result.degraded


def test_a_baseline_survives_json_unchanged(recorded: Baseline, tmp_path: Path) -> None:
    path = recorded.save(tmp_path / "sub" / "baseline.json")

    loaded = Baseline.load(path)

    assert loaded.to_dict() == recorded.to_dict()
    assert [p for p in tmp_path.rglob("*") if p.suffix == ".tmp"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read baseline"),
        ("{not json", "is not JSON"),
        ('{"format_version": 1}', "is not a litetts baseline"),
        ('{"format_version": 99}', "is not a litetts baseline"),
    ],
)
def test_a_bad_baseline_file_is_a_clear_error(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(InvalidInputError, match=message) as caught:
        Baseline.load(path)

    assert caught.value.field == "baseline"


def test_checking_without_a_baseline_is_a_clear_error(
    metrics: BaselineMetrics, speaker: FakeSpeaker
) -> None:
    with pytest.raises(InvalidInputError, match="no baseline"):
        metrics.check(clip(speaker), voice="af_heart", phrase=PHRASES[0])


def test_checking_a_clip_the_baseline_lacks_is_a_clear_error(
    metrics: BaselineMetrics, speaker: FakeSpeaker, recorded: Baseline
) -> None:
    with pytest.raises(InvalidInputError, match="no entry for af_bella"):
        metrics.check(clip(speaker), voice="af_bella", phrase=PHRASES[0])
    with pytest.raises(InvalidInputError, match="no entries for af_bella"):
        metrics.check_voices(["af_bella"])


def test_a_format_that_cannot_be_read_back_fails_before_any_synthesis(
    metrics: BaselineMetrics, speaker: FakeSpeaker
) -> None:
    with pytest.raises(InvalidInputError, match="cannot be read back") as caught:
        metrics.establish_voice_baselines(["af_heart"], PHRASES, ("wav", "aac"))

    assert caught.value.field == "formats"
    assert speaker.spoken == []


@pytest.mark.parametrize(
    ("voices", "phrases", "field"), [([], None, "voices"), (["af_heart"], [], "phrases")]
)
def test_nothing_to_baseline_is_a_clear_error(
    metrics: BaselineMetrics, voices: list[str], phrases: list[str] | None, field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        metrics.establish_voice_baselines(voices, phrases)

    assert caught.value.field == field


def test_each_voice_gets_its_languages_standard_phrases(metrics: BaselineMetrics) -> None:
    recorded = metrics.establish_voice_baselines(["bf_emma"])

    phrases = {entry.phrase for entry in recorded.entries}
    assert any("Manchester" in phrase for phrase in phrases)
    assert {entry.language for entry in recorded.entries} == {"en-gb"}


def test_the_summary_averages_each_voice(recorded: Baseline) -> None:
    rows = recorded.summary()
    table = recorded.summary_markdown()

    assert [(row.voice, row.clips, row.passed, row.wer) for row in rows] == [
        ("af_heart", 4, 4, 0.0),
        ("am_michael", 4, 4, 0.0),
    ]
    assert "| af_heart | en-us | 4 | 4 | 0.0% |" in table
    assert "| en-us | 2 | 0.0% | 0.0% |" in table


def test_english_keeps_the_default_thresholds_and_others_are_looser() -> None:
    assert thresholds_for_language("en-us") == Thresholds()
    assert thresholds_for_language("ja").min_accuracy < Thresholds().min_accuracy


@given(
    name=st.sampled_from(
        ["wer", "cer", "phonetic_similarity", "voiced_span", "noise_floor_db", "voice_distance_db"]
    ),
    value=st.one_of(st.floats(max_value=-1e-9), st.just(math.nan), st.just(math.inf)),
)
def test_a_tolerance_rejects_negative_and_non_finite_values(name: str, value: float) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Tolerance(**{name: value})

    assert caught.value.field == name


def test_round_trips_keep_the_length_of_lossless_formats() -> None:
    audio = Audio(harmonic_speech(0.5, TIMBRES["af_heart"]))

    assert len(round_trip(audio, "wav")) == len(audio)
    assert len(round_trip(audio, "flac")) == len(audio)


def test_an_english_only_whisper_cannot_baseline_another_language(speaker: FakeSpeaker) -> None:
    metrics = BaselineMetrics(
        speaker, EchoTranscriber(speaker), phonemizer=EchoPhonemizer(), whisper_model="tiny.en"
    )

    with pytest.raises(InvalidInputError) as caught:
        metrics.establish_voice_baselines(["af_heart", "jf_alpha"])

    assert caught.value.field == "model_size"
    assert speaker.spoken == []


def test_max_phrases_below_one_is_a_clear_error(metrics: BaselineMetrics) -> None:
    with pytest.raises(InvalidInputError) as caught:
        metrics.establish_voice_baselines(["af_heart"], max_phrases=0)

    assert caught.value.field == "max_phrases"
