"""Score synthesised speech: what a recogniser heard against what we meant to say.

`AudioQualityValidator.validate_transcription` returns a `QualityReport` whose
`checks` each name a measurement, its value, the limit from `Thresholds` and why
it failed. The report `passed` when every check did.

Signal checks run first, on the raw samples (see `litetts.validation.signal_checks`):

- ``finite``: no NaN or infinite sample (a broken model run).
- ``silence``: RMS at least ``min_rms`` (nothing, or almost nothing, was spoken).
- ``clipping``: at most ``max_clipped_fraction`` of samples at full scale (distortion).
- ``dc_offset``: mean sample within ``±max_dc_offset`` (a biased or broken signal path).
- ``inner_silence``: no run of 20 ms frames under -50 dBFS longer than
  ``max_inner_silence_s`` between the first and last sound (dropouts, stalls);
  leading and trailing silence are not counted.
- ``duration``: the voiced span divided by the number of words of the normalised
  expected text (characters in Japanese and Mandarin, see `speech_units`), times the
  speaking speed, within ``seconds_per_word`` (truncated audio, runaway generation,
  wrong text).

Non-finite or silent audio is not transcribed: the heard text is empty and WER is 1.
Otherwise the recogniser transcribes the clip and four more checks follow:

- ``accuracy``: ``max(0, 1 - WER)`` at least ``min_accuracy``.
- ``cer``: character error rate at most ``max_cer``.
- ``phonetic_similarity``: at least ``min_phonetic_similarity`` (see below).
- ``confidence``: mean word probability at least ``min_confidence`` (0 without words).

Normalisation, applied to both the expected and the heard text before scoring:

1. `litetts.text.normalize` in the validator's language, so numbers, money, dates
   and abbreviations become words ("$5" and "five dollars" agree);
2. lower-case; hyphens and dashes become spaces ("state-of-the-art");
3. punctuation is removed, except apostrophes inside words ("it's" stays);
4. whitespace collapses to single spaces.

WER and CER come from jiwer on the normalised texts. Phonetic similarity is
``1 - Levenshtein(a, b) / max(len(a), len(b))`` over the phoneme strings of the two
normalised texts with stress marks and spaces removed, so homophones the recogniser
spells differently ("their"/"there") still score 1.

Japanese, Mandarin and Hindi are scored on readings instead
(`litetts.validation.readings.spoken_reading`), because Whisper writes them in other
characters than the reference without mishearing anything: Japanese as katakana,
Mandarin as toneless pinyin syllables, Hindi as the consonant skeleton of its uroman
romanisation (Whisper base writes Hindi in Devanagari, Urdu or Latin letters). WER and
CER compare the readings (WER over pinyin syllables or skeleton words; a katakana
reading has no spaces, so Japanese WER is per sentence and only CER is judged there).
Phonetic similarity compares Kokoro's phonemes of both sides for Japanese and Mandarin,
whose phonemizers read any script, and the skeletons for Hindi, which espeak-ng cannot
read in Urdu script. These readings need the ``ja``, ``zh`` and ``validation`` extras,
loaded on first use.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import unicodedata
from typing import Final

from attrs import frozen

from litetts.audio import Audio
from litetts.errors import InvalidInputError, MissingDependencyError
from litetts.g2p import Phonemizer, default_phonemizer, resolve_language
from litetts.text import normalize
from litetts.validation.readings import READING_LANGUAGES, spoken_reading
from litetts.validation.signal_checks import Check, measure_signal, signal_checks
from litetts.validation.thresholds import Thresholds, thresholds_for_language
from litetts.validation.transcription import Transcriber, Transcription

__all__ = [
    "AudioQualityValidator",
    "Check",
    "QualityReport",
    "Thresholds",
    "normalize_for_scoring",
    "phonetic_similarity",
]

logger = logging.getLogger(__name__)

_DIGITS: Final = 4
_STRESS: Final = str.maketrans("", "", "ˈˌ")
# Phonemizer language -> Whisper language code.
_WHISPER_LANGUAGES: Final = {"cmn": "zh"}
_DASHES: Final = re.compile(r"[-\u2010-\u2015\u2212]")
_NOT_WORD: Final = re.compile(r"[^\w\s']|_")
_LOOSE_APOSTROPHE: Final = re.compile(r"(?<!\w)'|'(?!\w)")
_SPACES: Final = re.compile(r"\s+")
_CHARACTER_LANGUAGES: Final = frozenset({"ja", "cmn"})


def _rounded(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, _DIGITS)


@frozen
class QualityReport:
    """How well a clip says its expected text; scores are in 0..1 unless noted."""

    expected_text: str
    heard_text: str
    wer: float
    """Word error rate on normalised text; may exceed 1 with many insertions."""
    cer: float
    accuracy: float
    """``max(0, 1 - wer)``."""
    phonetic_similarity: float
    confidence: float
    duration_s: float
    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        """Every check passed."""
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        """The checks that failed, in order."""
        return tuple(check for check in self.checks if not check.passed)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict; floats rounded to 4 decimals, non-finite ones as None."""
        return {
            "expected_text": self.expected_text,
            "heard_text": self.heard_text,
            "passed": self.passed,
            "wer": _rounded(self.wer),
            "cer": _rounded(self.cer),
            "accuracy": _rounded(self.accuracy),
            "phonetic_similarity": _rounded(self.phonetic_similarity),
            "confidence": _rounded(self.confidence),
            "duration_s": _rounded(self.duration_s),
            "checks": [
                {
                    "name": check.name,
                    "passed": check.passed,
                    "value": _rounded(check.value),
                    "limit": check.limit,
                    "detail": check.detail,
                }
                for check in self.checks
            ],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)


