"""``POST /v1/audio/speech``: OpenAI's speech endpoint, streamed by default."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Generator
from functools import partial
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from litetts.audio import Audio
from litetts.audio_buffer import AudioBuffer
from litetts.cost import audio_limit
from litetts.errors import InvalidInputError, LiteTTSError
from litetts.synthesizer import Synthesizer
from litetts_adapters.fastapi.encoders import (
    MEDIA_TYPES,
    SSE_MEDIA_TYPE,
    SseEncoder,
    StreamEncoder,
    stream_encoder,
)
from litetts_adapters.fastapi.errors import ApiError, from_library_error
from litetts_adapters.fastapi.middleware import request_id
from litetts_adapters.fastapi.openapi import speech_openapi, speech_responses
from litetts_adapters.fastapi.requests import SpeechRequest, parse_speech, read_json
from litetts_adapters.fastapi.state import ServerState, server_state, settings_of
from litetts_adapters.fastapi.streaming import (
    END,
    AudioStreamResponse,
    Channel,
    StreamCancelledError,
    pump,
)
from litetts_adapters.fastapi.workers import Ticket

__all__ = ["router"]

logger = logging.getLogger(__name__)

router = APIRouter()


def _failure(state: ServerState, err: BaseException, rid: str) -> ApiError:
    """The client's view of `err`; anything but bad input is logged with the request id."""
    if isinstance(err, InvalidInputError):
        return from_library_error(err)
    logger.error("speech request %s failed", rid, exc_info=err)
    if not isinstance(err, LiteTTSError):
        state.recorder.record_error(type(err).__name__, str(err))
    return ApiError(
        500,
        f"speech synthesis failed; quote request id {rid} when reporting it",
        kind="server_error",
        code="synthesis_failed",
    )


class _StoppedError(Exception):
    """A one-shot synthesis stopped early: its client left or the server is stopping."""


def _stream(
    synthesizer: Synthesizer, speech: SpeechRequest, max_audio_seconds: float
) -> Generator[Audio, None, None]:
    """`synthesizer.stream` of `speech`, refused before any work (a 400) when its audio
    would be longer than ``server.max_audio_seconds``."""
    with audio_limit(max_audio_seconds, setting="server.max_audio_seconds"):
        return synthesizer.stream(speech.input, speech.voice, speech.speed, speech.language)


def _one_shot(
    synthesizer: Synthesizer, speech: SpeechRequest, stop: threading.Event, limit: float
) -> bytes:
    """Synthesize all of it, checking `stop` between chunks.

    Joins the stream rather than calling ``synthesize()``: the stream is the only form
    that can stop between chunks when the client goes away or the server stops.
    """
    stream = _stream(synthesizer, speech, limit)
    buffer = AudioBuffer()  # one growing array, as synthesize() keeps it
    try:
        for piece in stream:
            if stop.is_set():
                raise _StoppedError
            buffer.append(piece)
    finally:
        stream.close()
    return buffer.to_audio().to_bytes(speech.response_format)


