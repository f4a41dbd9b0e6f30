"""Reading and checking a request to ``POST /v1/audio/speech``.

Every check names the field at fault in OpenAI's error shape, before any synthesis or
queueing: the content type, the body size (counted as it arrives, so a chunked body
cannot slip past), the JSON itself, then each field.

A malformed body is a 400 too, whatever is wrong with it: bytes that are not UTF-8,
nesting too deep for the parser, a number too long to be an integer, a string holding a
lone surrogate. Where the fault sits inside a top-level field, ``param`` names it.
"""

from __future__ import annotations

import json
import math
import re
from typing import Final

from attrs import frozen
from starlette.requests import Request

from litetts.config import Settings
from litetts.errors import InvalidInputError
from litetts.kokoro import MAX_SPEED, MIN_SPEED, VoiceBank
from litetts_adapters.fastapi.encoders import STREAM_FORMATS
from litetts_adapters.fastapi.errors import ApiError, from_library_error

__all__ = [
    "MAX_INT_DIGITS",
    "MODELS",
    "STREAM_KINDS",
    "SpeechRequest",
    "check_speed",
    "parse_json",
    "parse_speech",
    "read_json",
]

MODELS: Final = ("kokoro", "tts-1", "tts-1-hd")

STREAM_KINDS: Final = ("audio", "sse")
"""``stream_format`` values: raw audio, or OpenAI's server-sent ``speech.audio.*`` events."""
"""Model names accepted; all speak with the one loaded Kokoro model."""

MAX_INT_DIGITS: Final = 64
"""A JSON integer longer than this is read as a float (infinite when huge), which every
numeric field rejects by name, instead of Python's 4,300-digit `ValueError`."""

_DEPTH_LIMIT: Final = 256
"""Nesting depth at which a body that broke the parser is reported as too deep."""

_SCAN_TOKENS: Final = 100_000
"""Tokens read at most to name the field at fault; past them ``param`` stays null, so a
huge malformed body costs milliseconds on the event loop, not a second."""

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[{}\[\]:,]')


@frozen
class SpeechRequest:
    """A checked speech request."""

    input: str
    voice: str
    response_format: str
    speed: float
    stream: bool
    language: str | None
    stream_format: str = "audio"
    """``audio`` (bytes of the format) or ``sse`` (OpenAI's ``speech.audio.*`` events)."""


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
    return parse_json(bytes(body))


def _number(digits: str) -> int | float:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else float(digits)


def _field_at(text: str, end: int | None = None, depth_limit: int | None = None) -> str | None:
    """The top-level key whose value holds position `end` of `text` (or where the nesting
    first exceeds `depth_limit`); None outside any field."""
    depth = 0
    key: str | None = None
    last: str | None = None
    matches = _TOKENS.finditer(text, 0, len(text) if end is None else end)
    for count, match in enumerate(matches):
        if count >= _SCAN_TOKENS:
            return None
        token = match.group()
        if token in ("{", "["):
            depth += 1
            if depth_limit is not None and depth > depth_limit:
                break
        elif token in ("}", "]"):
            depth -= 1
        elif token == ",":
            key = None if depth == 1 else key
        elif token == ":":
            key = last if depth == 1 else key
        else:
            last = token
    if key is None:
        return None
    try:
        name = json.loads(key)
    except ValueError:
        return None
    return name if isinstance(name, str) else None


def parse_json(body: bytes) -> object:
    """`body` as JSON.

    Raises:
        ApiError: 400 ``invalid_json`` for any malformed body, naming the top-level field
            at fault where there is one.
    """
    try:
        return json.loads(body, parse_int=_number)
    except UnicodeDecodeError as err:
        before = body[: err.start].decode("utf-8", "replace")
        raise ApiError(
            400,
            f"request body is not valid UTF-8 (byte {err.start}); send UTF-8 JSON",
            param=_field_at(before),
            code="invalid_json",
        ) from err
    except json.JSONDecodeError as err:
        raise ApiError(
            400,
            f"request body is not valid JSON: {err.msg} at character {err.pos}",
            param=_field_at(err.doc, err.pos),
            code="invalid_json",
        ) from err
    except RecursionError as err:
        text = body.decode("utf-8", "replace")
        raise ApiError(
            400,
            "request body is nested too deeply; a speech request is one flat JSON object",
            param=_field_at(text, depth_limit=_DEPTH_LIMIT),
            code="invalid_json",
        ) from err
    except ValueError as err:  # anything else the decoder refuses
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
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            bad = value[err.start]
            raise ApiError(
                400,
                f"'{name}' holds a lone surrogate ({bad!r}) at character {err.start};"
                " send valid Unicode",
                param=name,
                code="invalid_value",
            ) from err
    return value


def check_speed(speed: object) -> float:
    """`speed` as a float in the model's range, or a 400 naming the field (a bool, a
    string, NaN or an out-of-range number)."""
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
    return float(speed)


def parse_speech(body: object, settings: Settings, voices: VoiceBank) -> SpeechRequest:
    """Check every field of a speech request body.

    Raises:
        ApiError: 400 naming the field (``input``, ``voice``, ``model``,
            ``response_format``, ``speed``, ``stream``, ``stream_format``,
            ``instructions``).
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
    voice = _string(body, "voice", settings.synthesis.voice)
    if not voice:
        raise ApiError(400, "'voice' must not be empty", param="voice", code="invalid_value")
    try:
        voices.resolve(voice)
    except InvalidInputError as err:
        raise from_library_error(err) from err
    fmt = _string(body, "response_format", "mp3")
    if fmt not in STREAM_FORMATS:
        raise ApiError(
            400,
            f"unknown response_format {fmt!r}; use one of: {', '.join(STREAM_FORMATS)}",
            param="response_format",
            code="invalid_value",
        )
    speed = check_speed(body.get("speed", 1.0))
    stream = body.get("stream", True)
    if not isinstance(stream, bool):
        raise ApiError(400, "'stream' must be true or false", param="stream", code="invalid_type")
    stream_format = _string(body, "stream_format", "audio")
    if stream_format not in STREAM_KINDS:
        raise ApiError(
            400,
            f"unknown stream_format {stream_format!r}; use one of: {', '.join(STREAM_KINDS)}",
            param="stream_format",
            code="invalid_value",
        )
    _string(body, "instructions", None)  # accepted and ignored: Kokoro cannot follow them
    language = _string(body, "language", None)
    return SpeechRequest(
        text, voice, fmt, float(speed), stream, language or None, stream_format or "audio"
    )
