"""Per-voice baselines: what each voice sounded like, and whether it still does.

`BaselineMetrics.establish_voice_baselines` speaks the standard phrases (or your own)
in every voice, round-trips each clip through the requested formats, transcribes it
and stores, per voice, phrase and format, the transcript scores (WER, CER, phonetic
similarity, confidence) and the clip's `SpeechProfile` (voice profile, noise floor,
voiced span) as a `Baseline`. `BaselineMetrics.check` measures a new clip the same way
and flags it when it moved further from its baseline entry than `Tolerance` allows
(`litetts.validation.tolerance` has the table of deviations and their defaults).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Final, Protocol

from litetts.audio import Audio
from litetts.errors import InvalidInputError
from litetts.g2p import Phonemizer, language_for_voice
from litetts.kokoro import parse_voice
from litetts.validation.baseline_file import Baseline
from litetts.validation.baseline_records import BaselineCheck, BaselineEntry
from litetts.validation.baseline_summary import VoiceSummary
from litetts.validation.deviation import deviations
from litetts.validation.fingerprint import speech_profile
from litetts.validation.phrases import PHRASES_VERSION, standard_phrases
from litetts.validation.quality import AudioQualityValidator, QualityReport
from litetts.validation.thresholds import thresholds_for_language
from litetts.validation.tolerance import Tolerance
from litetts.validation.transcription import Transcriber
from litetts.version import __version__

__all__ = [
    "BASELINE_FORMATS",
    "Baseline",
    "BaselineCheck",
    "BaselineEntry",
    "BaselineMetrics",
    "Tolerance",
    "VoiceSummary",
    "round_trip",
    "thresholds_for_language",
]

logger = logging.getLogger(__name__)

BASELINE_FORMATS: Final = ("wav", "flac", "ogg", "opus", "mp3")
"""Formats a baseline can round-trip: those `Audio.load` reads back."""


class Speaker(Protocol):
    """What a baseline needs of a `litetts.Synthesizer`."""

    def synthesize(
        self,
        text: str,
        voice: str | None = None,
        speed: float | None = None,
        lang: str | None = None,
    ) -> Audio:
        """Speak `text`."""
        ...


Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, what)`` after each clip."""


def round_trip(audio: Audio, format: str) -> Audio:
    """`audio` encoded to `format` and decoded again, as a listener would receive it.

    Raises:
        InvalidInputError: `format` is not one of `BASELINE_FORMATS`.
    """
    if format not in BASELINE_FORMATS:
        raise InvalidInputError(
            f"format {format!r} cannot be read back for a baseline; use one of "
            + ", ".join(BASELINE_FORMATS),
            field="formats",
        )
    if format == "wav":
        return Audio(audio.to_int16().astype("float32") / 32767.0, audio.sample_rate)
    with tempfile.TemporaryDirectory(prefix="litetts-baseline-") as folder:
        path = audio.save(Path(folder) / f"clip.{format}")
        return Audio.load(path)


def _language(voice: str) -> str:
    return language_for_voice(parse_voice(voice)[0].voice)


