"""What the served OpenAPI schema says about each route, kept beside the code it describes.

The speech endpoint reads its body by hand (so that every fault is a 400 in OpenAI's
shape, see `litetts_adapters.fastapi.requests`), so FastAPI cannot infer the request
model or the audio responses: they are declared here. `SpeechBody` mirrors the checks in
`parse_speech`; `ERROR_SCHEMA` is the JSON of every error status.
"""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from litetts.kokoro import MAX_SPEED, MIN_SPEED
from litetts_adapters.fastapi.encoders import MEDIA_TYPES, SSE_MEDIA_TYPE

__all__ = [
    "ERROR_SCHEMA",
    "SSE_EVENT_SCHEMA",
    "SpeechBody",
    "error_responses",
    "health_responses",
    "metrics_responses",
    "speech_openapi",
    "speech_responses",
]


class SpeechBody(BaseModel):
    """A request to ``POST /v1/audio/speech`` (OpenAI's fields, plus ``language``)."""

    model_config = ConfigDict(extra="allow")

    model: Literal["kokoro", "tts-1", "tts-1-hd"] = Field(
        "kokoro", description="Any of these speaks with the loaded Kokoro-82M model."
    )
    input: str = Field(
        min_length=1,
        description="The text to speak: not blank, at most server.max_input_chars characters"
        " (4096 by default), valid Unicode (no lone surrogates).",
    )
    voice: str = Field(
        "af_heart",
        min_length=1,
        description="A Kokoro voice id, an OpenAI voice name or a blend such as"
        " 'af_bella(2)+af_sky(1)'; see GET /v1/audio/voices.",
    )
    response_format: Literal["mp3", "opus", "aac", "flac", "wav", "pcm"] = Field(
        "mp3", description="pcm is raw signed 16-bit little-endian mono at 24 kHz."
    )
    speed: float = Field(1.0, ge=MIN_SPEED, le=MAX_SPEED, description="Speaking rate.")
    stream: bool = Field(True, description="Send audio as it is synthesised.")
    stream_format: Literal["audio", "sse"] = Field(
        "audio",
        description="audio: the bytes of response_format. sse: server-sent events, each"
        ' data: {"type": "speech.audio.delta", "audio": BASE64} with the next bytes of'
        ' response_format, then data: {"type": "speech.audio.done", "usage": {...}}'
        " (input_tokens counts the input's characters); always streamed.",
    )
    instructions: str | None = Field(
        None, description="Accepted for OpenAI compatibility and ignored: Kokoro cannot follow it."
    )
    language: str | None = Field(None, description="The text's language; default the voice's.")


_NULLABLE_STRING: Final = {"anyOf": [{"type": "string"}, {"type": "null"}]}

ERROR_SCHEMA: Final = {
    "title": "ErrorBody",
    "description": "OpenAI's error JSON, answered with every error status.",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["message", "type", "param", "code"],
            "properties": {
                "message": {"type": "string"},
                "type": {
                    "type": "string",
                    "description": "invalid_request_error or server_error",
                },
                "param": {**_NULLABLE_STRING, "description": "The request field at fault."},
                "code": {**_NULLABLE_STRING, "description": "Short and machine-readable."},
            },
        }
    },
}
"""The JSON of every error status (inline: errors are JSON whatever the route serves)."""


_USAGE: Final = {
    "type": "object",
    "required": ["input_tokens", "output_tokens", "total_tokens"],
    "properties": {
        "input_tokens": {"type": "integer", "description": "Characters of the input."},
        "output_tokens": {"type": "integer"},
        "total_tokens": {"type": "integer"},
    },
}
SSE_EVENT_SCHEMA: Final = {
    "title": "SpeechStreamEvent",
    "description": 'One server-sent event of stream_format "sse": its data is the JSON of'
    " speech.audio.delta (the next bytes of response_format, base64) or, last,"
    " speech.audio.done.",
    "type": "object",
    "required": ["data"],
    "properties": {
        "event": {"type": "string"},
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": {
                "oneOf": [
                    {
                        "type": "object",
                        "required": ["type", "audio"],
                        "properties": {
                            "type": {"const": "speech.audio.delta"},
                            "audio": {"type": "string", "contentEncoding": "base64"},
                        },
                    },
                    {
                        "type": "object",
                        "required": ["type", "usage"],
                        "properties": {"type": {"const": "speech.audio.done"}, "usage": _USAGE},
                    },
                ]
            },
        },
    },
}
"""Each event of a ``stream_format: "sse"`` response (OpenAI's speech events)."""


_WHY: Final = {
    400: "A malformed body or a bad field; `param` names the field.",
    401: "Missing or invalid API key (only when server.api_keys is set).",
    404: "Not found (the dashboard when dashboard.enabled is false).",
    413: "The body is larger than server.max_body_bytes.",
    415: "The body is not application/json.",
    500: "Synthesis failed; the message quotes the request id.",
    503: "The model is loading, or every worker is busy and the queue is full.",
}
_RETRY: Final = {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}}}
_CHALLENGE: Final = {"WWW-Authenticate": {"schema": {"type": "string"}}}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` entries for these error statuses, each with `ErrorBody`."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {
            "description": _WHY[status],
            "content": {"application/json": {"schema": ERROR_SCHEMA}},
        }
        if status == 503:
            entry["headers"] = _RETRY
        if status == 401:
            entry["headers"] = _CHALLENGE
        responses[status] = entry
    return responses


def speech_responses() -> dict[int | str, dict[str, Any]]:
    """200 with one audio media type per ``response_format``, then the errors."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    audio = {media_type: binary for media_type in dict.fromkeys(MEDIA_TYPES.values())}
    events = {SSE_MEDIA_TYPE: {"schema": SSE_EVENT_SCHEMA}}  # stream_format "sse"
    return {
        200: {"description": "The audio, in the requested format.", "content": audio | events},
        **error_responses(400, 401, 413, 415, 500, 503),
    }


def speech_openapi() -> dict[str, Any]:
    """``openapi_extra`` for the speech route: its JSON request body."""
    schema = SpeechBody.model_json_schema()
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    }


def health_responses() -> dict[int | str, dict[str, Any]]:
    """``/health``: the same JSON report with 503 until the model is loaded."""
    report = {"schema": {"type": "object"}}
    return {
        503: {
            "description": "Loading, or the load failed.",
            "content": {"application/json": report},
        }
    }


def metrics_responses() -> dict[int | str, dict[str, Any]]:
    """``/metrics``: Prometheus text."""
    text = {"schema": {"type": "string"}}
    return {
        200: {"description": "Prometheus text format 0.0.4.", "content": {"text/plain": text}},
        **error_responses(401),
    }
