"""Reading and checking a request to ``POST /v1/audio/speech``.

Every check names the field at fault in OpenAI's error shape, before any synthesis or
queueing: the content type, the body size (counted as it arrives, so a chunked body
cannot slip past), the JSON itself, then each field.
"""

from __future__ import annotations

import json
import math
from typing import Final

from attrs import frozen
from starlette.requests import Request

from litetts.config import Settings
from litetts.errors import InvalidInputError
from litetts.kokoro import MAX_SPEED, MIN_SPEED, VoiceBank
from litetts_adapters.fastapi.encoders import STREAM_FORMATS
from litetts_adapters.fastapi.errors import ApiError, from_library_error

__all__ = ["MODELS", "SpeechRequest", "parse_speech", "read_json"]

MODELS: Final = ("kokoro", "tts-1", "tts-1-hd")
"""Model names accepted; all speak with the one loaded Kokoro model."""


@frozen
class SpeechRequest:
    """A checked speech request."""

    input: str
    voice: str
    response_format: str
    speed: float
    stream: bool
    language: str | None


async def read_json(request: Request, max_bytes: int) -> object:
    """The request's JSON body, at most `max_bytes` long.

    Raises:
        ApiError: 415 not JSON, 413 too large, 400 malformed.
    """
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise ApiError(
            415,
            f"Content-Type must be application/json, got {content_type or 'none'!r}",
            code="unsupported_media_type",
        )
    too_large = ApiError(
        413, f"request body is larger than {max_bytes} bytes", code="request_too_large"
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    body = bytearray()
    async for part in request.stream():
        body += part
        if len(body) > max_bytes:
            raise too_large
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ApiError(400, f"request body is not valid JSON: {err}", code="invalid_json") from err


def _string(body: dict[str, object], name: str, default: str | None) -> str | None:
    value = body.get(name, default)
    if value is not None and not isinstance(value, str):
        raise ApiError(
            400,
            f"'{name}' must be a string, got {type(value).__name__}",
            param=name,
            code="invalid_type",
        )
    return value


def parse_speech(body: object, settings: Settings, voices: VoiceBank) -> SpeechRequest:
    """Check every field of a speech request body.

    Raises:
        ApiError: 400 naming the field (``input``, ``voice``, ``model``,
            ``response_format``, ``speed``, ``stream``, ``stream_format``).
    """
    if not isinstance(body, dict):
        raise ApiError(400, "request body must be a JSON object", code="invalid_json")
    model = _string(body, "model", "kokoro")
    if model not in MODELS:
        raise ApiError(
            400,
            f"unknown model {model!r}; use one of: {', '.join(MODELS)}",
            param="model",
            code="model_not_found",
        )
    text = _string(body, "input", None)
    if text is None or not text.strip():
        raise ApiError(
            400, "'input' is required and must not be empty", param="input", code="invalid_value"
        )
    limit = min(settings.server.max_input_chars, settings.synthesis.max_chars)
    if len(text) > limit:
        raise ApiError(
            400,
            f"'input' has {len(text)} characters; the maximum is {limit}",
            param="input",
            code="input_too_long",
        )
    voice = _string(body, "voice", settings.synthesis.voice) or settings.synthesis.voice
    try:
        voices.resolve(voice)
    except InvalidInputError as err:
        raise from_library_error(err) from err
    fmt = _string(body, "response_format", "mp3") or "mp3"
    if fmt not in STREAM_FORMATS:
        raise ApiError(
            400,
            f"unknown response_format {fmt!r}; use one of: {', '.join(STREAM_FORMATS)}",
            param="response_format",
            code="invalid_value",
        )
    speed = body.get("speed", 1.0)
    if (
        isinstance(speed, bool)
        or not isinstance(speed, int | float)
        or not math.isfinite(speed)
        or not MIN_SPEED <= speed <= MAX_SPEED
    ):
        raise ApiError(
            400,
            f"'speed' must be a number from {MIN_SPEED} to {MAX_SPEED}, got {speed!r}",
            param="speed",
            code="invalid_value",
        )
    stream = body.get("stream", True)
    if not isinstance(stream, bool):
        raise ApiError(400, "'stream' must be true or false", param="stream", code="invalid_type")
    stream_format = _string(body, "stream_format", "audio")
    if stream_format != "audio":
        raise ApiError(
            400,
            f"stream_format {stream_format!r} is not supported; use 'audio'",
            param="stream_format",
            code="invalid_value",
        )
    language = _string(body, "language", None)
    return SpeechRequest(text, voice, fmt, float(speed), stream, language or None)