def normalize_for_scoring(text: str, lang: str = "en-us") -> str:
    """`text` as both sides are compared: spoken words, lower-case, no punctuation."""
    text = normalize(text, lang).lower().replace("\u2019", "'")
    text = _DASHES.sub(" ", text)
    text = _NOT_WORD.sub(_space_unless_mark, text)
    text = _LOOSE_APOSTROPHE.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _space_unless_mark(match: re.Match[str]) -> str:
    """A space for punctuation; a combining mark (a Devanagari vowel sign) stays."""
    return match[0] if unicodedata.category(match[0]).startswith("M") else " "


def speech_units(normalized: str, lang: str) -> int:
    """What the duration check counts as words: words, or characters in Japanese and
    Mandarin, which are written without spaces (a kana is a mora, a hanzi a syllable)."""
    if lang in _CHARACTER_LANGUAGES:
        return sum(1 for char in normalized if char.isalnum())
    return len(normalized.split())


def _levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def phonetic_similarity(expected: str, heard: str) -> float:
    """``1 - edit distance / longer length`` of two phoneme strings, ignoring stress and spaces.

    Two empty strings are identical (1.0).
    """
    a = "".join(expected.translate(_STRESS).split())
    b = "".join(heard.translate(_STRESS).split())
    longest = max(len(a), len(b))
    return 1.0 if longest == 0 else 1.0 - _levenshtein(a, b) / longest


def _error_rates(reference: str, hypothesis: str) -> tuple[float, float]:
    try:
        import jiwer
    except ImportError as err:
        raise MissingDependencyError("quality scoring", "validation", "jiwer") from err
    if not hypothesis:
        return 1.0, 1.0
    return float(jiwer.wer(reference, hypothesis)), float(jiwer.cer(reference, hypothesis))


