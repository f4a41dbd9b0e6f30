"""`SpeechHandler`: one Wyoming connection (Home Assistant's), answered the way
wyoming-piper answers it.

    describe                           -> info (every voice with its language)
    synthesize                         -> audio-start, audio-chunk..., audio-stop
    synthesize-start, synthesize-chunk... , synthesize-stop
                                       -> audio-start, audio-chunk... (while the text
                                          still arrives), audio-stop, synthesize-stopped

A client that streams also sends a plain ``synthesize`` with the whole text before
``synthesize-stop``, for servers that cannot stream; it is ignored inside a stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Final

from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event
from wyoming.info import Describe, Info
from wyoming.server import AsyncEventHandler
from wyoming.tts import (
    Synthesize,
    SynthesizeChunk,
    SynthesizeStart,
    SynthesizeStop,
    SynthesizeStopped,
)

from litetts import Audio
from litetts.audio import SAMPLE_RATE
from litetts.errors import LiteTTSError
from litetts_adapters.live_speech import LiveSpeaker, close_stream, stream_off_loop
from litetts_adapters.wyoming.info import pick_voice

__all__ = ["SAMPLES_PER_CHUNK", "SpeechHandler"]

logger = logging.getLogger(__name__)

SAMPLES_PER_CHUNK: Final = 1024
"""Samples per ``audio-chunk`` event (wyoming-piper's default)."""

_WIDTH: Final = 2
_END: Final = None


class SpeechHandler(AsyncEventHandler):
    """Answers one connection's events.

    Args:
        reader, writer: the connection (the Wyoming server passes them).
        speaker: the synthesizer.
        info: the ``describe`` answer.
        default_voice: spoken when a request names no voice.
    """

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        *,
        speaker: LiveSpeaker,
        info: Info,
        default_voice: str,
    ) -> None:
        super().__init__(reader, writer)
        self._speaker = speaker
        self._info = info.event()
        self._default_voice = default_voice
        self._pieces: asyncio.Queue[str | None] | None = None
        """The text of the stream in progress (None outside a stream)."""
        self._speaking: asyncio.Task[bool] | None = None

    async def handle_event(self, event: Event) -> bool:
        if Describe.is_type(event.type):
            await self.write_event(self._info)
            return True
        if Synthesize.is_type(event.type):
            if self._pieces is not None:
                return True  # the whole text again, for servers that cannot stream
            return await self._speak_whole(Synthesize.from_event(event))
        if SynthesizeStart.is_type(event.type):
            return await self._start(SynthesizeStart.from_event(event))
        if SynthesizeChunk.is_type(event.type):
            if self._pieces is None:
                logger.warning("synthesize-chunk outside a stream; ignored")
            else:
                self._pieces.put_nowait(SynthesizeChunk.from_event(event).text)
            return True
        if SynthesizeStop.is_type(event.type):
            return await self._stop()
        return True

    async def disconnect(self) -> None:
        """The client left: stop the stream's synthesis."""
        if self._speaking is not None:
            self._speaking.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._speaking

    async def _fail(self, err: Exception) -> bool:
        """Report `err` and end the connection (the client stops waiting for audio)."""
        if not isinstance(err, LiteTTSError):
            logger.error("Wyoming synthesis failed", exc_info=err)
        await self.write_event(Error(text=str(err), code=type(err).__name__).event())
        return False

    async def _speak_whole(self, request: Synthesize) -> bool:
        try:
            voice = pick_voice(request.voice, self._speaker.voices, self._default_voice)
            stream = self._speaker.stream(request.text, voice)
        except LiteTTSError as err:
            return await self._fail(err)
        await self.write_event(AudioStart(rate=SAMPLE_RATE, width=_WIDTH, channels=1).event())
        try:
            await self._send(stream_off_loop(stream))
        except Exception as err:
            return await self._fail(err)
        await self.write_event(AudioStop().event())
        return True

    async def _start(self, request: SynthesizeStart) -> bool:
        if self._pieces is not None:
            await self._stop()
        try:
            voice = pick_voice(request.voice, self._speaker.voices, self._default_voice)
        except LiteTTSError as err:
            return await self._fail(err)
        self._pieces = asyncio.Queue()
        self._speaking = asyncio.create_task(self._speak_stream(voice, self._pieces))
        return True

    async def _stop(self) -> bool:
        pieces, speaking = self._pieces, self._speaking
        self._pieces = self._speaking = None
        if pieces is None or speaking is None:
            await self.write_event(SynthesizeStopped().event())
            return True
        pieces.put_nowait(_END)
        try:
            started = await speaking
        except Exception as err:
            return await self._fail(err)
        if started:
            await self.write_event(AudioStop().event())
        await self.write_event(SynthesizeStopped().event())
        return True

    async def _speak_stream(self, voice: str, pieces: asyncio.Queue[str | None]) -> bool:
        """Speak the stream's text as it arrives; True if any audio was sent."""

        async def text() -> AsyncIterator[str]:
            while (piece := await pieces.get()) is not _END:
                yield piece

        stream = self._speaker.astream_text(text(), voice=voice)
        try:
            return await self._send(stream, start=True)
        finally:
            await close_stream(stream)

    async def _send(self, stream: AsyncIterator[Audio], *, start: bool = False) -> bool:
        """Send `stream` as audio-chunk events (after an audio-start when `start`)."""
        sent = False
        step = SAMPLES_PER_CHUNK * _WIDTH
        async for audio in stream:
            if start and not sent:
                await self.write_event(
                    AudioStart(rate=SAMPLE_RATE, width=_WIDTH, channels=1).event()
                )
            sent = True
            data = audio.to_int16().astype("<i2").tobytes()
            for offset in range(0, len(data), step):
                chunk = AudioChunk(
                    rate=SAMPLE_RATE, width=_WIDTH, channels=1, audio=data[offset : offset + step]
                )
                await self.write_event(chunk.event())
        return sent
