"""The Synthesizer: text in, speech out, one-shot or as a stream.

It owns the order of the steps and nothing else::

    markup -> dictionary -> normalize (plain text only) -> passages and pauses
    passage -> chunk (sentence-aligned, <= 510 tokens) -> phonemize -> tokens
            -> model.infer(tokens, style, speed) -> trim edges + pause -> Audio
    pause   -> silence

Every backend is injected; `Synthesizer.default()` wires the real ones.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from litetts.assets.store import AssetStore
from litetts.audio import SAMPLE_RATE, Audio, soft_limit, trim_silence
from litetts.audio_buffer import AudioBuffer
from litetts.cache import AudioCache, CacheKey, array_identity, file_identity, request_text
from litetts.config.schema import Settings, SynthesisSettings
from litetts.errors import InvalidInputError
from litetts.events import EventHub, Subscriber, SynthesisEvent
from litetts.g2p.auto import default_phonemizer
from litetts.g2p.base import Phonemizer
from litetts.g2p.languages import language_for_voice, resolve_language
from litetts.kokoro.blends import parse_voice
from litetts.kokoro.model import AcousticModel, check_speed
from litetts.kokoro.variants import calibration_feeds, load_variant
from litetts.kokoro.vocabulary import MAX_TOKENS, Vocabulary
from litetts.kokoro.voices import VoiceBank
from litetts.performance.optimizer import ConservativeOptimizer
from litetts.text.chunking import Chunk, chunk_text
from litetts.text.lexicon import Lexicon
from litetts.text.markup import Passage, Pause, Plain, Segment, compose, parse_markup
from litetts.text.normalize import normalize

if TYPE_CHECKING:
    from litetts.config.store import ConfigChange, ConfigStore

__all__ = ["Synthesizer"]

logger = logging.getLogger(__name__)

Normalizer = Callable[[str, str], str]

_SILENT_SYMBOLS = ' ;:,.!?—…"()“”'
"""Vocabulary symbols that carry no sound: a chunk of only these is not spoken."""

_AUDIO_VERSION = "1"
"""Part of every cache key: bump it when a code change alters the audio of a request."""


def _lexicon(settings: SynthesisSettings) -> Lexicon | None:
    """The pronunciation dictionary `settings` ask for: built-in, user file on top."""
    lexicon = Lexicon.builtin() if settings.builtin_dictionary else None
    if settings.dictionary_path is not None:
        user = Lexicon.load(settings.dictionary_path)
        lexicon = user if lexicon is None else lexicon.merged(user)
    return lexicon


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32)


class _Request(NamedTuple):
    """A checked request: what to say (passages and pauses) and how."""

    parts: list[Passage | Pause]
    voice: str
    speed: float
    lang: str
    chars: int

    def shown(self) -> str:
        """The speech of this request as text, words in place of placeholders."""
        return " ".join(p.show(p.text) for p in self.parts if isinstance(p, Passage))


class Synthesizer:
    """Speaks text with Kokoro; synchronous and thread-safe.

    Args:
        model: the acoustic model (tokens + style -> samples).
        voices: the voice bank.
        phonemizer: text -> phonemes.
        vocabulary: phoneme symbols -> token ids; default Kokoro v1.0's.
        settings: request defaults and limits.
        normalizer: written -> speakable text; default `litetts.text.normalize`.
        lexicon: a pronunciation dictionary applied before phonemization; None for
            none (`default()` wires the built-in one and ``settings.dictionary_path``).
        cache: serves repeated requests without synthesis; public as `cache` (its
            `stats()` are hits, misses, evictions, bytes). None for no cache.
        model_identity: names `model` in cache keys (`default()` uses the model
            file's); default the model object itself, which only this process knows.

    Examples:
        >>> import litetts
        >>> tts = litetts.Synthesizer.default()  # load once, share across threads
        >>> audio = tts.synthesize("Hello there.", voice="bf_emma")
        >>> audio.sample_rate
        24000
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
        lexicon: Lexicon | None = None,
        cache: AudioCache | None = None,
        model_identity: str | None = None,
    ) -> None:
        self.model = model
        self.voices = voices
        self.phonemizer = phonemizer
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary.default()
        self.settings = settings if settings is not None else SynthesisSettings()
        self.normalizer = normalizer
        self.lexicon = lexicon
        self.cache = cache
        self.optimizer: ConservativeOptimizer | None = None
        """The optimizer `default()` applied (its ``rollback()`` undoes it), or None."""
        self._model_identity = (model, model_identity)
        self._voice_identity: dict[str, tuple[object, str]] = {}
        self._events: EventHub[SynthesisEvent] = EventHub()

    @classmethod
    def default(
        cls,
        *,
        model_path: Path | str | None = None,
        voices_path: Path | str | None = None,
        threads: int | None = None,
        variant: str | None = None,
        settings: Settings | None = None,
        warm_up: bool = True,
        store: ConfigStore | None = None,
    ) -> Synthesizer:
        """The real pipeline: Kokoro on ONNX Runtime, espeak-ng (or CMUdict for English
        when espeak is missing), the provisioned voices.

        Keyword arguments override the matching `settings.model` fields. The model
        runs in the variant ``settings.model.variant`` (prepared on first use, cached,
        and replaced by the original model with a warning if that fails). With
        `warm_up`, one short phrase is spoken at load so that the first real
        request does not pay for espeak's and ONNX Runtime's first-call set-up.

        Unless ``settings.performance.optimizer`` is ``off``, the session options come
        from `ConservativeOptimizer.session_plan()` and its process-wide steps are applied
        (`synthesizer.optimizer.rollback()` undoes them). With ``settings.cache.enabled``
        the synthesizer gets an `AudioCache`, warmed with ``settings.cache.warm_phrases``.

        The pronunciation dictionary is the built-in one (unless
        ``settings.synthesis.builtin_dictionary`` is off) with the file at
        ``settings.synthesis.dictionary_path`` on top, loaded once, here.

        With a `litetts.ConfigStore` as `store`, the settings come from ``store.config``
        (instead of `settings`) and follow it: a change to ``synthesis.*`` applies from
        the next request on; ``model.*`` changes wait for a restart.

        Raises:
            AssetError: the model or voices are missing (run ``litetts assets fetch``).
            ModelError: the model file cannot be loaded.
            InvalidInputError: the dictionary file is missing or has a bad line.
        """
        if store is not None:
            settings = store.config
        settings = settings if settings is not None else Settings()
        lexicon = _lexicon(settings.synthesis)  # a bad dictionary fails before slow loading
        model_settings = settings.model
        assets = AssetStore(home=model_settings.home)
        custom_model = model_path or model_settings.model_path
        model_file = custom_model or assets.require_model()
        voices_source = voices_path or model_settings.voices_path or assets.require_voices()
        optimizer = ConservativeOptimizer(
            settings=settings.performance, synthesis=settings.synthesis
        )
        plan = optimizer.session_plan(threads=threads or model_settings.threads)
        voices, phonemizer, vocabulary = (
            VoiceBank.from_path(voices_source),
            default_phonemizer(),
            Vocabulary.default(),
        )
        model = load_variant(
            model_file,
            variant or model_settings.variant,
            lambda: calibration_feeds(phonemizer, vocabulary, voices),
            folder=assets.variants_dir,
            source_sha256=None if custom_model else assets.manifest.model.sha256,
            threads=threads or model_settings.threads,
            options=plan.to_session_options() if plan is not None else None,
        )
        synthesizer = cls(
            model,
            voices,
            phonemizer,
            vocabulary=vocabulary,
            settings=settings.synthesis,
            lexicon=lexicon,
            cache=AudioCache.from_settings(settings.cache, home=model_settings.home),
            # The variant changes the audio as much as the file does.
            model_identity=f"{file_identity(model_file)}:{model.variant}",
        )
        if warm_up:
            synthesizer.warm_up()
        if store is not None:
            store.subscribe(synthesizer._follow_config)
        if plan is not None:
            # After loading, so that gc.freeze() covers the model's long-lived objects.
            synthesizer.optimizer = optimizer
            optimizer.apply_safe_optimizations(plan)
        if synthesizer.cache is not None and settings.cache.warm_phrases:
            synthesizer.cache.warm(
                synthesizer.synthesize, settings.cache.warm_phrases, settings.cache.warm_voices
            )
        return synthesizer

    def _follow_config(self, change: ConfigChange) -> None:
        """Take a changed ``synthesis`` section (requests from now on use it whole) and
        a changed ``cache.max_bytes`` (the cache shrinks or grows to it)."""
        budget = change.config.cache.max_bytes
        if self.cache is not None and budget != change.previous.cache.max_bytes:
            self.cache.resize(budget)
        new = change.config.synthesis
        if new == self.settings:
            return
        old = self.settings
        if (new.dictionary_path, new.builtin_dictionary) != (
            old.dictionary_path,
            old.builtin_dictionary,
        ):
            try:
                self.lexicon = _lexicon(new)
            except InvalidInputError as err:
                logger.warning("keeping the previous pronunciation dictionary: %s", err)
        self.settings = new  # one assignment: a request reads the old or the new section

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
            text: what to say; any length up to ``settings.max_chars``. It may hold
                ``[pause:0.5s]`` and ``[word](/IPA/)`` tags (see docs/text.md).
            voice: a voice id, OpenAI name or blend such as ``af_bella(2)+af_sky(1)``.
            speed: 0.25 to 4.0.
            lang: language of the text; default the voice's.

        Raises:
            InvalidInputError: empty text, text too long, malformed markup (the
                message gives its offset), bad speed or language.
            VoiceNotFoundError: the voice is unknown.
        """
        request = self._prepare(text, voice, speed, lang)
        # No short lead chunk here: nobody is waiting for first audio, and each
        # extra model call costs a fixed ~0.3 s on a 2-core CPU.
        lead = self.settings.chunk_tokens
        key = self._cache_key(request, lead)
        if key is not None:
            hit = self._cached(key)
            if hit is not None:
                # Running the replay to its end reports the hit; the audio is
                # immutable, so the cache and the caller share it without a copy.
                (replayed,) = self._replay(request, hit)
                return replayed
        # One growing array, not a list of pieces joined at the end: long texts would
        # hold their audio two or three times over (see `AudioBuffer`).
        buffer = AudioBuffer()
        for piece in self._run(request, first_tokens=lead):
            buffer.append(piece)
        audio = buffer.to_audio()
        if key is not None and self.cache is not None:
            self.cache.put(key, audio)
        return audio

    def stream(
        self,
        text: str,
        voice: str | None = None,
        speed: float | None = None,
        lang: str | None = None,
    ) -> Generator[Audio, None, None]:
        """Speak `text` one chunk at a time, each yielded as soon as the model returns it.

        Arguments are checked now; synthesis starts when the iterator is first
        advanced and stops when it is closed.

        Yields:
            Float32 mono audio at 24 kHz, in order; each piece ends with the pause
            that belongs after it. A ``[pause:...]`` in the text comes as a silent
            piece of its own, yielded at once.

        Raises:
            InvalidInputError: as `synthesize`, raised by this call, before any work.
        """
        request = self._prepare(text, voice, speed, lang)
        lead = self.settings.first_chunk_tokens
        key = self._cache_key(request, lead)
        if key is not None:
            # The one-shot rendition differs only in where chunks were cut.
            hit = self._cached(key, self._cache_key(request, self.settings.chunk_tokens))
            if hit is not None:
                return self._replay(request, hit)
        return self._run(request, first_tokens=lead, key=key)

    def _prepare(
        self, text: str, voice: str | None, speed: float | None, lang: str | None
    ) -> _Request:
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
        segments: list[Segment] = (
            parse_markup(text, vocabulary=self.vocabulary)
            if self.settings.markup
            else [Plain(text)]
        )
        if self.lexicon is not None:
            segments = self.lexicon.apply(segments, code)
        parts = compose(segments, self._normalize_for(code), lang=code)
        if not any(isinstance(part, Passage) for part in parts):
            if parts:
                raise InvalidInputError("text holds only pauses; nothing to speak", field="input")
            raise InvalidInputError("text is empty or only whitespace", field="input")
        return _Request(parts, voice_spec, rate, code, len(text))

    def _cache_key(self, request: _Request, lead_tokens: int) -> CacheKey | None:
        """The key of `request` spoken with a first chunk of `lead_tokens`; None without
        a cache."""
        if self.cache is None:
            return None
        model, identity = self._model_identity
        if model is not self.model or identity is None:  # the model was swapped or unnamed
            identity = f"{type(self.model).__qualname__}@{id(self.model):x}"
        table = self.voices.table(request.voice)
        known = self._voice_identity.get(request.voice)
        if known is None or known[0] is not table:
            if len(self._voice_identity) >= 64:  # any blend may be asked for
                self._voice_identity.clear()
            known = (table, array_identity(table))
            self._voice_identity[request.voice] = known
        # espeak-ng and its CMUdict fallback say words differently.
        phonemizer = getattr(self.phonemizer, "backend", type(self.phonemizer).__qualname__)
        settings = (
            f"v{_AUDIO_VERSION};lead={lead_tokens};chunk={self.settings.chunk_tokens};"
            f"g2p={phonemizer}"
        )
        return CacheKey(
            request_text(request.parts),
            request.voice,
            request.speed,
            request.lang,
            identity,
            known[1],
            settings,
        )

    def _cached(self, key: CacheKey, *fallbacks: CacheKey | None) -> Audio | None:
        if self.cache is None:
            return None
        hit = self.cache.get(key, *(k for k in fallbacks if k is not None))
        return hit if isinstance(hit, Audio) else None

    def _replay(self, request: _Request, audio: Audio) -> Generator[Audio, None, None]:
        """Yield cached `audio` for `request` and report it as a cache hit."""
        started = time.perf_counter()
        first_audio: float | None = None
        completed = False
        try:
            first_audio = time.perf_counter() - started
            yield audio
            completed = True
        finally:
            self._events.emit(
                SynthesisEvent(
                    voice=request.voice,
                    text_chars=request.chars,
                    chunks=0,
                    audio_seconds=audio.duration,
                    synthesis_seconds=time.perf_counter() - started,
                    first_audio_seconds=first_audio,
                    cache_hit=True,
                    completed=completed,
                )
            )

    def _normalize_for(self, lang: str) -> Callable[[str], str]:
        if not self.settings.normalize:
            return str.strip

        def speakable(text: str) -> str:
            return self.normalizer(text, lang)

        return speakable

    def _chunks(self, passage: Passage, lang: str, first_tokens: int) -> Iterator[Chunk]:
        def phonemize(piece: str) -> str:
            return self.vocabulary.filter(self.phonemizer.phonemize(piece, lang))

        return chunk_text(
            passage.text,
            passage.phonemizer(phonemize),
            max_tokens=MAX_TOKENS,
            first_tokens=first_tokens,
            target_tokens=self.settings.chunk_tokens,
        )

    def _speak(
        self, chunk: Chunk, passage: Passage, voice: str, speed: float, number: int
    ) -> Audio | None:
        """Chunk `number`'s speech and the pause after it; None if it has nothing to say."""
        if not chunk.phonemes.strip(_SILENT_SYMBOLS):
            logger.debug("chunk %r has no speakable phonemes", passage.show(chunk.text)[:40])
            return None
        tokens = self.vocabulary.encode(chunk.phonemes)
        style = self.voices.style(voice, len(tokens))
        samples = self.model.infer(tokens, style, speed)
        speech = soft_limit(trim_silence(samples, SAMPLE_RATE, keep_seconds=0.04))
        pause = _silence(chunk.pause_seconds / speed)
        piece = Audio._adopt(np.concatenate([speech, pause]) if pause.size else speech)
        logger.debug("chunk %d: %d tokens -> %.2f s", number, len(tokens), piece.duration)
        return piece

    def _pieces(self, request: _Request, first_tokens: int) -> Iterator[tuple[Audio, bool]]:
        """The request's audio in order, each piece marked True if it is speech."""
        spoken = 0
        for part in request.parts:
            if isinstance(part, Pause):
                # Silence goes out at once: it plays while the model works on what follows.
                logger.debug("pause: %.2f s", part.seconds)
                yield Audio(_silence(part.seconds)), False
                continue
            lead = self.settings.chunk_tokens if spoken else first_tokens
            for chunk in self._chunks(part, request.lang, lead):
                piece = self._speak(chunk, part, request.voice, request.speed, spoken + 1)
                if piece is not None:
                    spoken += 1
                    yield piece, True

    def _run(
        self, request: _Request, *, first_tokens: int, key: CacheKey | None = None
    ) -> Generator[Audio, None, None]:
        started = time.perf_counter()
        kept = AudioBuffer() if key is not None and self.cache is not None else None
        first_audio: float | None = None
        audio_samples = 0
        chunks = 0
        error: str | None = None
        completed = False
        try:
            for piece, speech in self._pieces(request, first_tokens):
                chunks += speech
                audio_samples += len(piece)
                if first_audio is None:
                    first_audio = time.perf_counter() - started
                if kept is not None and self.cache is not None:
                    kept.append(piece)
                    if kept.nbytes > self.cache.max_bytes:  # too big to cache: stop holding it
                        kept = None
                yield piece
            if chunks == 0:
                raise InvalidInputError(
                    f"nothing speakable in {request.shown()[:40]!r}:"
                    " no phonemes in the model's vocabulary",
                    field="input",
                )
            if key is not None and kept is not None and self.cache is not None:
                self.cache.put(key, kept.to_audio())
            completed = True
        except Exception as err:
            error = type(err).__name__
            raise
        finally:
            self._events.emit(
                SynthesisEvent(
                    voice=request.voice,
                    text_chars=request.chars,
                    chunks=chunks,
                    audio_seconds=audio_samples / SAMPLE_RATE,
                    synthesis_seconds=time.perf_counter() - started,
                    first_audio_seconds=first_audio,
                    completed=completed,
                    error=error,
                )
            )
