"""The Synthesizer: text in, speech out, one-shot or as a stream.

It owns the order of the steps and nothing else::

    normalize -> chunk (sentence-aligned, <= 510 tokens) -> phonemize -> tokens
              -> model.infer(tokens, style, speed) -> trim edges + pause -> Audio

Every backend is injected; `Synthesizer.default()` wires the real ones.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from litetts.assets.store import AssetStore
from litetts.audio import SAMPLE_RATE, Audio, soft_limit, trim_silence
from litetts.config.schema import Settings, SynthesisSettings
from litetts.errors import InvalidInputError
from litetts.events import EventHub, Subscriber, SynthesisEvent
from litetts.g2p.base import Phonemizer
from litetts.g2p.espeak import EspeakPhonemizer
from litetts.g2p.languages import language_for_voice, resolve_language
from litetts.kokoro.blends import parse_voice
from litetts.kokoro.model import AcousticModel, KokoroModel, check_speed
from litetts.kokoro.vocabulary import MAX_TOKENS, Vocabulary
from litetts.kokoro.voices import VoiceBank
from litetts.text.chunking import Chunk, chunk_text
from litetts.text.cleanup import normalize

__all__ = ["Synthesizer"]

logger = logging.getLogger(__name__)

Normalizer = Callable[[str, str], str]

_SILENT_SYMBOLS = ' ;:,.!?—…"()“”'
"""Vocabulary symbols that carry no sound: a chunk of only these is not spoken."""


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32)


class Synthesizer:
    """Speaks text with Kokoro; synchronous and thread-safe.

    Args:
        model: the acoustic model (tokens + style -> samples).
        voices: the voice bank.
        phonemizer: text -> phonemes.
        vocabulary: phoneme symbols -> token ids; default Kokoro v1.0's.
        settings: request defaults and limits.
        normalizer: written -> speakable text; default `litetts.text.normalize`.
    """

    def __init__(
        self,
        model: AcousticModel,
        voices: VoiceBank,
        phonemizer: Phonemizer,
        *,
        vocabulary: Vocabulary | None = None,
        settings: SynthesisSettings | None = None,
        normalizer: Normalizer = normalize,
    ) -> None:
        self.model = model
        self.voices = voices
        self.phonemizer = phonemizer
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary.default()
        self.settings = settings if settings is not None else SynthesisSettings()
        self.normalizer = normalizer
        self._events = EventHub()

    @classmethod
    def default(
        cls,
        *,
        model_path: Path | str | None = None,
        voices_path: Path | str | None = None,
        threads: int | None = None,
        settings: Settings | None = None,
        warm_up: bool = True,
    ) -> Synthesizer:
        """The real pipeline: Kokoro on ONNX Runtime, espeak-ng, the provisioned voices.

        Keyword arguments override the matching `settings.model` fields. With
        `warm_up`, one short phrase is spoken at load so that the first real
        request does not pay for espeak's and ONNX Runtime's first-call set-up.

        Raises:
            AssetError: the model or voices are missing (run ``litetts assets fetch``).
            ModelError: the model file cannot be loaded.
        """
        settings = settings if settings is not None else Settings()
        model_settings = settings.model
        store = AssetStore(home=model_settings.home)
        model_file = model_path or model_settings.model_path or store.require_model()
        voices_source = voices_path or model_settings.voices_path or store.require_voices()
        model = KokoroModel.from_path(model_file, threads=threads or model_settings.threads)
        synthesizer = cls(
            model,
            VoiceBank.from_path(voices_source),
            EspeakPhonemizer(),
            settings=settings.synthesis,
        )
        if warm_up:
            synthesizer.warm_up()
        return synthesizer

    def warm_up(self) -> None:
        """Speak one short phrase in the default voice and discard it (no event)."""
        voice = self.voices.resolve(self.settings.voice)
        lang = language_for_voice(parse_voice(voice)[0].voice)
        phonemes = self.vocabulary.filter(self.phonemizer.phonemize("Hello.", lang))
        tokens = self.vocabulary.encode(phonemes)
        if tokens:
            self.model.infer(tokens, self.voices.style(voice, len(tokens)), 1.0)

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Receive one `SynthesisEvent` per request; returns an unsubscribe function."""
        return self._events.subscribe(callback)

    def synthesize(
        self,
        text: str,
        voice: str | None = None,
        speed: float | None = None,
        lang: str | None = None,
    ) -> Audio:
        """Speak all of `text` and return the audio in one piece.

        Args:
            text: what to say; any length up to ``settings.max_chars``.
            voice: a voice id, OpenAI name or blend such as ``af_bella(2)+af_sky(1)``.
            speed: 0.25 to 4.0.
            lang: language of the text; default the voice's.

        Raises:
            InvalidInputError: empty text, text too long, bad speed or language.
            VoiceNotFoundError: the voice is unknown.
        """
        request = self._prepare(text, voice, speed, lang)
        # No short lead chunk here: nobody is waiting for first audio, and each
        # extra model call costs a fixed ~0.3 s on a 2-core CPU.
        return Audio.concatenate(list(self._run(*request, first_tokens=self.settings.chunk_tokens)))

    def stream(
        self,
        text: str,
        voice: str | None = None,
        speed: float | None = None,
        lang: str | None = None,
    ) -> Iterator[Audio]:
        """Speak `text` one chunk at a time, each yielded as soon as the model returns it.

        Arguments are checked now; synthesis starts when the iterator is first
        advanced and stops when it is closed.

        Yields:
            Float32 mono audio at 24 kHz, in order; each piece ends with the pause
            that belongs after it.

        Raises:
            InvalidInputError: as `synthesize`, raised by this call, before any work.
        """
        request = self._prepare(text, voice, speed, lang)
        return self._run(*request, first_tokens=self.settings.first_chunk_tokens)

    def _prepare(
        self, text: str, voice: str | None, speed: float | None, lang: str | None
    ) -> tuple[str, str, float, str]:
        if not isinstance(text, str):
            raise InvalidInputError(
                f"text must be a string, got {type(text).__name__}", field="input"
            )
        if len(text) > self.settings.max_chars:
            raise InvalidInputError(
                f"text has {len(text)} characters; the maximum is {self.settings.max_chars}",
                field="input",
            )
        voice_spec = self.voices.resolve(voice if voice is not None else self.settings.voice)
        rate = check_speed(self.settings.speed if speed is None else speed)
        code = (
            resolve_language(lang) if lang else language_for_voice(parse_voice(voice_spec)[0].voice)
        )
        speakable = self.normalizer(text, code) if self.settings.normalize else text.strip()
        if not speakable.strip():
            raise InvalidInputError("text is empty or only whitespace", field="input")
        return speakable, voice_spec, rate, code

    def _chunks(self, text: str, lang: str, first_tokens: int) -> Iterator[Chunk]:
        def phonemize(piece: str) -> str:
            return self.vocabulary.filter(self.phonemizer.phonemize(piece, lang))

        return chunk_text(
            text,
            phonemize,
            max_tokens=MAX_TOKENS,
            first_tokens=first_tokens,
            target_tokens=self.settings.chunk_tokens,
        )

    def _run(
        self, text: str, voice: str, speed: float, lang: str, *, first_tokens: int
    ) -> Iterator[Audio]:
        started = time.perf_counter()
        first_audio: float | None = None
        audio_samples = 0
        chunks = 0
        error: str | None = None
        completed = False
        try:
            for chunk in self._chunks(text, lang, first_tokens):
                tokens = self.vocabulary.encode(chunk.phonemes)
                if not chunk.phonemes.strip(_SILENT_SYMBOLS):
                    logger.debug("chunk %r has no speakable phonemes", chunk.text[:40])
                    continue
                style = self.voices.style(voice, len(tokens))
                samples = self.model.infer(tokens, style, speed)
                speech = soft_limit(trim_silence(samples, SAMPLE_RATE, keep_seconds=0.04))
                pause = _silence(chunk.pause_seconds / speed)
                piece = Audio(np.concatenate([speech, pause]) if pause.size else speech)
                chunks += 1
                audio_samples += len(piece)
                if first_audio is None:
                    first_audio = time.perf_counter() - started
                logger.debug("chunk %d: %d tokens -> %.2f s", chunks, len(tokens), piece.duration)
                yield piece
            if chunks == 0:
                raise InvalidInputError(
                    f"nothing speakable in {text[:40]!r}: no phonemes in the model's vocabulary",
                    field="input",
                )
            completed = True
        except Exception as err:
            error = type(err).__name__
            raise
        finally:
            self._events.emit(
                SynthesisEvent(
                    voice=voice,
                    text_chars=len(text),
                    chunks=chunks,
                    audio_seconds=audio_samples / SAMPLE_RATE,
                    synthesis_seconds=time.perf_counter() - started,
                    first_audio_seconds=first_audio,
                    completed=completed,
                    error=error,
                )
            )
