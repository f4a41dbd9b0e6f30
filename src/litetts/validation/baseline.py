"""Per-voice baselines: what each voice sounded like, and whether it still does.

`BaselineMetrics.establish_voice_baselines` speaks the standard phrases (or your own)
in every voice, round-trips each clip through the requested formats, transcribes it
and stores, per voice, phrase and format, the transcript scores (WER, CER, phonetic
similarity, confidence) and the clip's `SpeechProfile` (voice profile, noise floor,
voiced span). `BaselineMetrics.check` measures a new clip the same way and flags it
when it moved further from its baseline entry than `Tolerance` allows:

============================  =====================================  ============
deviation                     catches                                default
============================  =====================================  ============
``wer`` rise                  wrong, dropped or mumbled words         0.15
``cer`` rise                  garbled words                           0.10
``phonetic_similarity`` drop  mispronunciation                        0.10
``voiced_span`` (abs log)     truncated, sped-up or slowed speech     0.05
``noise_floor`` rise (dB)     added noise, hum, encoder artefacts     2.0
``voice_distance`` (dB)       a different voice or a broken style     1.0
============================  =====================================  ============

The defaults come from ``benchmarks/baseline_tolerance.py``: each is at least three
times the largest deviation seen when nothing changed (a re-run, another thread count,
-90 dBFS dither) and at most half the smallest deviation of the damage it is there to
catch (truncation, noise, speed-up, another voice); WER's is one word in ten at least,
the smallest step it takes on a short phrase. docs/quality.md has the figures.

Each language is also held to absolute `Thresholds` (`thresholds_for_language`):
English at the library defaults, languages Whisper hears less well with looser ones.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Protocol

import attrs
from attrs import field, frozen

from litetts.audio import Audio
from litetts.errors import InvalidInputError
from litetts.files import atomic_write
from litetts.g2p import Phonemizer, language_for_voice
from litetts.kokoro import parse_voice
from litetts.validation.fingerprint import SpeechProfile, speech_profile, voice_distance_db
from litetts.validation.phrases import PHRASES_VERSION, standard_phrases
from litetts.validation.quality import (
    AudioQualityValidator,
    Check,
    QualityReport,
    Thresholds,
    finite_non_negative,
)
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

BASELINE_FORMAT_VERSION: Final = 1
BASELINE_FORMATS: Final = ("wav", "flac", "ogg", "opus", "mp3")
"""Formats a baseline can round-trip: those `Audio.load` reads back."""

_DIGITS: Final = 4

# Absolute thresholds per language; see docs/quality.md for the measurements behind them.
# English is held to the library defaults. Whisper base hears the other languages Kokoro
# speaks less reliably (and espeak's Japanese and Mandarin G2P is weak), so those get
# looser limits; Japanese and Mandarin are written without spaces, so their "words" are
# whole sentences and only CER and the signal checks mean anything there.
_LANGUAGE_THRESHOLDS: Final[Mapping[str, Thresholds]] = {
    "es": Thresholds(min_accuracy=0.6, max_cer=0.3, min_confidence=0.3),
    "fr-fr": Thresholds(min_accuracy=0.6, max_cer=0.3, min_confidence=0.3),
    "it": Thresholds(min_accuracy=0.6, max_cer=0.3, min_confidence=0.3),
    "pt-br": Thresholds(min_accuracy=0.5, max_cer=0.35, min_confidence=0.3),
    "hi": Thresholds(min_accuracy=0.0, max_cer=1.0, min_phonetic_similarity=0.0, min_confidence=0),
    # A kana is one mora, about 0.1 s: the duration check counts characters here.
    "ja": Thresholds(
        min_accuracy=0.0,
        max_cer=1.0,
        min_phonetic_similarity=0.0,
        min_confidence=0,
        seconds_per_word=(0.05, 1.2),
    ),
    "cmn": Thresholds(min_accuracy=0.0, max_cer=1.0, min_phonetic_similarity=0.0, min_confidence=0),
}


def thresholds_for_language(lang: str) -> Thresholds:
    """The absolute `Thresholds` a clip in `lang` (a `resolve_language` code) must pass."""
    return _LANGUAGE_THRESHOLDS.get(lang, Thresholds())


@frozen
class Tolerance:
    """How far a clip may move from its baseline entry before it counts as degraded."""

    wer: float = field(default=0.15, validator=finite_non_negative)
    """Largest rise in word error rate."""
    cer: float = field(default=0.10, validator=finite_non_negative)
    """Largest rise in character error rate."""
    phonetic_similarity: float = field(default=0.10, validator=finite_non_negative)
    """Largest drop in phonetic similarity."""
    voiced_span: float = field(default=0.05, validator=finite_non_negative)
    """Largest ``|ln(voiced / baseline voiced)|``: 0.05 is about 5% longer or shorter."""
    noise_floor_db: float = field(default=2.0, validator=finite_non_negative)
    """Largest rise of the noise floor, in dB."""
    voice_distance_db: float = field(default=1.0, validator=finite_non_negative)
    """Largest voice-profile distance from the baseline clip, in dB RMS."""


@frozen
class BaselineEntry:
    """One clip of a baseline: a voice saying a phrase, stored in a format."""

    voice: str
    language: str
    phrase: str
    format: str
    heard_text: str
    wer: float
    cer: float
    phonetic_similarity: float
    confidence: float
    passed: bool
    """The clip passed its language's absolute `Thresholds` when it was recorded."""
    profile: SpeechProfile

    @property
    def key(self) -> tuple[str, str, str]:
        """``(voice, phrase, format)``."""
        return (self.voice, self.phrase, self.format)


