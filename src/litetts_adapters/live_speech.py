"""`LiveSpeaker`: what the WebSocket and Wyoming adapters need from a synthesizer to
speak text that is still being written.

`Synthesizer.astream_text` takes text pieces as they arrive (a language model's
output) and yields audio as soon as a clause or sentence is complete; `stream` speaks
a whole text chunk by chunk. Tests pass a fake with the same methods.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Generator
from typing import Protocol

from litetts import Audio, Synthesizer
from litetts.kokoro import VoiceBank

__all__ = ["LiveSpeaker", "close_stream", "live_speaker", "stream_off_loop"]


class LiveSpeaker(Protocol):
    """The part of `litetts.Synthesizer` the live adapters call."""

    @property
    def voices(self) -> VoiceBank:
        """The voices it can speak with."""

    def stream(
        self,
        text: str,
        voice: str | None = None,
        speed: float | None = None,
        lang: str | None = None,
    ) -> Generator[Audio, None, None]:
        """Speak a whole `text`, one chunk at a time (blocking; run it off the loop)."""

    def astream_text(
        self,
        pieces: AsyncIterable[str],
        voice: str | None = None,
        speed: float | None = None,
        lang: str | None = None,
    ) -> AsyncIterator[Audio]:
        """Speak text pieces as they arrive; model work runs off the event loop.
        When `pieces` ends, what is still buffered is spoken."""


def live_speaker(synthesizer: Synthesizer) -> LiveSpeaker:
    """`synthesizer` seen through `LiveSpeaker`: the real one, typed as the protocol
    the adapters and their fakes share."""
    speaker: LiveSpeaker = synthesizer
    return speaker


async def close_stream(stream: AsyncIterator[Audio]) -> None:
    """Close `stream` if it can be closed, which stops its synthesis."""
    if isinstance(stream, AsyncGenerator):
        await stream.aclose()


async def stream_off_loop(stream: Generator[Audio, None, None]) -> AsyncIterator[Audio]:
    """Pull a blocking audio generator from a worker thread, one chunk at a time.

    However the iteration ends (a cancel included), the chunk in progress is let
    finish and the generator is then closed, which stops its synthesis.
    """
    pending: asyncio.Future[Audio | None] | None = None
    try:
        while True:
            pending = asyncio.ensure_future(asyncio.to_thread(next, stream, None))
            piece = await asyncio.shield(pending)
            pending = None
            if piece is None:
                return
            yield piece
    finally:
        if pending is not None:  # a generator cannot be closed while it runs
            await asyncio.wait([pending])
            if not pending.cancelled():
                pending.exception()  # seen: the caller is leaving anyway
        await asyncio.to_thread(stream.close)
