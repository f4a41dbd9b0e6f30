"""Speaking text while it is still being written: `Synthesizer.stream_text` and its
async twin `Synthesizer.astream_text`.

    pieces --LiveSegmenter--> units (a first clause, then sentences)
           --[clean_llm_output]--> Synthesizer.stream(unit) --> audio, unit by unit

Each unit is one ordinary `Synthesizer.stream` request (its cache, events and limits
apply), spoken in the voice, speed and language checked when the call was made; the
pause that belongs after a unit (longer after a full stop than after a comma) is
played before the next one, so that nothing trails the last word. `FLUSH` among the
pieces speaks what is buffered at once. ``synthesis.llm_cleanup`` says whether the
text is Markdown to clean up first (``"live"``, the default, and ``"always"``).

Every piece is placed in the time of the whole call (`Audio.offset`, word times as
`Synthesizer.stream` gives them), and each word's offsets point into the pieces'
text joined, found in order (a word the Markdown clean-up rewrote beyond a trailing
full stop is an empty span).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Generator, Iterable
from functools import partial
from typing import TYPE_CHECKING, Final

import numpy as np
from attrs import evolve

from litetts.audio import SAMPLE_RATE, Audio
from litetts.errors import InvalidInputError
from litetts.g2p.languages import resolve_language
from litetts.kokoro.model import check_speed
from litetts.text.chunking import PAUSES
from litetts.text.llm import clean_llm_output
from litetts.text.markup import Pause, parse_markup, tag_spans
from litetts.text.segmenter import LiveSegmenter, Unit
from litetts.timing import placed
from litetts.words import Word

if TYPE_CHECKING:
    from litetts.synthesizer import Synthesizer

__all__ = ["FLUSH", "Flush", "astream_text", "stream_text"]

logger = logging.getLogger(__name__)


class Flush:
    """`litetts.FLUSH`: put it among the text pieces given to
    `litetts.Synthesizer.stream_text` to speak what is buffered now, without waiting
    for the end of a clause or sentence."""

    _instance: Flush | None = None

    def __new__(cls) -> Flush:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "litetts.FLUSH"

    def __reduce__(self) -> str:
        return "FLUSH"


FLUSH: Final = Flush()
"""Speak what is buffered now (see `Flush`)."""


class _Live:
    """One call's state: the segmenter, the checked arguments, the pause owed."""

    def __init__(
        self, synthesizer: Synthesizer, voice: str | None, speed: float | None, lang: str | None
    ) -> None:
        settings = synthesizer.settings  # one snapshot for the whole call
        self.synthesizer = synthesizer
        self.voice = synthesizer.voices.resolve(voice if voice is not None else settings.voice)
        self.speed = check_speed(settings.speed if speed is None else speed)
        self.lang = lang
        if lang:
            resolve_language(lang)
        self.segmenter = LiveSegmenter(markdown=settings.llm_cleanup != "off")
        # Cleaned here also when "always" (`stream` cleans again: a no-op), so that a part
        # that is only Markdown ("<br>", "|---|") is known to have nothing to say.
        self.clean = settings.llm_cleanup != "off"
        self.markup = settings.markup
        self.pause = 0.0
        self.elapsed = 0
        """Samples yielded so far: where the next piece starts."""
        self.received = ""
        """The pieces' text from `base` on, where the next words are looked for."""
        self.base = 0
        self._text_lock = threading.Lock()
        """`astream_text` adds pieces on the loop while a worker thread locates words."""

    def take(self, piece: object) -> list[Unit]:
        """The units `piece` completes."""
        if isinstance(piece, Flush):
            return self.segmenter.flush()
        if not isinstance(piece, str):
            raise InvalidInputError(
                f"a text piece must be a string or litetts.FLUSH, got {type(piece).__name__}",
                field="input",
            )
        with self._text_lock:
            self.received += piece
        return self.segmenter.feed(piece)

    def finish(self) -> list[Unit]:
        """The units left when the pieces end."""
        return self.segmenter.flush()

    def speak(self, unit: Unit) -> Generator[Audio, None, None]:
        """`unit`'s audio, after the pause owed to the unit before it, placed in the
        call's time with its words' offsets in the pieces' text."""
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for audio in self._unit_audio(unit):
            piece = placed(audio, self.elapsed / SAMPLE_RATE)
            self.elapsed += len(piece)
            if piece.words:
                with self._text_lock:
                    words = tuple(self._locate(word, spans) for word in piece.words)
                piece = Audio._adopt(piece.samples, words=words, offset=piece.offset)
            yield piece

    def _locate(self, word: Word, spans: dict[tuple[int, int], tuple[int, int]]) -> Word:
        """`word` (offsets into its unit's text) with offsets into the pieces' text."""
        span = (word.char_start, word.char_end)
        if span not in spans:  # a word cut by a chunk boundary comes twice: found once
            spans[span] = (self.base, self.base)
            # "docs." of "[docs](https://...)." is found as "docs"
            for written in dict.fromkeys((word.text, word.text.rstrip("."))):
                at = self.received.find(written) if written else -1
                if at >= 0:
                    start = self.base + at
                    spans[span] = (start, start + len(written))
                    self.received = self.received[at + len(written) :]
                    self.base = start + len(written)
                    break
        start, end = spans[span]
        text = word.text if start == end else word.text[: end - start]  # empty: as cleaned
        return evolve(word, text=text, char_start=start, char_end=end)

    def _unit_audio(self, unit: Unit) -> Generator[Audio, None, None]:
        text = clean_llm_output(unit.text).strip() if self.clean else unit.text
        silence = self._silence_only(text)
        if silence is None:
            if self.pause:
                yield Audio(np.zeros(round(self.pause * SAMPLE_RATE), dtype=np.float32))
            yield from self.synthesizer.stream(text, self.voice, self.speed, self.lang)
        elif silence:
            yield Audio(np.zeros(round((self.pause + silence) * SAMPLE_RATE), dtype=np.float32))
        else:
            logger.debug("nothing to speak in %r", unit.text[:40])
            return
        self.pause = PAUSES[unit.boundary] / self.speed

    def _silence_only(self, text: str) -> float | None:
        """None if `text` has words to say; else the seconds of its pause tags (0 for none)."""
        spans = tag_spans(text) if self.markup else []
        rest = list(text)
        for start, end in spans:
            rest[start:end] = " "
        if any(ch.isalnum() for ch in rest) or any(
            text[s + 1 : s + 7].lower() != "pause:" for s, _ in spans
        ):
            return None
        segments = parse_markup(text) if spans else []
        return sum(s.seconds for s in segments if isinstance(s, Pause))