@frozen
class BaselineCheck:
    """A clip compared with its baseline entry: one `Check` per deviation."""

    voice: str
    phrase: str
    format: str
    checks: tuple[Check, ...]
    report: QualityReport
    """The clip's own quality report (absolute thresholds, for information)."""

    @property
    def degraded(self) -> bool:
        """Some deviation is beyond its tolerance."""
        return any(not check.passed for check in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        """The deviations beyond tolerance."""
        return tuple(check for check in self.checks if not check.passed)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "voice": self.voice,
            "phrase": self.phrase,
            "format": self.format,
            "degraded": self.degraded,
            "heard_text": self.report.heard_text,
            "checks": [
                {
                    "name": check.name,
                    "passed": check.passed,
                    "value": None if check.value is None else round(check.value, _DIGITS),
                    "limit": check.limit,
                    "detail": check.detail,
                }
                for check in self.checks
            ],
        }


def _round_floats(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, _DIGITS)
    if isinstance(value, dict):
        return {key: _round_floats(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_round_floats(item) for item in value]
    return value


@frozen
class VoiceSummary:
    """One voice's figures in a baseline, averaged over its clips."""

    voice: str
    language: str
    clips: int
    passed: int
    """Clips that passed the language's absolute thresholds."""
    wer: float
    cer: float
    phonetic_similarity: float
    confidence: float


@frozen
class Baseline:
    """A set of `BaselineEntry`, with what produced them; saved as JSON."""

    entries: tuple[BaselineEntry, ...]
    litetts_version: str
    model_sha256: str | None
    whisper_model: str
    phrases_version: int
    created: str
    tolerance: Tolerance = field(factory=Tolerance)
    model_variant: str | None = None
    """The prepared form of the model that spoke (``int8-static``, ``original``...)."""

    def entry(self, voice: str, phrase: str, format: str = "wav") -> BaselineEntry | None:
        """The entry for `voice` saying `phrase` in `format`, or None."""
        for entry in self.entries:
            if entry.key == (voice, phrase, format):
                return entry
        return None

    @property
    def voices(self) -> tuple[str, ...]:
        """The voices in the baseline, in recording order."""
        return tuple(dict.fromkeys(entry.voice for entry in self.entries))

    @property
    def formats(self) -> tuple[str, ...]:
        """The formats in the baseline."""
        return tuple(dict.fromkeys(entry.format for entry in self.entries))

    def summary(self) -> list[VoiceSummary]:
        """Per-voice means, in recording order."""
        rows = []
        for voice in self.voices:
            mine = [entry for entry in self.entries if entry.voice == voice]
            count = len(mine)
            rows.append(
                VoiceSummary(
                    voice=voice,
                    language=mine[0].language,
                    clips=count,
                    passed=sum(entry.passed for entry in mine),
                    wer=sum(entry.wer for entry in mine) / count,
                    cer=sum(entry.cer for entry in mine) / count,
                    phonetic_similarity=sum(entry.phonetic_similarity for entry in mine) / count,
                    confidence=sum(entry.confidence for entry in mine) / count,
                )
            )
        return rows

    def summary_markdown(self) -> str:
        """`summary` as a Markdown table, with the language means below it."""
        lines = [
            "| voice | language | clips | passed | WER | CER | phonetic similarity |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        rows = self.summary()
        lines += [
            f"| {row.voice} | {row.language} | {row.clips} | {row.passed} | {row.wer:.1%} "
            f"| {row.cer:.1%} | {row.phonetic_similarity:.3f} |"
            for row in rows
        ]
        lines += ["", "| language | voices | mean WER | mean CER |", "| --- | ---: | ---: | ---: |"]
        for lang in dict.fromkeys(row.language for row in rows):
            entries = [entry for entry in self.entries if entry.language == lang]
            voices = len({entry.voice for entry in entries})
            wer = sum(entry.wer for entry in entries) / len(entries)
            cer = sum(entry.cer for entry in entries) / len(entries)
            lines.append(f"| {lang} | {voices} | {wer:.1%} | {cer:.1%} |")
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict, floats rounded to 4 decimals."""
        raw = attrs.asdict(self, recurse=True)
        raw["format_version"] = BASELINE_FORMAT_VERSION
        return dict(_round_floats(raw))

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the baseline as JSON, atomically (a crash never leaves half a file)."""
        text = json.dumps(self.to_dict(), indent=1, ensure_ascii=False, allow_nan=False)
        target = atomic_write(path, text + "\n")
        return target

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        """Read a baseline JSON file.

        Raises:
            InvalidInputError: the file is missing, not JSON, or not a litetts baseline.
        """
        source = Path(path)
        try:
            raw = json.loads(source.read_text(encoding="utf-8"))
        except OSError as err:
            raise InvalidInputError(
                f"cannot read baseline {source}: {err.strerror or err}; create one with "
                "`litetts baseline create`",
                field="baseline",
            ) from err
        except ValueError as err:
            raise InvalidInputError(
                f"baseline {source} is not JSON: {err}", field="baseline"
            ) from err
        try:
            return cls.from_dict(raw)
        except (KeyError, TypeError, ValueError) as err:
            raise InvalidInputError(
                f"baseline {source} is not a litetts baseline: {err!r}", field="baseline"
            ) from err

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Baseline:
        """The inverse of `to_dict`."""
        version = raw.get("format_version")
        if version != BASELINE_FORMAT_VERSION:
            raise ValueError(f"format_version {version!r}, expected {BASELINE_FORMAT_VERSION}")
        entries = tuple(
            BaselineEntry(**{**item, "profile": SpeechProfile(**item["profile"])})
            for item in raw["entries"]
        )
        return cls(
            entries=entries,
            litetts_version=str(raw["litetts_version"]),
            model_sha256=raw["model_sha256"],
            whisper_model=str(raw["whisper_model"]),
            phrases_version=int(raw["phrases_version"]),
            created=str(raw["created"]),
            tolerance=Tolerance(**raw["tolerance"]),
            model_variant=raw.get("model_variant"),
        )


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
        """The quality validator for `lang`, with that language's thresholds."""
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
    ) -> Baseline:
        """Speak, round-trip, transcribe and measure every phrase in every voice.

        Args:
            voices: voice ids or blends; all 55 voices when None.
            phrases: the same phrases for every voice; each voice's standard phrases
                (`litetts.validation.phrases.standard_phrases`) when None.
            formats: formats each clip is round-tripped through (see `BASELINE_FORMATS`).
            progress: called after each clip.

        Returns:
            The new baseline, also kept as ``self.baseline``.

        Raises:
            InvalidInputError: no voices, an unreadable format, or a voice whose
                language has no standard phrases and no `phrases` were given.
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
        plan = [(voice, phrase) for voice in chosen for phrase in self._phrases(voice, phrases)]
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
            checks=_deviations(entry, measured, self._require_baseline().tolerance),
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


def _deviations(
    baseline: BaselineEntry, measured: BaselineEntry, tolerance: Tolerance
) -> tuple[Check, ...]:
    voiced = measured.profile.voiced_s
    base_voiced = baseline.profile.voiced_s
    span = abs(math.log(voiced / base_voiced)) if voiced > 0 and base_voiced > 0 else math.inf
    noise = measured.profile.noise_floor_db - baseline.profile.noise_floor_db
    distance = voice_distance_db(measured.profile, baseline.profile)
    return (
        Check.at_most(
            "wer",
            measured.wer - baseline.wer,
            tolerance.wer,
            f"WER {measured.wer:.3f} vs {baseline.wer:.3f}, rise",
        ),
        Check.at_most(
            "cer",
            measured.cer - baseline.cer,
            tolerance.cer,
            f"CER {measured.cer:.3f} vs {baseline.cer:.3f}, rise",
        ),
        Check.at_most(
            "phonetic_similarity",
            baseline.phonetic_similarity - measured.phonetic_similarity,
            tolerance.phonetic_similarity,
            f"phonetic similarity {measured.phonetic_similarity:.3f} vs "
            f"{baseline.phonetic_similarity:.3f}, drop",
        ),
        Check.at_most(
            "voiced_span",
            span,
            tolerance.voiced_span,
            f"voiced {voiced:.2f} s vs {base_voiced:.2f} s, |ln ratio|",
        ),
        Check.at_most(
            "noise_floor",
            noise,
            tolerance.noise_floor_db,
            f"noise floor {measured.profile.noise_floor_db:.1f} dB vs "
            f"{baseline.profile.noise_floor_db:.1f} dB, rise",
        ),
        Check.at_most(
            "voice_distance", distance, tolerance.voice_distance_db, "voice profile distance (dB)"
        ),
    )


def _all_voices() -> list[str]:
    from litetts.kokoro import catalogue

    return [info.id for info in catalogue() if info.blend_of is None]
