"""The Synthesizer: text in, speech out, one-shot or as a stream.

It owns the order of the steps and nothing else::

    markup -> dictionary -> normalize (plain text only) -> passages and pauses
    passage -> chunk (sentence-aligned, <= 510 tokens) -> tokenizer (phonemes -> ids)
            -> model.infer(tokens, style, speed) -> trim edges + pause -> Audio
    pause   -> silence

Every backend is injected; `litetts.assembly.Assembly` builds the real ones from the
settings (`Synthesizer.default()` is its front door).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from litetts import live_text
from litetts.audio import SAMPLE_RATE, Audio, soft_limit, trim_silence
from litetts.audio_buffer import AudioBuffer
from litetts.cache import AudioCache, CacheIdentity, CacheKey
from litetts.config.schema import Settings, SynthesisSettings
from litetts.cost import call_tokens, check_audio_length
from litetts.errors import InvalidInputError
from litetts.events import EventHub, RequestMeter, Subscriber, SynthesisEvent
from litetts.g2p.base import Phonemizer
from litetts.g2p.languages import language_for_voice
from litetts.kokoro.blends import parse_voice
from litetts.kokoro.model import AcousticModel
from litetts.kokoro.vocabulary import Vocabulary
from litetts.kokoro.voices import VoiceBank
from litetts.phonemes import speak_phonemes
from litetts.request import Normalizer, Request, prepare_request
from litetts.text.chunking import Chunk, chunk_text
from litetts.text.lexicon import Lexicon
from litetts.text.markup import Passage, Pause
from litetts.text.normalize import normalize
from litetts.timing import ChunkWords, WordMap, infer_timed, placed, trimmed_start
from litetts.tokenizer import Tokenizer

if TYPE_CHECKING:
    from litetts.config.store import ConfigStore

__all__ = ["Synthesizer"]

logger = logging.getLogger(__name__)

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
        self.tokenizer = Tokenizer(phonemizer, vocabulary)
        """Text -> phonemes -> token ids (`litetts.tokenizer.Tokenizer`)."""
        self.settings = settings if settings is not None else SynthesisSettings()
        self.normalizer = normalizer
        self.lexicon = lexicon
        self.cache = cache
        self.optimizer: object | None = None
        """The `litetts.ConservativeOptimizer` `default()` applied (its ``rollback()``
        undoes it), or None."""
        self._identity = CacheIdentity(model, model_identity)
        self._events: EventHub[SynthesisEvent] = EventHub()

    @property
    def phonemizer(self) -> Phonemizer:
        """The phonemizer the tokenizer uses."""
        return self.tokenizer.phonemizer

    @property
    def vocabulary(self) -> Vocabulary:
        """The model's phoneme vocabulary."""
        return self.tokenizer.vocabulary

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
        """The real pipeline, built from the settings by `litetts.assembly.Assembly`.

        Kokoro on ONNX Runtime in the variant ``model.variant``, espeak-ng (or CMUdict
        for English when espeak is missing), the provisioned voices, the optimizer,
        the pronunciation dictionaries and the audio cache, each as the settings say.
        A missing model or voice set is fetched and verified first (unless offline:
        ``model.offline`` or ``LITETTS_OFFLINE=1``). See `Assembly.synthesizer`.

        Args:
            model_path: overrides ``model.model_path``.
            voices_path: overrides ``model.voices_path``.
            threads: overrides ``model.threads``.
            variant: overrides ``model.variant``.
            settings: the settings to use; default the layered configuration
                (settings.json < override.json < ``LITETTS_*`` variables).
            warm_up: speak one short phrase at load, so that the first real request
                does not pay for espeak's and ONNX Runtime's first-call set-up.
            store: a `litetts.ConfigStore` to read and follow: a change to
                ``synthesis.*`` applies from the next request on; ``model.*`` changes
                wait for a restart. Wins over `settings`.

        Raises:
            AssetError: the model or voices are missing and cannot be fetched (or
                fetching is off).
            ModelError: the model file cannot be loaded.
            InvalidInputError: the dictionary file is missing or has a bad line.
        """
        from litetts.assembly import Assembly  # the composition root sits above this layer

        explicit = {
            "model.model_path": model_path,
            "model.voices_path": voices_path,
            "model.threads": threads,
            "model.variant": variant,
        }
        assembly = Assembly.create(
            settings=settings,
            store=store,
            overrides={key: value for key, value in explicit.items() if value is not None},
        )
        return assembly.synthesizer(warm_up=warm_up)

    def reconfigure(self, settings: SynthesisSettings, lexicon: Lexicon | None) -> None:
        """Use `settings` and `lexicon` from the next request on (a request reads both
        once, when it arrives, so it never mixes old and new)."""
        self.lexicon = lexicon
        self.settings = settings

    def warm_up(self) -> None:
        """Speak one short phrase in the default voice and discard it (no event)."""
        voice = self.voices.resolve(self.settings.voice)
        tokens = self.tokenizer.encode("Hello.", language_for_voice(parse_voice(voice)[0].voice))
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
        *,
        phonemes: bool = False,
    ) -> Audio:
        """Speak all of `text` and return the audio in one piece, its words timed.

        Args:
            text: what to say; any length up to ``settings.max_chars``. It may hold
                ``[pause:0.5s]`` and ``[word](/IPA/)`` tags (see docs/text.md).
            voice: a voice id, OpenAI name or blend such as ``af_bella(2)+af_sky(1)``.
            speed: 0.25 to 4.0.
            lang: language of the text; default the voice's.
            phonemes: `text` is Kokoro phonemes (`litetts.phonemize`), spoken as given.

        Raises:
            InvalidInputError: empty text, text too long, malformed markup (the
                message gives its offset), bad speed or language.
            VoiceNotFoundError: the voice is unknown.
        """
        if phonemes:
            return speak_phonemes(self, text, voice, speed)
        request = self._prepare(text, voice, speed, lang)
        # No short lead chunk here: nobody is waiting for first audio, and each
        # extra model call costs a fixed ~0.3 s on a 2-core CPU.
        lead = request.settings.chunk_tokens
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
            Float32 mono audio at 24 kHz, in order, with its words timed from the
            stream's start (``piece.offset``); each piece ends with the pause after
            it. A ``[pause:...]`` comes as a silent piece of its own, at once.

        Raises:
            InvalidInputError: as `synthesize`, raised by this call, before any work.
        """
        request = self._prepare(text, voice, speed, lang)
        lead = request.settings.first_chunk_tokens
        key = self._cache_key(request, lead)
        if key is not None:
            # The one-shot rendition differs only in where chunks were cut.
            hit = self._cached(key, self._cache_key(request, request.settings.chunk_tokens))
            if hit is not None:
                return self._replay(request, hit)
        return self._run(request, first_tokens=lead, key=key)

    stream_text = live_text.stream_text  # text still being written (see docs/streaming.md)
    astream_text = live_text.astream_text

    def _prepare(
        self, text: str, voice: str | None, speed: float | None, lang: str | None
    ) -> Request:
        request = prepare_request(
            text,
            voice,
            speed,
            lang,
            settings=self.settings,  # one snapshot per request: an edit never mixes in
            lexicon=self.lexicon,
            voices=self.voices,
            vocabulary=self.vocabulary,
            normalizer=self.normalizer,
        )
        return check_audio_length(request, self.tokenizer)  # refuse too much audio up front

    def _cache_key(self, request: Request, lead_tokens: int) -> CacheKey | None:
        """The key of `request` spoken with a first chunk of `lead_tokens`; None without
        a cache."""
        if self.cache is None:
            return None
        return self._identity.key(
            request.parts,
            voice=request.voice,
            speed=request.speed,
            lang=request.lang,
            model=self.model,
            table=self.voices.table(request.voice),
            settings=(
                f"lead={lead_tokens};chunk={request.settings.chunk_tokens};"
                f"g2p={self.tokenizer.backend}"
            ),
        )

    def _cached(self, key: CacheKey, *fallbacks: CacheKey | None) -> Audio | None:
        if self.cache is None:
            return None
        hit = self.cache.get(key, *(k for k in fallbacks if k is not None))
        return hit if isinstance(hit, Audio) else None

    def _meter(self, request: Request, *, cache_hit: bool = False) -> RequestMeter:
        return RequestMeter(
            self._events,
            voice=request.voice,
            text_chars=request.chars,
            sample_rate=SAMPLE_RATE,
            cache_hit=cache_hit,
        )

    def _replay(self, request: Request, audio: Audio) -> Generator[Audio, None, None]:
        """Yield cached `audio` for `request` and report it as a cache hit."""
        with self._meter(request, cache_hit=True) as meter:
            meter.piece(len(audio), speech=False)
            yield audio
            meter.completed = True

    def _speak(
        self, chunk: Chunk, passage: Passage, voice: str, speed: float, words: ChunkWords
    ) -> Audio | None:
        """`chunk`'s speech and the pause after it, with its words; None if it says nothing."""
        if not chunk.phonemes.strip(_SILENT_SYMBOLS):
            logger.debug("chunk %r has no speakable phonemes", passage.show(chunk.text)[:40])
            return None
        tokens = self.tokenizer.ids(chunk.phonemes)
        style = self.voices.style(voice, len(tokens))
        samples, durations = infer_timed(self.model, tokens, style, speed)
        kept = trim_silence(samples, SAMPLE_RATE, keep_seconds=0.04)
        speech = soft_limit(kept)
        timed = words.words(durations, cut=trimmed_start(samples, kept), speech=speech)
        pause = _silence(chunk.pause_seconds / speed)
        joined = np.concatenate([speech, pause]) if pause.size else speech
        return Audio._adopt(joined, words=timed)

    def _pieces(self, request: Request, first_tokens: int) -> Iterator[tuple[Audio, bool]]:
        """The request's audio in order, each piece marked True if it is speech."""
        spoken = 0
        cursors = iter(WordMap(request.text, request.parts, markup=request.settings.markup))
        for part in request.parts:
            if isinstance(part, Pause):
                # Silence goes out at once: it plays while the model works on what follows.
                logger.debug("pause: %.2f s", part.seconds)
                yield Audio(_silence(part.seconds)), False
                continue
            words = next(cursors)
            phonemize = self.tokenizer.for_passage(part, request.lang, request.phonemes)
            chunks = chunk_text(
                part.text,
                phonemize,
                max_tokens=call_tokens(request.speed),
                first_tokens=request.settings.chunk_tokens if spoken else first_tokens,
                target_tokens=request.settings.chunk_tokens,
            )
            for chunk in chunks:
                piece = self._speak(
                    chunk, part, request.voice, request.speed, words.chunk(chunk, phonemize)
                )
                if piece is not None:
                    spoken += 1
                    logger.debug("chunk %d: %.2f s", spoken, piece.duration)
                    yield piece, True

    def _run(
        self, request: Request, *, first_tokens: int, key: CacheKey | None = None
    ) -> Generator[Audio, None, None]:
        kept = AudioBuffer() if key is not None and self.cache is not None else None
        with self._meter(request) as meter:
            elapsed = 0
            for unplaced, speech in self._pieces(request, first_tokens):
                piece = placed(unplaced, elapsed / SAMPLE_RATE)  # words in stream time
                elapsed += len(piece)
                meter.piece(len(piece), speech=speech)
                if kept is not None and self.cache is not None:
                    kept.append(piece)
                    if kept.nbytes > self.cache.max_bytes:  # too big to cache: stop holding it
                        kept = None
                yield piece
            if meter.chunks == 0:
                raise InvalidInputError(
                    f"nothing speakable in {request.shown()[:40]!r}:"
                    " no phonemes in the model's vocabulary",
                    field="input",
                )
            if key is not None and kept is not None and self.cache is not None:
                self.cache.put(key, kept.to_audio())
            meter.completed = True