def stream_text(
    self: Synthesizer,
    pieces: Iterable[str | Flush],
    voice: str | None = None,
    speed: float | None = None,
    lang: str | None = None,
) -> Generator[Audio, None, None]:
    """Speak text while it is still being written, such as a language model's output.

    Audio comes as soon as a unit of the text is complete: the first at a clause mark
    once a few words have arrived, then sentence by sentence (see
    `litetts.text.segmenter`). Markup, the dictionary and normalisation work across
    the pieces ("$3." + "50" is three dollars fifty). Arguments are checked now;
    the pieces are read and spoken while the generator is iterated, and closing it
    stops the work after the chunk in progress.

    Args:
        pieces: text pieces in order; `litetts.FLUSH` among them speaks what is
            buffered at once. The end of the pieces speaks the rest.
        voice, speed, lang: as `Synthesizer.stream`, for every unit.

    Yields:
        Float32 mono audio at 24 kHz: each unit's chunks as `Synthesizer.stream`
        yields them (each unit is one request: cache, events, limits), with the
        pause between two units as a silent piece before the second. Offsets and
        word times count from the start of the whole call; word offsets point into
        the pieces' text joined.

    Raises:
        VoiceNotFoundError, InvalidInputError: a bad voice, speed or language, by
            this call; a piece that is not text, malformed markup, by the iteration.
    """
    live = _Live(self, voice, speed, lang)
    return _speak(live, pieces)


def _speak(live: _Live, pieces: Iterable[str | Flush]) -> Generator[Audio, None, None]:
    for piece in pieces:
        for unit in live.take(piece):
            yield from live.speak(unit)
    for unit in live.finish():
        yield from live.speak(unit)


def astream_text(
    self: Synthesizer,
    pieces: AsyncIterable[str | Flush],
    voice: str | None = None,
    speed: float | None = None,
    lang: str | None = None,
) -> AsyncIterator[Audio]:
    """`stream_text` for an async iterable of pieces, for use in an event loop.

    The model works on a worker thread, one chunk at a time, so the loop stays free
    and new pieces are read while a chunk renders. Cancelling, or closing the
    iterator, stops the work after the chunk in progress. Arguments are checked now.
    """
    live = _Live(self, voice, speed, lang)
    return _aspeak(live, pieces)


async def _aspeak(live: _Live, pieces: AsyncIterable[str | Flush]) -> AsyncIterator[Audio]:
    units: deque[Unit] = deque()
    arrived = asyncio.Event()

    async def read() -> None:
        try:
            async for piece in pieces:
                units.extend(live.take(piece))
                arrived.set()
            units.extend(live.finish())
        finally:
            arrived.set()

    reader = asyncio.ensure_future(read())  # reads on while a chunk renders
    try:
        while True:
            while not units and not reader.done():
                arrived.clear()
                await arrived.wait()
            if not units:
                reader.result()  # the pieces' own error, if any
                return
            async for audio in _render(live.speak(units.popleft())):
                yield audio
    finally:
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)


async def _render(audio: Generator[Audio, None, None]) -> AsyncIterator[Audio]:
    """Each piece of `audio`, made on a worker thread; cancelling stops after the
    piece in progress (the generator is closed once that thread is done with it)."""
    busy: asyncio.Future[Audio | None] | None = None
    try:
        while True:
            busy = asyncio.ensure_future(asyncio.to_thread(next, audio, None))
            piece = await asyncio.shield(busy)
            busy = None
            if piece is None:
                return
            yield piece
    finally:
        if busy is not None and not busy.done():
            busy.add_done_callback(partial(_close_after, audio))
        else:
            audio.close()


def _close_after(audio: Generator[Audio, None, None], done: asyncio.Future[Audio | None]) -> None:
    if not done.cancelled():
        done.exception()  # seen: nobody awaits it any more
    audio.close()