class AudioQualityValidator:
    """Checks a clip's signal, transcribes it and scores it against its expected text."""

    def __init__(
        self,
        validator: Transcriber,
        *,
        thresholds: Thresholds | None = None,
        phonemizer: Phonemizer | None = None,
        lang: str = "en-us",
    ) -> None:
        """Wrap a recogniser.

        Args:
            validator: transcribes the clips, e.g. a `WhisperValidator`.
            thresholds: limits for the checks; `thresholds_for_language(lang)` when None.
            phonemizer: for phonetic similarity; `default_phonemizer()` on first use.
            lang: the language of the expected text, as `litetts.g2p.resolve_language` takes it.
        """
        self.validator = validator
        self.lang = resolve_language(lang)
        self.thresholds = thresholds_for_language(self.lang) if thresholds is None else thresholds
        self._phonemizer = phonemizer

    @property
    def phonemizer(self) -> Phonemizer:
        """The phonemizer used for phonetic similarity."""
        if self._phonemizer is None:
            self._phonemizer = default_phonemizer()
        return self._phonemizer

    @property
    def whisper_language(self) -> str:
        """The language code passed to the recogniser (``"en"`` for ``"en-us"``)."""
        return _WHISPER_LANGUAGES.get(self.lang, self.lang.split("-")[0])

    def validate_transcription(
        self,
        audio_or_path: Audio | str | os.PathLike[str],
        expected_text: str,
        *,
        speed: float = 1.0,
    ) -> QualityReport:
        """Score `audio_or_path` as a reading of `expected_text`.

        Args:
            audio_or_path: the clip, or a file `Audio.load` reads.
            expected_text: what the clip should say, as written (numbers and all).
            speed: the speaking speed it was synthesised at; scales the duration check.

        Raises:
            InvalidInputError: `expected_text` has no words, `speed` is not positive, or
                the file cannot be read.
        """
        expected = normalize_for_scoring(expected_text, self.lang)
        if not expected:
            raise InvalidInputError(
                f"expected_text {expected_text!r} has no words to compare; pass the text "
                "the audio should say",
                field="expected_text",
            )
        if not (math.isfinite(speed) and speed > 0):
            raise InvalidInputError(f"speed must be > 0, got {speed!r}", field="speed")
        audio = audio_or_path if isinstance(audio_or_path, Audio) else Audio.load(audio_or_path)
        limits = self.thresholds
        measured = measure_signal(audio)
        checks = signal_checks(
            measured,
            words=speech_units(expected, self.lang),
            speed=speed,
            min_rms=limits.min_rms,
            max_clipped_fraction=limits.max_clipped_fraction,
            max_dc_offset=limits.max_dc_offset,
            max_inner_silence_s=limits.max_inner_silence_s,
            seconds_per_word=limits.seconds_per_word,
        )
        if measured.non_finite_fraction > 0 or measured.rms < limits.min_rms:
            logger.debug("not transcribing: the audio is non-finite or silent")
            return self._report(expected_text, expected, audio, checks, None)
        transcription = self.validator.transcribe(audio, language=self.whisper_language)
        return self._report(expected_text, expected, audio, checks, transcription)

    def _report(
        self,
        expected_text: str,
        expected: str,
        audio: Audio,
        checks: tuple[Check, ...],
        transcription: Transcription | None,
    ) -> QualityReport:
        limits = self.thresholds
        if transcription is None:
            heard_text, wer, cer, similarity, confidence = "", 1.0, 1.0, 0.0, 0.0
            skipped = "not transcribed: the audio is non-finite or silent"
            metric_checks: tuple[Check, ...] = tuple(
                Check(name, False, None, limit, skipped)
                for name, limit in (
                    ("accuracy", f">= {limits.min_accuracy:g}"),
                    ("cer", f"<= {limits.max_cer:g}"),
                    ("phonetic_similarity", f">= {limits.min_phonetic_similarity:g}"),
                    ("confidence", f">= {limits.min_confidence:g}"),
                )
            )
        else:
            heard_text = transcription.text.strip()
            heard, wer, cer, similarity = self._scores(expected_text, expected, heard_text)
            probabilities = [word.probability for word in transcription.words]
            confidence = sum(probabilities) / len(probabilities) if probabilities else 0.0
            accuracy = max(0.0, 1.0 - wer)
            metric_checks = (
                Check.at_least("accuracy", accuracy, limits.min_accuracy, f"1 - WER ({heard!r})"),
                Check.at_most("cer", cer, limits.max_cer, "character error rate"),
                Check.at_least(
                    "phonetic_similarity",
                    similarity,
                    limits.min_phonetic_similarity,
                    "phoneme similarity",
                ),
                Check.at_least(
                    "confidence", confidence, limits.min_confidence, "mean word probability"
                ),
            )
        report = QualityReport(
            expected_text=expected_text,
            heard_text=heard_text,
            wer=wer,
            cer=cer,
            accuracy=max(0.0, 1.0 - wer),
            phonetic_similarity=similarity,
            confidence=confidence,
            duration_s=audio.duration,
            checks=checks + metric_checks,
        )
        logger.debug(
            "quality: wer=%.3f passed=%s failures=%s",
            wer,
            report.passed,
            [check.name for check in report.failures],
        )
        return report

    def _scores(
        self, expected_text: str, expected: str, heard_text: str
    ) -> tuple[str, float, float, float]:
        """What was heard as compared, WER, CER and phonetic similarity."""
        heard = normalize_for_scoring(heard_text, self.lang)
        said = spoken_reading(expected_text, self.lang) if self.lang in READING_LANGUAGES else ""
        if not said:
            wer, cer = _error_rates(expected, heard)
            return heard, wer, cer, self._phonetic_similarity(expected, heard)
        reading = spoken_reading(heard_text, self.lang) if heard else ""
        wer, cer = _error_rates(said, reading)
        if self.lang == "hi":  # espeak-ng cannot read Hindi in Urdu script: compare skeletons
            return reading, wer, cer, phonetic_similarity(said, reading) if reading else 0.0
        return reading, wer, cer, self._phonetic_similarity(expected, heard)

    def _phonetic_similarity(self, expected: str, heard: str) -> float:
        if not heard:
            return 0.0
        return phonetic_similarity(
            self.phonemizer.phonemize(expected, self.lang),
            self.phonemizer.phonemize(heard, self.lang),
        )
