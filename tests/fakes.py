"""Small fakes for the Synthesizer's backends (see STYLE.md: tests pass fakes)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from litetts.audio import SAMPLE_RATE, Audio, Samples
from litetts.kokoro.model import Style
from litetts.kokoro.voices import VoiceBank
from litetts.validation.transcription import Segment, Transcription, Word

SAMPLES_PER_TOKEN = 600
TRAILING_SILENCE_S = 0.4


class ToneModel:
    """A model that turns N tokens into N * 600 samples of a 220 Hz tone plus silence.

    It records every call, so tests can check what reached the model.
    """

    variant = "tone"
    """Like `KokoroModel.variant`: which form of the model runs."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[int], Style, float]] = []
        self._lock = threading.Lock()

    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        with self._lock:
            self.calls.append((list(tokens), np.array(style), speed))
        n = round(len(tokens) * SAMPLES_PER_TOKEN / speed)
        t = np.arange(n) / SAMPLE_RATE
        tone = (0.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
        tail = np.zeros(round(TRAILING_SILENCE_S * SAMPLE_RATE), dtype=np.float32)
        return np.concatenate([tone, tail])


class LetterPhonemizer:
    """Lower-cases text and keeps letters, spaces and . , ! ? (all in Kokoro's vocabulary)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def phonemize(self, text: str, lang: str) -> str:
        self.calls.append((text, lang))
        return "".join(
            ch for ch in text.lower() if ch.isascii() and (ch.isalpha() or ch in " .,!?")
        )


def voice_table(seed: int) -> np.ndarray:
    """A (510, 256) table whose row r holds `seed + r / 1000` everywhere."""
    rows = np.arange(510, dtype=np.float32)[:, None] / 1000
    return (np.zeros((510, 256), dtype=np.float32) + seed + rows).astype(np.float32)


def fake_voices() -> VoiceBank:
    """af_heart, af_bella, af_sarah, bf_emma with distinct constant tables."""
    return VoiceBank(
        {
            "af_heart": voice_table(1),
            "af_bella": voice_table(2),
            "af_sarah": voice_table(3),
            "bf_emma": voice_table(4),
        }
    )


class FakeWhisper:
    """Stands in for `litetts.WhisperValidator`: hears `heard` (a class attribute tests
    set) whatever it is given, with full confidence."""

    heard = "hello there"

    def __init__(self, model_size: str) -> None:
        self.model_size = model_size

    def transcribe(self, audio: Audio | str | Path, language: str | None = "en") -> Transcription:
        words = tuple(Word(w, 0.0, 0.1, 1.0) for w in self.heard.split())
        return Transcription(self.heard, "en", (Segment(self.heard, 0.0, 1.0, words),))
