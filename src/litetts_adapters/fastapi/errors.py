"""Errors in OpenAI's JSON shape: ``{"error": {"message", "type", "param", "code"}}``.

`ApiError` is raised by handlers for anything a client did wrong (or a full queue);
`error_response` renders it. `litetts` errors map by type: `InvalidInputError` and
`VoiceNotFoundError` become 400s that name the request field.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import JSONResponse

from litetts.errors import AudioTooLongError, InvalidInputError, LiteTTSError, VoiceNotFoundError

__all__ = ["ApiError", "error_body", "error_response", "from_library_error"]

# Library argument names -> the request fields a client sent.
_FIELDS = {"text": "input", "samples": "input", "lang": "language"}


class ApiError(Exception):
    """An error answered with `status` and OpenAI's error JSON.

    Args:
        status: the HTTP status.
        message: what was wrong and how to fix it.
        param: the request field at fault, if any.
        code: a short machine-readable code (``"invalid_value"``, ``"queue_full"``).
        kind: OpenAI's ``type``: ``invalid_request_error``, ``authentication_error``,
            ``server_error``.
        headers: extra response headers (``Retry-After``, ``WWW-Authenticate``).
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        kind: str = "invalid_request_error",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.kind = kind
        self.headers = dict(headers or {})


def error_body(
    message: str, kind: str, param: str | None = None, code: str | None = None
) -> dict[str, dict[str, str | None]]:
    """OpenAI's error JSON."""
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def error_response(error: ApiError, request_id: str | None = None) -> JSONResponse:
    """`error` as a JSON response, carrying the request id when there is one."""
    headers = dict(error.headers)
    if request_id is not None:
        headers["x-request-id"] = request_id
    return JSONResponse(
        error_body(error.message, error.kind, error.param, error.code),
        status_code=error.status,
        headers=headers,
    )


def from_library_error(error: LiteTTSError) -> ApiError:
    """The client-facing form of a library error raised by a request's own input."""
    if isinstance(error, VoiceNotFoundError):
        return ApiError(400, str(error), param="voice", code="voice_not_found")
    if isinstance(error, AudioTooLongError):
        return ApiError(400, str(error), param="input", code="audio_too_long")
    if isinstance(error, InvalidInputError):
        field = _FIELDS.get(error.field or "", error.field)
        return ApiError(400, str(error), param=field, code="invalid_value")
    return ApiError(500, "speech synthesis failed", kind="server_error", code="synthesis_failed")
