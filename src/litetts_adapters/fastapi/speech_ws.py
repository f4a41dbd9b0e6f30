"""``WS /v1/audio/speech/ws``: speak text while it is still being written.

A client sends JSON text messages and gets binary audio frames and JSON events back
(docs/websocket.md has the whole protocol):

    -> {"type": "start", "voice": "af_heart", "speed": 1.0, "response_format": "pcm"}
    -> {"type": "text", "text": "Hello the"}   -> {"type": "text", "text": "re. How"}
    <- {"type": "audio.start", "turn": 1, ...}  <- binary audio  <- binary audio ...
    <- {"type": "audio.words", "turn": 1, "words": [...]}   after a frame, if asked for
    -> {"type": "flush"}    speak what is buffered now, even mid-sentence
    -> {"type": "end"}      no more text this turn  <- {"type": "audio.done", "turn": 1, ...}
    -> {"type": "cancel"}   stop speaking now and drop the text not yet spoken

One connection speaks any number of turns, one after another. The key and ``Origin``
rules are the speech endpoint's (a key is needed whenever ``server.api_keys`` is set;
a browser sends it as a first ``auth`` message). A client that stops reading is
dropped (close code 1013) once `SEND_QUEUE_BYTES` wait, without slowing anyone else.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from typing import Final

from fastapi import APIRouter
from starlette.websockets import WebSocket, WebSocketDisconnect

from litetts.audio import SAMPLE_RATE, Audio, Samples
from litetts.config import Settings
from litetts.cost import audio_limit
from litetts.errors import LiteTTSError
from litetts_adapters.fastapi.dashboard import POLICY_VIOLATION, authenticated, origin_allowed
from litetts_adapters.fastapi.encoders import stream_encoder
from litetts_adapters.fastapi.errors import ApiError, from_library_error
from litetts_adapters.fastapi.outbox import Outbox
from litetts_adapters.fastapi.speech_turns import Turn, TurnOptions, parse_start
from litetts_adapters.fastapi.state import ServerState, server_state, settings_of
from litetts_adapters.fastapi.websockets import SLOW_CLIENT_CODE
from litetts_adapters.live_speech import close_stream, live_speaker

__all__ = ["SEND_QUEUE_BYTES", "SpeechSession", "router"]

logger = logging.getLogger(__name__)

SEND_QUEUE_BYTES: Final = 4 * 1024 * 1024
"""Bytes waiting for a client before it is dropped as too slow (about 87 s of pcm)."""

_INLINE_FORMATS: Final = ("pcm", "wav")
"""Encoded on the event loop (a copy to int16); the codecs run on a thread."""
_GOING_AWAY: Final = 1001
_CLOSE_TIMEOUT_S: Final = 1.0
_LIMIT: Final = "server.max_audio_seconds"

router = APIRouter()


@router.websocket("/v1/audio/speech/ws")
async def speech_socket(websocket: WebSocket) -> None:
    """Speak text as it arrives; see the module docstring."""
    state = server_state(websocket)
    settings = settings_of(websocket)
    if not origin_allowed(websocket, settings):
        await websocket.close(POLICY_VIOLATION)  # before accept: the client gets a 403
        return
    if not await authenticated(websocket, settings, needed=bool(settings.server.api_keys)):
        return
    await SpeechSession(websocket, state, settings).serve()


class SpeechSession:
    """One connection: its messages in, its turns spoken in order, its outbox.

    Args:
        websocket: an accepted socket.
        state: the app's state (synthesizer, workers, stop flag).
        settings: this connection's settings snapshot.
        send_limit: bytes that may wait unsent before the client is dropped.
    """

    def __init__(
        self,
        websocket: WebSocket,
        state: ServerState,
        settings: Settings,
        send_limit: int = SEND_QUEUE_BYTES,
    ) -> None:
        self._websocket = websocket
        self._state = state
        self._settings = settings
        self._outbox = Outbox(websocket, send_limit)
        self._turns: asyncio.Queue[Turn] = asyncio.Queue()
        self._open: Turn | None = None
        """The turn receiving text (None between turns)."""
        self._pending: list[Turn] = []
        """Turns started and not yet done, the one being spoken first."""
        self._speaking: asyncio.Task[None] | None = None
        self._count = 0

    async def serve(self) -> None:
        """Run until the client leaves, falls too far behind, or the server stops."""
        tasks = [
            asyncio.create_task(self._outbox.run()),
            asyncio.create_task(self._speak_turns()),
            asyncio.create_task(self._receive()),
            asyncio.create_task(self._outbox.closed.wait()),
        ]
        forget = self._state.track(self._stop_from_any_thread())
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            forget()
            if self._speaking is not None:
                tasks.append(self._speaking)
            for task in tasks:
                task.cancel()
            # wait(), not gather(): a cancel of this task keeps its message (and so
            # reaches the server's cancel scope as its own) instead of a bare one.
            await asyncio.wait(tasks)
            code = SLOW_CLIENT_CODE if self._outbox.overflowed else _GOING_AWAY
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._websocket.close(code), _CLOSE_TIMEOUT_S)

    def _stop_from_any_thread(self) -> Callable[[], None]:
        loop = asyncio.get_running_loop()
        closed = self._outbox.closed

        def stop() -> None:  # `ServerState.stop_work`: the server is stopping
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(closed.set)

        return stop

    def _error(
        self, message: str, code: str, param: str | None = None, turn: Turn | None = None
    ) -> None:
        self._outbox.put(
            {
                "type": "error",
                "turn": turn.number if turn else None,
                "message": message,
                "code": code,
                "param": param,
            }
        )

    async def _receive(self) -> None:
        limit = self._settings.server.max_body_bytes
        try:
            while True:
                message = await self._websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
                text = message.get("text")
                if text is None:
                    self._error("send JSON text messages, not binary ones", "invalid_message")
                elif len(text) > limit:
                    self._error(
                        f"message is larger than {limit} bytes", "request_too_large", "text"
                    )
                else:
                    self._handle(text)
        except (WebSocketDisconnect, RuntimeError):  # gone, or closed by us meanwhile
            return

    def _handle(self, raw: str) -> None:
        try:
            message = json.loads(raw)
        except ValueError as err:
            self._error(f"message is not valid JSON: {err}", "invalid_json")
            return
        kind = message.get("type") if isinstance(message, dict) else None
        if not isinstance(message, dict) or not isinstance(kind, str):
            self._error("a message is a JSON object with a 'type'", "invalid_message", "type")
            return
        try:
            if kind == "start":
                self._start(message)
            elif kind == "text":
                self._text(message)
            elif kind == "flush":
                if self._open is not None:
                    self._open.flush()
            elif kind == "end":
                if self._open is not None:
                    self._open.end()
                    self._open = None
            elif kind == "cancel":
                self._cancel()
            elif kind != "auth":  # a key sent again after the handshake is harmless
                raise ApiError(
                    400,
                    f"unknown message type {kind!r}; use start, text, flush, end or cancel",
                    param="type",
                    code="invalid_value",
                )
        except ApiError as err:
            self._error(err.message, err.code or "invalid_value", err.param, self._open)

    def _start(self, message: dict[str, object]) -> None:
        if self._open is not None:
            raise ApiError(
                400,
                "a turn is already open; send 'end' (or 'cancel') before the next 'start'",
                param="type",
                code="turn_open",
            )
        speaker = live_speaker(self._state.ready())
        self._begin(parse_start(message, self._settings.synthesis.voice, speaker.voices))

    def _begin(self, options: TurnOptions) -> Turn:
        self._count += 1
        limit = min(self._settings.server.max_input_chars, self._settings.synthesis.max_chars)
        turn = Turn(self._count, options, limit)
        self._open = turn
        self._pending.append(turn)
        self._turns.put_nowait(turn)
        return turn

    def _text(self, message: dict[str, object]) -> None:
        text = message.get("text")
        if not isinstance(text, str):
            raise ApiError(400, "'text' must be a string", param="text", code="invalid_type")
        turn = self._open
        if turn is None:  # text without a start: a turn with the default options
            speaker = live_speaker(self._state.ready())
            turn = self._begin(parse_start({}, self._settings.synthesis.voice, speaker.voices))
        turn.add(text)

    def _cancel(self) -> None:
        self._open = None
        for turn in self._pending:
            turn.cancel()
        if self._speaking is not None:
            self._speaking.cancel()

    async def _speak_turns(self) -> None:
        while True:
            turn = await self._turns.get()
            if not turn.cancelled:
                self._speaking = asyncio.create_task(self._speak(turn))
                await asyncio.wait([self._speaking])
                self._speaking = None
            self._pending.remove(turn)
            self._done(turn)

    def _done(self, turn: Turn) -> None:
        reason = "cancelled" if turn.cancelled else ("error" if turn.failed else "end")
        self._outbox.put(
            {
                "type": "audio.done",
                "turn": turn.number,
                "reason": reason,
                "audio_seconds": round(turn.audio_seconds, 3),
                "chars": turn.chars,
            }
        )

    async def _speak(self, turn: Turn) -> None:
        """Speak one turn: each flush ends a stream and the text after it starts the next."""
        if self._state.stopping:
            turn.failed = True
            self._error("the server is shutting down", "shutting_down", turn=turn)
            return
        ticket = self._state.pool.admit(self._settings.server.queue_size)
        if ticket is None:
            turn.failed = True
            self._error("all synthesis workers are busy; retry shortly", "queue_full", turn=turn)
            return
        options = turn.options
        encoder = stream_encoder(options.response_format)
        self._outbox.put(
            {
                "type": "audio.start",
                "turn": turn.number,
                "format": options.response_format,
                "sample_rate": SAMPLE_RATE,
                "channels": 1,
                "voice": options.voice,
            }
        )
        # Each unit the turn speaks is held to the server's limit, as a request is.
        with audio_limit(self._settings.server.max_audio_seconds, setting=_LIMIT):
            try:
                speaker = live_speaker(self._state.ready())
                while not turn.finished:
                    chars = turn.read_chars  # this segment's offset in the turn's text
                    stream = speaker.astream_text(
                        turn.segment(),
                        voice=options.voice,
                        speed=options.speed,
                        lang=options.language,
                    )
                    try:
                        await self._send_audio(turn, stream, encoder.encode, chars)
                    finally:
                        await close_stream(stream)
                self._send(encoder.finish())
            except asyncio.CancelledError:
                turn.cancel()
            except (ApiError, LiteTTSError) as err:
                turn.failed = True
                error = err if isinstance(err, ApiError) else from_library_error(err)
                if error.status >= 500:
                    logger.error("speech WebSocket turn %d failed", turn.number, exc_info=err)
                self._error(error.message, error.code or "synthesis_failed", error.param, turn)
            except Exception as err:
                turn.failed = True
                logger.error("speech WebSocket turn %d failed", turn.number, exc_info=err)
                self._state.recorder.record_error(type(err).__name__, str(err))
                self._error("speech synthesis failed", "synthesis_failed", turn=turn)
            finally:
                encoder.close()
                ticket.release()

    async def _send_audio(
        self,
        turn: Turn,
        stream: AsyncIterator[Audio],
        encode: Callable[[Samples], bytes],
        chars: int,
    ) -> None:
        inline = turn.options.response_format in _INLINE_FORMATS
        async for audio in stream:
            start = turn.audio_seconds
            turn.audio_seconds += audio.duration
            samples = audio.samples
            self._send(encode(samples) if inline else await asyncio.to_thread(encode, samples))
            if turn.options.words and audio.words:
                self._words(turn, audio, start - audio.offset, chars)

    def _words(self, turn: Turn, audio: Audio, seconds: float, chars: int) -> None:
        """An ``audio.words`` event: `audio`'s words in the turn's time and text."""
        self._outbox.put(
            {
                "type": "audio.words",
                "turn": turn.number,
                "words": [
                    {
                        "word": word.text,
                        "start": round(word.start + seconds, 3),
                        "end": round(word.end + seconds, 3),
                        "char_start": word.char_start + chars,
                        "char_end": word.char_end + chars,
                    }
                    for word in audio.words
                ],
            }
        )

    def _send(self, data: bytes) -> None:
        if data:
            self._outbox.put(data)
