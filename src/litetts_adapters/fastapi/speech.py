"""``POST /v1/audio/speech``: OpenAI's speech endpoint, streamed by default."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Generator
from functools import partial

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from litetts.audio import Audio
from litetts.errors import InvalidInputError, LiteTTSError
from litetts.synthesizer import Synthesizer
from litetts_adapters.fastapi.encoders import MEDIA_TYPES, StreamEncoder, stream_encoder
from litetts_adapters.fastapi.errors import ApiError, from_library_error
from litetts_adapters.fastapi.middleware import request_id
from litetts_adapters.fastapi.openapi import speech_openapi, speech_responses
from litetts_adapters.fastapi.requests import SpeechRequest, parse_speech, read_json
from litetts_adapters.fastapi.state import ServerState, server_state, settings_of
from litetts_adapters.fastapi.streaming import END, AudioStreamResponse, Channel, pump

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


def _one_shot(synthesizer: Synthesizer, speech: SpeechRequest) -> bytes:
    audio = synthesizer.synthesize(speech.input, speech.voice, speech.speed, speech.language)
    return audio.to_bytes(speech.response_format)


@router.post(
    "/v1/audio/speech",
    response_model=None,
    response_class=Response,
    responses=speech_responses(),
    openapi_extra=speech_openapi(),
)
async def create_speech(request: Request) -> Response:
    """Speak ``input``; the audio streams as it is synthesised unless ``stream`` is false."""
    state = server_state(request)
    config = settings_of(request)  # one snapshot for the whole request
    state.authorize(request)
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
    media_type = MEDIA_TYPES[speech.response_format]
    if not speech.stream:
        try:
            data = await state.pool.submit(lambda: _one_shot(synthesizer, speech))
        except Exception as err:
            raise _failure(state, err, rid) from err
        finally:
            ticket.release()
        return Response(data, media_type=media_type)

    channel = Channel(asyncio.get_running_loop())

    def start() -> Generator[Audio, None, None]:
        return synthesizer.stream(speech.input, speech.voice, speech.speed, speech.language)

    def job(encoder: StreamEncoder) -> None:
        try:
            pump(start, encoder, channel)
        finally:
            ticket.release()

    try:
        state.pool.start(partial(job, stream_encoder(speech.response_format)))
    except BaseException:
        ticket.release()
        raise
    try:
        first = await channel.get()
    except BaseException:
        channel.cancel()
        raise
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
