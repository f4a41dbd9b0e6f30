"""Pure ASGI middleware (no BaseHTTPMiddleware, which would buffer streams).

`RequestContext` gives every HTTP request an id, returns it in ``x-request-id``, and is
the last line of defence: an unexpected exception is logged with that id and answered
with OpenAI's error JSON, never a traceback. `DynamicCORS` applies the CORS origins the
settings hold now, so a reload takes effect without a restart.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from litetts_adapters.fastapi.errors import error_body

__all__ = ["DynamicCORS", "RequestContext", "request_id"]

logger = logging.getLogger(__name__)

_CLIENT_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def request_id(scope: Scope) -> str:
    """The id `RequestContext` gave this request (a fresh one outside it)."""
    state = scope.setdefault("state", {})
    if "request_id" not in state:
        state["request_id"] = uuid.uuid4().hex[:16]
    return str(state["request_id"])


class RequestContext:
    """Request ids, and a JSON 500 with that id for any unhandled exception."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers", [])).get(b"x-request-id", b"").decode("latin-1")
        state = scope.setdefault("state", {})
        state["request_id"] = incoming if _CLIENT_ID.match(incoming) else uuid.uuid4().hex[:16]
        rid = state["request_id"]
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                headers["x-request-id"] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception(
                "request %s %s failed (request id %s)", scope.get("method"), scope.get("path"), rid
            )
            if started:
                return  # the status line is gone; the connection just ends
            body = error_body(
                f"internal server error; quote request id {rid} when reporting it",
                "server_error",
                code="internal_error",
            )
            from starlette.responses import JSONResponse

            await JSONResponse(body, status_code=500, headers={"x-request-id": rid})(
                scope, receive, send
            )


class DynamicCORS:
    """CORS with the origins `origins(scope)` returns for each request (none: no CORS
    headers)."""

    def __init__(self, app: ASGIApp, origins: Callable[[Scope], tuple[str, ...]]) -> None:
        self.app = app
        self._origins = origins
        self._cached: tuple[tuple[str, ...], ASGIApp] | None = None

    def _for(self, origins: tuple[str, ...]) -> ASGIApp:
        if self._cached is None or self._cached[0] != origins:
            cors = CORSMiddleware(
                self.app,
                allow_origins=list(origins),
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["authorization", "content-type", "x-request-id"],
                expose_headers=["x-request-id", "retry-after"],
            )
            self._cached = (origins, cors)
        return self._cached[1]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origins = self._origins(scope) if scope["type"] == "http" else ()
        app = self._for(origins) if origins else self.app
        await app(scope, receive, send)
