"""Kokoro-FastAPI's development endpoints, same requests and responses, so its clients work.

* ``POST /dev/captioned_speech``: speech plus word timestamps, as one JSON object
  (``stream: false``) or one JSON object per line as each chunk is ready (default):
  ``{"audio": base64, "audio_format": media type, "timestamps": [{"word",
  "start_time", "end_time"}]}``. Streamed chunks are consecutive pieces of one encoded
  stream; their timestamps are seconds from the start of the whole audio.
* ``POST /dev/phonemize``: ``{"text", "language"}`` -> ``{"phonemes", "tokens"}``.
* ``POST /dev/generate_from_phonemes``: ``{"phonemes", "voice"}`` -> WAV audio.

``/v1/audio/speech`` stays exactly OpenAI's; timings live here only.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any, Final, TypeVar

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

import litetts
from litetts import Audio, InvalidInputError, LiteTTSError, Synthesizer
from litetts.g2p import resolve_language
from litetts_adapters.fastapi.encoders import MEDIA_TYPES, stream_encoder
from litetts_adapters.fastapi.errors import ApiError, from_library_error
from litetts_adapters.fastapi.openapi import SpeechBody, error_responses
from litetts_adapters.fastapi.requests import SpeechRequest, parse_speech, read_json
from litetts_adapters.fastapi.state import ServerState, server_state, settings_of

__all__ = ["router"]

router = APIRouter(tags=["development"])

T = TypeVar("T")

_END: Final = object()

_TIMESTAMP_SCHEMA: Final = {
    "type": "object",
    "properties": {
        "word": {"type": "string"},
        "start_time": {"type": "number"},
        "end_time": {"type": "number"},
    },
}
_CAPTIONED_SCHEMA: Final = {
    "type": "object",
    "properties": {
        "audio": {"type": "string", "description": "the audio, base64"},
        "audio_format": {"type": "string", "description": "its media type"},
        "timestamps": {"type": "array", "items": _TIMESTAMP_SCHEMA},
    },
}


class CaptionedBody(SpeechBody):
    """A request to ``POST /dev/captioned_speech``: the speech fields, plus Kokoro-FastAPI's
    ``lang_code`` (other Kokoro-FastAPI fields are accepted and ignored)."""

    lang_code: str | None = Field(None, description="Kokoro's language letter, e.g. a or b.")


class PhonemizeBody(BaseModel):
    """A request to ``POST /dev/phonemize``."""

    text: str = Field(min_length=1, description="The text to phonemize.")
    language: str = Field("a", description="A language code or Kokoro letter (a, b, e...).")


class PhonemesBody(BaseModel):
    """A request to ``POST /dev/generate_from_phonemes``."""

    phonemes: str = Field(min_length=1, description="Kokoro phonemes, words split by spaces.")
    voice: str = Field("af_heart", min_length=1, description="A voice id or blend.")


def _body(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


_ERRORS: Final = (400, 401, 413, 415, 500, 503)


def _timestamps(audio: Audio) -> list[dict[str, object]]:
    return [
        {"word": w.text, "start_time": round(w.start, 3), "end_time": round(w.end, 3)}
        for w in audio.words
    ]


def _captioned(data: bytes, media_type: str, timestamps: list[dict[str, object]]) -> str:
    payload = {
        "audio": base64.b64encode(data).decode("ascii"),
        "audio_format": media_type,
        "timestamps": timestamps,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


async def _begin(request: Request) -> tuple[ServerState, Synthesizer, Any, object]:
    state = server_state(request)
    config = settings_of(request)
    state.authorize(request)
    synthesizer = state.ready()
    body = await read_json(request, config.server.max_body_bytes)
    return state, synthesizer, config, body


async def _in_pool(state: ServerState, queue_size: int, work: Callable[[], T]) -> T:
    """`work` on a synthesis worker; bad input a 400, the queue full a 503."""
    ticket = state.pool.admit(queue_size)
    if ticket is None:
        raise ApiError(503, "all synthesis workers are busy; retry shortly", code="queue_full")

    def job() -> T:
        try:
            return work()
        finally:
            ticket.release()

    try:
        return await state.pool.submit(job)
    except InvalidInputError as err:
        raise from_library_error(err) from err


def _limited(value: str, name: str, config: Any) -> str:
    """`value` if within the server's input limit; a 400 naming `name` otherwise."""
    limit = min(config.server.max_input_chars, config.synthesis.max_chars)
    if len(value) > limit:
        raise ApiError(
            400,
            f"'{name}' has {len(value)} characters; the maximum is {limit}",
            param=name,
            code="input_too_long",
        )
    return value


def _speech(body: object, config: Any, synthesizer: Synthesizer) -> SpeechRequest:
    speech = parse_speech(body, config, synthesizer.voices)
    code = body.get("lang_code") if isinstance(body, dict) else None
    if code is None or speech.language is not None:
        return speech
    try:
        language = resolve_language(str(code))
    except InvalidInputError as err:
        raise ApiError(400, str(err), param="lang_code", code="invalid_value") from err
    return SpeechRequest(
        speech.input, speech.voice, speech.response_format, speech.speed, speech.stream, language
    )


