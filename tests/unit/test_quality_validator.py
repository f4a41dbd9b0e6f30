"""AudioQualityValidator with a fake recogniser and phonemizer: no model, no espeak."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from litetts.audio import SAMPLE_RATE, Audio
from litetts.errors import InvalidInputError
from litetts.validation.quality import (
    AudioQualityValidator,
    Check,
    QualityReport,
    Thresholds,
    normalize_for_scoring,
    phonetic_similarity,
    speech_units,
    thresholds_for_language,
)
from litetts.validation.transcription import Segment, Transcription, Word

TEXT = "Hello world, how are you today?"


class FixedTranscriber:
    """Hears `text` whatever it is given, with every word at `probability`; records calls."""

    def __init__(self, text: str, probability: float = 0.9) -> None:
        self.text = text
        self.probability = probability
        self.calls: list[str] = []

    def transcribe(self, audio: Audio, /, *, language: str | None) -> Transcription:
        language = language or "en"
        self.calls.append(language)
        words = tuple(
            Word(word, i * 0.3, i * 0.3 + 0.25, self.probability)
            for i, word in enumerate(self.text.split())
        )
        return Transcription(self.text, language, (Segment(self.text, 0.0, 2.0, words),))


class EchoPhonemizer:
    """Its phonemes are the text itself."""

    def phonemize(self, text: str, lang: str) -> str:
        return text


def tone(seconds: float, amplitude: float = 0.3) -> np.ndarray:
    """A 220 Hz tone with a 4 Hz amplitude wobble, like syllables to the RMS checks."""
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    envelope = 0.6 + 0.4 * np.sin(2 * np.pi * 4 * t)
    return (amplitude * envelope * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32)


def speech(seconds: float = 2.0) -> Audio:
    return Audio(tone(seconds))


def validator(heard: str = TEXT, probability: float = 0.9) -> AudioQualityValidator:
    return AudioQualityValidator(FixedTranscriber(heard, probability), phonemizer=EchoPhonemizer())


def check(report: QualityReport, name: str) -> Check:
    return next(c for c in report.checks if c.name == name)


def test_perfect_transcript_passes_every_check() -> None:
    report = validator().validate_transcription(speech(), TEXT)

    assert (0.0, 1.0, True, ()) == (report.wer, report.accuracy, report.passed, report.failures)
    assert [
        "finite",
        "silence",
        "clipping",
        "dc_offset",
        "inner_silence",
        "duration",
        "accuracy",
        "cer",
        "phonetic_similarity",
        "confidence",
    ] == [c.name for c in report.checks]


def test_money_and_its_spoken_form_agree() -> None:
    report = validator("five dollars").validate_transcription(speech(1.0), "$5")

    assert (0.0, 0.0) == (report.wer, report.cer)


def test_normalisation_drops_case_and_punctuation_but_keeps_inner_apostrophes() -> None:
    assert "it's a state of the art test" == normalize_for_scoring(
        "It's a 'state-of-the-art' test!"
    )


def test_one_wrong_word_in_six_costs_one_sixth_of_accuracy() -> None:
    report = validator("Hello world, how are you tonight?").validate_transcription(speech(), TEXT)

    assert pytest.approx(1 - 1 / 6) == report.accuracy


def test_accuracy_below_threshold_fails_with_a_reason() -> None:
    report = validator("yellow word now are blue today").validate_transcription(speech(), TEXT)
    accuracy = check(report, "accuracy")

    assert (False, ">= 0.8") == (accuracy.passed, accuracy.limit)
    assert "below the minimum 0.8" in accuracy.detail
    assert accuracy in report.failures
    assert not report.passed


def test_nan_audio_fails_finite_and_is_not_transcribed() -> None:
    transcriber = FixedTranscriber(TEXT)
    samples = tone(2.0)
    samples[100:200] = np.nan
    quality = AudioQualityValidator(transcriber, phonemizer=EchoPhonemizer())

    report = quality.validate_transcription(Audio(samples), TEXT)

    assert (False, [], "", 1.0) == (
        check(report, "finite").passed,
        transcriber.calls,
        report.heard_text,
        report.wer,
    )


def test_all_zero_audio_fails_silence_and_is_not_transcribed() -> None:
    transcriber = FixedTranscriber(TEXT)
    quality = AudioQualityValidator(transcriber, phonemizer=EchoPhonemizer())

    report = quality.validate_transcription(Audio(silence(2.0)), TEXT)

    assert (False, [], 1.0) == (check(report, "silence").passed, transcriber.calls, report.wer)


def test_clipped_square_wave_fails_clipping() -> None:
    t = np.arange(2 * SAMPLE_RATE) / SAMPLE_RATE
    square = np.sign(np.sin(2 * np.pi * 220 * t)).astype(np.float32)

    report = validator().validate_transcription(Audio(square), TEXT)

    assert False is check(report, "clipping").passed


def test_dc_offset_fails() -> None:
    report = validator().validate_transcription(Audio(tone(2.0) + np.float32(0.1)), TEXT)

    assert (False, pytest.approx(0.1, abs=1e-3)) == (
        check(report, "dc_offset").passed,
        check(report, "dc_offset").value,
    )


def test_two_second_gap_inside_speech_fails_inner_silence() -> None:
    audio = Audio(np.concatenate([tone(1.0), silence(2.0), tone(1.0)]))

    report = validator().validate_transcription(audio, TEXT)

    assert (False, pytest.approx(2.0, abs=0.05)) == (
        check(report, "inner_silence").passed,
        check(report, "inner_silence").value,
    )


def test_leading_and_trailing_silence_is_not_inner_silence() -> None:
    audio = Audio(np.concatenate([silence(3.0), tone(2.0), silence(3.0)]))

    report = validator().validate_transcription(audio, TEXT)

    assert (True, True) == (check(report, "inner_silence").passed, report.passed)


def test_audio_far_too_short_for_the_text_fails_duration() -> None:
    report = validator().validate_transcription(speech(0.3), TEXT)

    assert False is check(report, "duration").passed
    assert "too short" in check(report, "duration").detail


def test_report_round_trips_through_json() -> None:
    report = validator("Hello world, how are you tonight?", 0.75).validate_transcription(
        speech(), TEXT
    )

    assert report.to_dict() == json.loads(report.to_json())
    assert pytest.approx(report.accuracy, abs=1e-4) == json.loads(report.to_json())["accuracy"]


def test_phonetic_similarity_is_one_for_identical_text() -> None:
    report = validator().validate_transcription(speech(), TEXT)

    assert 1.0 == report.phonetic_similarity


def test_phonetic_similarity_drops_for_a_different_word() -> None:
    report = validator("Hello world, how are you tonight?").validate_transcription(speech(), TEXT)

    assert 0.8 < report.phonetic_similarity < 1.0


def test_phonetic_similarity_ignores_stress_marks_and_spaces() -> None:
    assert 1.0 == phonetic_similarity("həlˈoʊ wˈɜːld", "həloʊwɜːld")


def test_confidence_is_the_mean_word_probability() -> None:
    report = validator(probability=0.4).validate_transcription(speech(), TEXT)

    assert (pytest.approx(0.4), False) == (report.confidence, check(report, "confidence").passed)


def test_empty_expected_text_is_rejected() -> None:
    with pytest.raises(InvalidInputError) as caught:
        validator().validate_transcription(speech(), "  ")

    assert "expected_text" == caught.value.field


def test_recogniser_gets_the_whisper_language_code() -> None:
    transcriber = FixedTranscriber(TEXT)
    quality = AudioQualityValidator(transcriber, phonemizer=EchoPhonemizer(), lang="b")

    quality.validate_transcription(speech(), TEXT)

    assert ["en"] == transcriber.calls


def test_audio_is_loaded_from_a_path(tmp_path: os.PathLike[str]) -> None:
    path = speech().save(os.path.join(tmp_path, "clip.wav"))

    report = validator().validate_transcription(path, TEXT)

    assert True is report.passed


def test_custom_thresholds_apply() -> None:
    quality = AudioQualityValidator(
        FixedTranscriber("Hello world, how are you tonight?"),
        phonemizer=EchoPhonemizer(),
        thresholds=Thresholds(min_accuracy=0.9),
    )

    report = quality.validate_transcription(speech(), TEXT)

    assert ["accuracy"] == [c.name for c in report.failures]


def test_bad_threshold_is_rejected() -> None:
    with pytest.raises(InvalidInputError):
        Thresholds(seconds_per_word=(1.0, 0.5))


@pytest.mark.parametrize(
    ("text", "lang", "units"),
    [("hello there my friend", "en-us", 4), ("今天天气很好", "cmn", 6), ("きょうは いい", "ja", 6)],
)
def test_the_duration_check_counts_characters_where_words_have_no_spaces(
    text: str, lang: str, units: int
) -> None:
    assert units == speech_units(text, lang)


def reading_validator(heard: str, lang: str) -> AudioQualityValidator:
    return AudioQualityValidator(FixedTranscriber(heard), phonemizer=EchoPhonemizer(), lang=lang)


@pytest.mark.parametrize(
    ("lang", "said", "heard"),
    [
        ("cmn", "我们明天去北京。", "我們明天去北京"),  # traditional characters
        ("ja", "あしたともだちとこうえんにいきます。", "明日友達と公園に行きます"),  # kanji
        ("hi", "आज मौसम बहुत अच्छा है।", "آج موسم بہت اچھا ہے"),  # Urdu script
    ],
)
def test_another_script_for_the_same_speech_is_no_error(lang: str, said: str, heard: str) -> None:
    pytest.importorskip({"cmn": "pypinyin", "ja": "pyopenjtalk", "hi": "uroman"}[lang])

    report = reading_validator(heard, lang).validate_transcription(speech(), said)

    assert (0.0, 0.0) == (report.cer, report.wer)
    assert "cer" not in {c.name for c in report.failures}


def test_a_wrong_mandarin_syllable_costs_its_letters_of_the_pinyin() -> None:
    pytest.importorskip("pypinyin")

    report = reading_validator("我们后天去北京", "cmn").validate_transcription(
        speech(), "我们明天去北京。"
    )

    # "wo men ming tian qu bei jing" -> "wo men hou tian qu bei jing": 4 edits in 28.
    assert report.cer == pytest.approx(4 / 28)
    assert report.wer == pytest.approx(1 / 7)
    assert "wo men hou tian" in check(report, "accuracy").detail


def test_each_language_is_held_to_its_own_thresholds_by_default() -> None:
    assert reading_validator("x", "hi").thresholds == thresholds_for_language("hi")
    assert reading_validator("x", "en-us").thresholds == Thresholds()


def test_devanagari_vowel_signs_survive_normalisation() -> None:
    assert "आज मौसम बहुत अच्छा है" == normalize_for_scoring("आज मौसम बहुत अच्छा है।", "hi")
