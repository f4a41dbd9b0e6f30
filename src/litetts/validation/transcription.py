"""What a speech recogniser heard: text, language, segments and timed words."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from attrs import frozen

from litetts.audio import Audio

__all__ = ["Segment", "Transcriber", "Transcription", "Word"]


@frozen
class Word:
    """One recognised word with its time span (seconds) and probability (0..1)."""

    text: str
    start: float
    end: float
    probability: float


@frozen
class Segment:
    """One decoded segment: its text, time span and words."""

    text: str
    start: float
    end: float
    words: tuple[Word, ...] = ()


@frozen
class Transcription:
    """The result of transcribing one clip."""

    text: str
    language: str
    segments: tuple[Segment, ...] = ()

    @property
    def words(self) -> tuple[Word, ...]:
        """Every word of every segment, in order."""
        return tuple(word for segment in self.segments for word in segment.words)


@runtime_checkable
class Transcriber(Protocol):
    """Anything that hears speech: `WhisperValidator`, or a fake in tests.

    `AudioQualityValidator` and `BaselineMetrics` score with one; `WhisperValidator`
    also takes one as its backend and hands it the audio resampled to 16 kHz.
    """

    def transcribe(self, audio: Audio, /, *, language: str | None) -> Transcription:
        """What was said in `audio`, in `language` (a Whisper code such as ``"en"``), or
        in the language the recogniser detects when None."""
        ...