def _pieces(
    synthesizer: Synthesizer,
    speech: SpeechRequest,
    stop: threading.Event,
    put: Callable[[object], None],
) -> None:
    """Synthesize `speech` piece by piece, handing one JSON line per encoded piece to `put`."""
    media_type = MEDIA_TYPES[speech.response_format]
    waiting: list[dict[str, object]] = []  # words of pieces the encoder has not flushed yet
    try:
        # Arguments are checked here: a bad language is an error handed over, not a hang.
        stream = synthesizer.stream(speech.input, speech.voice, speech.speed, speech.language)
    except Exception as err:
        put(err)
        put(_END)
        return
    encoder = stream_encoder(speech.response_format)
    try:
        for piece in stream:
            if stop.is_set():
                return
            data = encoder.encode(piece.samples)
            waiting += _timestamps(piece)
            if data:
                put(_captioned(data, media_type, waiting))
                waiting = []
        put(_captioned(encoder.finish(), media_type, waiting))
    except Exception as err:  # handed to the response, which reports it
        put(err)
    finally:
        stream.close()
        encoder.close()
        put(_END)


@router.post(
    "/dev/captioned_speech",
    response_model=None,
    response_class=JSONResponse,
    openapi_extra=_body(CaptionedBody),
    responses={
        200: {
            "description": "The audio and its word timestamps; one object per line when streamed.",
            "content": {
                "application/json": {"schema": _CAPTIONED_SCHEMA},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        },
        **error_responses(*_ERRORS),
    },
)
async def captioned_speech(request: Request) -> Response:
    """Speak ``input`` and say when each word is spoken (Kokoro-FastAPI's shape)."""
    state, synthesizer, config, body = await _begin(request)
    speech = _speech(body, config, synthesizer)
    media_type = MEDIA_TYPES[speech.response_format]
    if not speech.stream:

        def whole() -> tuple[bytes, list[dict[str, object]]]:
            audio = synthesizer.synthesize(
                speech.input, speech.voice, speech.speed, speech.language
            )
            return audio.to_bytes(speech.response_format), _timestamps(audio)

        data, stamps = await _in_pool(state, config.server.queue_size, whole)
        return JSONResponse(json.loads(_captioned(data, media_type, stamps)))
    ticket = state.pool.admit(config.server.queue_size)
    if ticket is None:
        raise ApiError(503, "all synthesis workers are busy; retry shortly", code="queue_full")
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[object] = asyncio.Queue()
    stop = threading.Event()

    def put(item: object) -> None:
        loop.call_soon_threadsafe(lines.put_nowait, item)

    def job() -> None:
        try:
            _pieces(
                synthesizer,
                speech,
                stop,
                put,
            )
        finally:
            ticket.release()

    state.pool.start(job)
    first = await lines.get()
    if isinstance(first, LiteTTSError):
        stop.set()
        if isinstance(first, InvalidInputError):
            raise from_library_error(first)
        raise ApiError(500, "speech synthesis failed", kind="server_error", code="synthesis_failed")

    async def body_lines() -> AsyncIterator[str]:
        item = first
        try:
            while item is not _END and isinstance(item, str):
                yield item
                item = await lines.get()
        finally:
            stop.set()

    return StreamingResponse(
        body_lines(), media_type="application/x-ndjson", headers={"cache-control": "no-store"}
    )


@router.post(
    "/dev/phonemize", openapi_extra=_body(PhonemizeBody), responses=error_responses(*_ERRORS)
)
async def phonemize(request: Request) -> dict[str, object]:
    """``{"text", "language"}`` -> ``{"phonemes", "tokens"}``: what the model would be asked."""
    state, synthesizer, config, body = await _begin(request)
    if not isinstance(body, dict) or not isinstance(body.get("text"), str) or not body["text"]:
        raise ApiError(400, "'text' is required and must be a non-empty string", param="text")
    text = _limited(body["text"], "text", config)
    language = body.get("language", "a")

    def work() -> str:
        try:
            return litetts.phonemize(text, str(language), phonemizer=synthesizer.phonemizer)
        except InvalidInputError as err:  # the text is checked; the language is at fault
            raise InvalidInputError(str(err), field="language") from err

    phonemes = await _in_pool(state, config.server.queue_size, work)
    return {"phonemes": phonemes, "tokens": synthesizer.vocabulary.encode(phonemes)}


@router.post(
    "/dev/generate_from_phonemes",
    response_class=Response,
    openapi_extra=_body(PhonemesBody),
    responses={
        200: {
            "description": "The phonemes spoken, as WAV.",
            "content": {"audio/wav": {"schema": {"type": "string", "format": "binary"}}},
        },
        **error_responses(*_ERRORS),
    },
)
async def generate_from_phonemes(request: Request) -> Response:
    """``{"phonemes", "voice"}`` -> WAV: the phonemes spoken exactly as given."""
    state, synthesizer, config, body = await _begin(request)
    if not isinstance(body, dict) or not isinstance(body.get("phonemes"), str):
        raise ApiError(400, "'phonemes' is required and must be a string", param="phonemes")
    phonemes = _limited(body["phonemes"], "phonemes", config)
    if not phonemes.strip():
        raise ApiError(400, "'phonemes' must not be empty", param="phonemes")
    voice = body.get("voice", config.synthesis.voice)
    if not isinstance(voice, str) or not voice:
        raise ApiError(400, "'voice' must be a voice name", param="voice")

    def speak() -> bytes:
        return synthesizer.synthesize(phonemes, voice, phonemes=True).to_bytes("wav")

    data = await _in_pool(state, config.server.queue_size, speak)
    return Response(data, media_type="audio/wav")
