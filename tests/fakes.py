"""Small fakes for the Synthesizer's backends (see STYLE.md: tests pass fakes)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest

from litetts.audio import SAMPLE_RATE, Audio, Samples
from litetts.kokoro.model import HOP_SAMPLES, Style, TimedSamples
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

    def infer_timed(self, tokens: Sequence[int], style: Style, speed: float) -> TimedSamples:
        """`infer`'s audio (a subclass's too), with durations like Kokoro's: whole frames
        of 600 samples per token (the tone's length spread over them), a leading pad of
        none and what follows the tone as the trailing pad."""
        samples = self.infer(tokens, style, speed)
        n = round(len(tokens) * SAMPLES_PER_TOKEN / speed)
        edges = np.round(np.linspace(0, n / HOP_SAMPLES, len(tokens) + 1)).astype(np.int64)
        tail = round((len(samples) - n) / HOP_SAMPLES)
        return TimedSamples(samples, np.array([0, *np.diff(edges), tail], dtype=np.int64))


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


@attrs.define
class FakeParts:
    """What the real `litetts.assembly.Assembly` built with fakes underneath (see
    `install_fake_parts`): every assembly made, and what each part was asked for."""

    model_file: Path
    assemblies: list[Any] = attrs.Factory(list)
    variants: list[str] = attrs.Factory(list)
    """``model.variant`` each time a model was loaded or prepared."""
    whisper: list[tuple[str, Path]] = attrs.Factory(list)
    """(model size, asset home) each time Whisper listened."""
    synthesizers: list[Any] = attrs.Factory(list)
    """Every synthesizer an assembly built."""

    @property
    def last(self) -> Any:
        """The assembly made last."""
        return self.assemblies[-1]


def install_fake_parts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeParts:
    """Let the real composition root run, with a tone model, four fake voices, the letter
    phonemizer, no optimizer steps and `FakeWhisper`'s transcript in place of the heavy
    parts, recording what each was asked for."""
    from litetts.assembly import Assembly, PreparedVariant
    from litetts.assets import AssetStore
    from litetts.kokoro.variants import PreparedModel
    from litetts.validation import WhisperValidator

    model_file = tmp_path / "fake-kokoro.onnx"
    model_file.write_bytes(b"not a model")
    parts = FakeParts(model_file)
    real_init = Assembly.__init__

    def init(self: Assembly, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        parts.assemblies.append(self)

    def model(self: Assembly, plan: object = None) -> ToneModel:
        parts.variants.append(self.settings.model.variant)
        return ToneModel()

    def prepare(self: Assembly, names: Sequence[str] = ()) -> list[PreparedVariant]:
        chosen = list(names) or [self.settings.model.variant]
        parts.variants.extend(chosen)
        ready = PreparedModel(model_file, "original", chosen[0])
        return [PreparedVariant(name, ready, 0.0) for name in chosen]

    def ensure_whisper(self: AssetStore, size: str) -> Path:
        parts.whisper.append((size, self.home))
        return tmp_path

    def transcribe(self: WhisperValidator, audio: Audio, language: str | None) -> Transcription:
        self._model_folder()
        return FakeWhisper(self.model_size).transcribe(audio, language)

    real_synthesizer = Assembly.synthesizer

    def synthesizer(self: Assembly, *, warm_up: bool = True) -> Any:
        built = real_synthesizer(self, warm_up=warm_up)
        parts.synthesizers.append(built)
        return built

    monkeypatch.setattr(Assembly, "__init__", init)
    monkeypatch.setattr(Assembly, "synthesizer", synthesizer)
    monkeypatch.setattr(Assembly, "model", model)
    monkeypatch.setattr(Assembly, "prepare_variants", prepare)
    monkeypatch.setattr(Assembly, "session_plan", lambda self: None)
    monkeypatch.setattr(Assembly, "voices", property(lambda self: fake_voices()))
    monkeypatch.setattr(Assembly, "phonemizer", property(lambda self: LetterPhonemizer()))
    monkeypatch.setattr(AssetStore, "ensure_model", lambda self: model_file)
    monkeypatch.setattr(AssetStore, "ensure_whisper", ensure_whisper)
    monkeypatch.setattr(WhisperValidator, "_transcribe_whisper", transcribe)
    return parts