class BaselineMetrics:
    """Records per-voice baselines and checks new audio against them.

    Args:
        synthesizer: speaks the phrases (a `litetts.Synthesizer`).
        recognizer: transcribes the clips (a `WhisperValidator`); name its model in
            `whisper_model` so the baseline records it.
        baseline: an existing baseline to `check` against; `establish_voice_baselines`
            replaces it.
        tolerance: limits for new baselines; `Tolerance()` when None.
        model_sha256: the Kokoro model's digest, recorded in the baseline.
        whisper_model: the recognizer's model name, recorded in the baseline.
        phonemizer: for phonetic similarity; `default_phonemizer()` when None.
        model_variant: the model variant speaking, recorded in the baseline.
    """

    def __init__(
        self,
        synthesizer: Speaker,
        recognizer: Transcriber,
        *,
        baseline: Baseline | None = None,
        tolerance: Tolerance | None = None,
        model_sha256: str | None = None,
        whisper_model: str = "base",
        phonemizer: Phonemizer | None = None,
        model_variant: str | None = None,
    ) -> None:
        self.synthesizer = synthesizer
        self.recognizer = recognizer
        self.baseline = baseline
        self.tolerance = tolerance if tolerance is not None else Tolerance()
        self.model_sha256 = model_sha256
        self.whisper_model = whisper_model
        self.model_variant = model_variant
        self.phonemizer = phonemizer
        self._validators: dict[str, AudioQualityValidator] = {}

    def validator(self, lang: str) -> AudioQualityValidator:
        """The quality validator for `lang`, with that language's thresholds.

        Raises:
            InvalidInputError: the recognizer is an English-only Whisper (``*.en``) and
                `lang` is not English.
        """
        if self.whisper_model.endswith(".en") and not lang.startswith("en"):
            raise InvalidInputError(
                f"Whisper {self.whisper_model} hears only English, and {lang} voices need a "
                "multilingual model: use base",
                field="model_size",
            )
        if lang not in self._validators:
            self._validators[lang] = AudioQualityValidator(
                self.recognizer,
                thresholds=thresholds_for_language(lang),
                phonemizer=self.phonemizer,
                lang=lang,
            )
        return self._validators[lang]

    def establish_voice_baselines(
        self,
        voices: Iterable[str] | None = None,
        phrases: Sequence[str] | None = None,
        formats: Sequence[str] = ("wav",),
        *,
        progress: Progress | None = None,
        max_phrases: int | None = None,
    ) -> Baseline:
        """Speak, round-trip, transcribe and measure every phrase in every voice.

        Args:
            voices: voice ids or blends; all 55 voices when None.
            phrases: the same phrases for every voice; each voice's standard phrases
                (`litetts.validation.phrases.standard_phrases`) when None.
            formats: formats each clip is round-tripped through (see `BASELINE_FORMATS`).
            progress: called after each clip.
            max_phrases: each voice speaks at most its first this many phrases (a
                quicker baseline of every voice); all when None.

        Returns:
            The new baseline, also kept as ``self.baseline``.

        Raises:
            InvalidInputError: no voices, an unreadable format, a voice whose
                language has no standard phrases and no `phrases` were given, or
                `max_phrases` below 1.
            VoiceNotFoundError: a voice is unknown.
        """
        chosen = list(voices) if voices is not None else _all_voices()
        formats = tuple(dict.fromkeys(formats))
        if not chosen:
            raise InvalidInputError("no voices to baseline", field="voices")
        if not formats:
            raise InvalidInputError("no formats to baseline", field="formats")
        for format in formats:
            round_trip(Audio.silence(0.01), format)  # fail on a bad format before any work
        for voice in chosen:
            self.validator(_language(voice))  # and on a voice the recognizer cannot hear
        if max_phrases is not None and max_phrases < 1:
            raise InvalidInputError(
                f"max_phrases must be at least 1, got {max_phrases}", field="max_phrases"
            )
        plan = [
            (voice, phrase)
            for voice in chosen
            for phrase in self._phrases(voice, phrases)[:max_phrases]
        ]
        total = len(plan) * len(formats)
        entries: list[BaselineEntry] = []
        for voice, phrase in plan:
            audio = self.synthesizer.synthesize(phrase, voice=voice)
            for format in formats:
                entries.append(self._measure(voice, phrase, format, round_trip(audio, format))[0])
                if progress is not None:
                    progress(len(entries), total, f"{voice} {format}: {phrase[:40]}")
        self.baseline = Baseline(
            entries=tuple(entries),
            litetts_version=__version__,
            model_sha256=self.model_sha256,
            whisper_model=self.whisper_model,
            phrases_version=PHRASES_VERSION,
            created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            tolerance=self.tolerance,
            model_variant=self.model_variant,
        )
        return self.baseline

    def check(
        self,
        audio_or_path: Audio | str | os.PathLike[str],
        *,
        voice: str,
        phrase: str,
        format: str = "wav",
        report: QualityReport | None = None,
    ) -> BaselineCheck:
        """Compare a clip of `voice` saying `phrase` with its baseline entry.

        Args:
            audio_or_path: the clip as received (already in `format`), or its file.
            report: the clip's `QualityReport` if you have one; transcribed here if not.

        Raises:
            InvalidInputError: no baseline yet, or it has no entry for this clip.
        """
        entry = self._entry(voice, phrase, format)
        audio = audio_or_path if isinstance(audio_or_path, Audio) else Audio.load(audio_or_path)
        measured, report = self._measure(voice, phrase, format, audio, report)
        return BaselineCheck(
            voice=voice,
            phrase=phrase,
            format=format,
            checks=deviations(entry, measured, self._require_baseline().tolerance),
            report=report,
        )

    def check_voices(
        self,
        voices: Iterable[str] | None = None,
        formats: Sequence[str] | None = None,
        *,
        progress: Progress | None = None,
    ) -> list[BaselineCheck]:
        """Speak every baseline phrase again and `check` it (all baseline voices by default).

        Raises:
            InvalidInputError: no baseline, or a voice or format it does not hold.
        """
        baseline = self._require_baseline()
        chosen = list(voices) if voices is not None else list(baseline.voices)
        chosen_formats = tuple(formats) if formats is not None else baseline.formats
        plan = [
            (voice, entry.phrase)
            for voice in chosen
            for entry in baseline.entries
            if entry.voice == voice and entry.format == chosen_formats[0]
        ]
        missing = [voice for voice in chosen if voice not in baseline.voices]
        if missing:
            raise InvalidInputError(
                f"the baseline has no entries for {', '.join(missing)}; re-create it with "
                "those voices",
                field="voices",
            )
        total = len(plan) * len(chosen_formats)
        results: list[BaselineCheck] = []
        for voice, phrase in plan:
            audio = self.synthesizer.synthesize(phrase, voice=voice)
            for format in chosen_formats:
                results.append(
                    self.check(round_trip(audio, format), voice=voice, phrase=phrase, format=format)
                )
                if progress is not None:
                    progress(len(results), total, f"{voice} {format}: {phrase[:40]}")
        return results

    def _phrases(self, voice: str, phrases: Sequence[str] | None) -> tuple[str, ...]:
        if phrases is not None:
            if not phrases:
                raise InvalidInputError("no phrases to baseline", field="phrases")
            return tuple(phrases)
        lang = _language(voice)
        found = standard_phrases(lang)
        if not found:
            raise InvalidInputError(
                f"no standard phrases for {lang} (voice {voice}); pass phrases", field="phrases"
            )
        return found

    def _require_baseline(self) -> Baseline:
        if self.baseline is None:
            raise InvalidInputError(
                "no baseline to check against: establish one or load one with Baseline.load",
                field="baseline",
            )
        return self.baseline

    def _entry(self, voice: str, phrase: str, format: str) -> BaselineEntry:
        entry = self._require_baseline().entry(voice, phrase, format)
        if entry is None:
            raise InvalidInputError(
                f"the baseline has no entry for {voice} saying {phrase[:40]!r} in {format}",
                field="voice",
            )
        return entry

    def _measure(
        self,
        voice: str,
        phrase: str,
        format: str,
        audio: Audio,
        report: QualityReport | None = None,
    ) -> tuple[BaselineEntry, QualityReport]:
        lang = _language(voice)
        if report is None:
            report = self.validator(lang).validate_transcription(audio, phrase)
        entry = BaselineEntry(
            voice=voice,
            language=lang,
            phrase=phrase,
            format=format,
            heard_text=report.heard_text,
            wer=report.wer,
            cer=report.cer,
            phonetic_similarity=report.phonetic_similarity,
            confidence=report.confidence,
            passed=report.passed,
            profile=speech_profile(audio),
        )
        return entry, report


def _all_voices() -> list[str]:
    from litetts.kokoro import catalogue

    return [info.id for info in catalogue() if info.blend_of is None]