async def _disconnected(request: Request) -> None:
    """Return when the client hangs up (the body was read already)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _shutting_down() -> ApiError:
    return ApiError(
        503,
        "the server is shutting down; retry shortly",
        kind="server_error",
        code="shutting_down",
        headers={"Retry-After": "5"},
    )


async def _whole(
    state: ServerState,
    request: Request,
    synthesizer: Synthesizer,
    speech: SpeechRequest,
    *,
    ticket: Ticket,
    rid: str,
    limit: float,
) -> Response:
    """A non-streamed response; its synthesis stops when the client leaves or the server
    stops, without waiting for the chunk in progress."""
    stop = threading.Event()
    woken = asyncio.Event()
    loop = asyncio.get_running_loop()

    def job() -> bytes:
        try:
            return _one_shot(synthesizer, speech, stop, limit)
        finally:
            ticket.release()

    def wake() -> None:  # from `ServerState.stop_work`, on any thread
        stop.set()
        with contextlib.suppress(RuntimeError):  # the loop closed: nobody waits
            loop.call_soon_threadsafe(woken.set)

    forget = state.track(wake)
    try:
        result = state.pool.submit(job)
    except BaseException:
        ticket.release()
        forget()
        raise
    result.add_done_callback(_retrieve)
    gone = asyncio.ensure_future(_disconnected(request))
    stopped = asyncio.ensure_future(woken.wait())
    waiting: set[asyncio.Future[Any]] = {result, gone, stopped}
    try:
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
        stopped.cancel()
        forget()
    if not result.done():
        stop.set()
        if state.stopping:
            raise _shutting_down()
        logger.info("speech request %s: the client left; synthesis stopped", rid)
        return Response(status_code=499)  # nobody reads it; uvicorn drops it
    try:
        data = result.result()
    except _StoppedError as err:
        raise _shutting_down() from err
    except Exception as err:
        raise _failure(state, err, rid) from err
    return Response(data, media_type=MEDIA_TYPES[speech.response_format])


def _retrieve(future: asyncio.Future[bytes]) -> None:
    """Mark a result nobody awaits any more as seen (no "never retrieved" log)."""
    if not future.cancelled():
        future.exception()


@router.post(
    "/v1/audio/speech",
    response_model=None,
    response_class=Response,
    responses=speech_responses(),
    openapi_extra=speech_openapi(),
)
async def create_speech(request: Request) -> Response:
    """Speak ``input``; the audio streams as it is synthesised unless ``stream`` is false
    (``stream_format: "sse"`` streams OpenAI's ``speech.audio.*`` events instead)."""
    state = server_state(request)
    config = settings_of(request)  # one snapshot for the whole request
    state.authorize(request)
    if state.stopping:
        raise _shutting_down()
    synthesizer = state.ready()
    body = await read_json(request, config.server.max_body_bytes)
    speech = parse_speech(body, config, synthesizer.voices)
    ticket = state.pool.admit(config.server.queue_size)
    if ticket is None:
        raise ApiError(
            503,
            "all synthesis workers are busy and the queue is full; retry shortly",
            kind="server_error",
            code="queue_full",
            headers={"Retry-After": "1"},
        )
    rid = request_id(request.scope)
    state.realtime.started(rid, speech.voice, len(speech.input))
    sse = speech.stream_format == "sse"  # OpenAI's events: always streamed
    media_type = SSE_MEDIA_TYPE if sse else MEDIA_TYPES[speech.response_format]
    audio_seconds = config.server.max_audio_seconds
    if not speech.stream and not sse:
        return await _whole(
            state, request, synthesizer, speech, ticket=ticket, rid=rid, limit=audio_seconds
        )

    channel = Channel(asyncio.get_running_loop())
    forget = state.track(channel.cancel)

    def start() -> Generator[Audio, None, None]:
        return _stream(synthesizer, speech, audio_seconds)

    def job(encoder: StreamEncoder) -> None:
        try:
            pump(start, encoder, channel)
        finally:
            ticket.release()
            forget()

    try:
        encoder = stream_encoder(speech.response_format)
        if sse:
            encoder = SseEncoder(encoder, len(speech.input))
        state.pool.start(partial(job, encoder))
    except BaseException:
        ticket.release()
        forget()
        raise
    try:
        first = await channel.get()
    except BaseException:
        channel.cancel()
        raise
    if isinstance(first, StreamCancelledError):
        raise _shutting_down()
    if isinstance(first, BaseException):
        raise _failure(state, first, rid) from first
    if first == END:
        return Response(b"", media_type=media_type)

    def on_error(err: BaseException) -> None:
        _failure(state, err, rid)

    return AudioStreamResponse(
        first,
        channel,
        media_type=media_type,
        headers={"cache-control": "no-store"},
        on_error=on_error,
        on_close=channel.cancel,
    )
