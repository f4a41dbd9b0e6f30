"""A synthesizer that speaks text as it arrives, for the live adapters' unit tests
(the WebSocket and Wyoming): a real Synthesizer on fake backends, plus a plain
`stream_text` / `astream_text` that speak each sentence once its end has arrived."""

from __future__ import annotations

import re
from collections.abc import AsyncIterable, AsyncIterator, Generator, Iterable

from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

from litetts import Audio, Synthesizer
from litetts_adapters.live_speech import stream_off_loop

_SENTENCE_END = re.compile(r"[.!?]\s+")


def _sentences(buffer: str) -> tuple[list[str], str]:
    """Complete sentences in `buffer` (an end mark followed by a space) and the rest."""
    done: list[str] = []
    while (match := _SENTENCE_END.search(buffer)) is not None:
        done.append(buffer[: match.end()].strip())
        buffer = buffer[match.end() :]
    return done, buffer


class LiveSynthesizer(Synthesizer):
    """Speaks sentence by sentence as pieces arrive; records the pieces it was given."""

    def __init__(self, model: ToneModel | None = None) -> None:
        super().__init__(model or ToneModel(), fake_voices(), LetterPhonemizer())
        self.pieces: list[str] = []
        self.streams = 0
        """astream_text calls so far."""

    def stream_text(
        self,
        pieces: Iterable[str],
        voice: str | None = None,
        speed: float | None = None,
        lang: str | None = None,
    ) -> Generator[Audio, None, None]:
        buffer = ""
        for piece in pieces:
            self.pieces.append(piece)
            done, buffer = _sentences(buffer + piece)
            for sentence in done:
                yield from self.stream(sentence, voice, speed, lang)
        if buffer.strip():
            yield from self.stream(buffer, voice, speed, lang)

    async def astream_text(
        self,
        pieces: AsyncIterable[str],
        voice: str | None = None,
        speed: float | None = None,
        lang: str | None = None,
    ) -> AsyncIterator[Audio]:
        self.streams += 1
        buffer = ""
        async for piece in pieces:
            self.pieces.append(piece)
            done, buffer = _sentences(buffer + piece)
            for sentence in done:
                async for audio in stream_off_loop(self.stream(sentence, voice, speed, lang)):
                    yield audio
        if buffer.strip():
            async for audio in stream_off_loop(self.stream(buffer, voice, speed, lang)):
                yield audio
