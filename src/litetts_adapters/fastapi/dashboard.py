"""``GET /dashboard`` (one self-contained page), ``/dashboard/ws`` (live pushes) and
``/dashboard/metrics`` (the same snapshot, for the page's polling fallback).

The page holds no data and is always served (when enabled). Its data is guarded: with
``server.api_keys`` set and ``server.protect_metrics`` on, ``/dashboard/metrics`` needs
the key as a Bearer token and ``/dashboard/ws`` in an ``Authorization`` header or, as a
browser cannot set one, in a first message ``{"type": "auth", "key": "..."}``. The
WebSocket also refuses (403) a browser page from another origin than the server's own
or ``server.cors_origins``, so no other site can read the dashboard through a visitor.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from importlib import resources
from typing import Final
from urllib.parse import urlsplit

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.websockets import WebSocket

from litetts.config import Settings
from litetts_adapters.fastapi.errors import ApiError
from litetts_adapters.fastapi.openapi import error_responses
from litetts_adapters.fastapi.state import server_state, settings_of, valid_key

__all__ = [
    "AUTH_TIMEOUT_S",
    "POLICY_VIOLATION",
    "authenticated",
    "dashboard_page",
    "origin_allowed",
    "router",
]

POLICY_VIOLATION: Final = 1008
"""WebSocket close code for a refused origin or key."""

AUTH_TIMEOUT_S: Final = 5.0
"""Seconds a dashboard WebSocket has to send its key when it needs one."""

router = APIRouter()


def dashboard_page() -> str:
    """The dashboard's HTML, with its script and styles inline (works offline)."""
    return (
        resources.files("litetts_adapters.fastapi")
        .joinpath("static/dashboard.html")
        .read_text(encoding="utf-8")
    )


def _enabled(settings: Settings) -> None:
    if not settings.dashboard.enabled:
        raise ApiError(404, "the dashboard is disabled (dashboard.enabled)", code="not_found")


@router.get("/dashboard", response_class=HTMLResponse, responses=error_responses(404))
async def page(request: Request) -> HTMLResponse:
    """The live dashboard."""
    _enabled(settings_of(request))
    return HTMLResponse(dashboard_page(), headers={"cache-control": "no-cache"})


@router.get("/dashboard/metrics", responses=error_responses(401, 404))
async def snapshot(request: Request) -> JSONResponse:
    """The metrics snapshot that ``/dashboard/ws`` pushes."""
    state = server_state(request)
    _enabled(settings_of(request))
    state.authorize(request, monitoring=True)
    return JSONResponse(state.realtime.snapshot(), headers={"cache-control": "no-store"})


@router.websocket("/dashboard/ws")
async def live(websocket: WebSocket) -> None:
    """A snapshot at once, then every ``dashboard.snapshot_interval_s``, plus events."""
    state = server_state(websocket)
    settings = settings_of(websocket)
    if not settings.dashboard.enabled or not origin_allowed(websocket, settings):
        await websocket.close(POLICY_VIOLATION)  # before accept: the client gets a 403
        return
    needed = bool(settings.server.api_keys) and settings.server.protect_metrics
    if not await authenticated(websocket, settings, needed=needed):
        return
    client = await state.manager.connect(websocket)
    try:
        state.manager.send(client, state.realtime.snapshot())
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
    except RuntimeError:  # the manager closed the socket (a slow client): nothing to read
        pass
    finally:
        with contextlib.suppress(Exception):
            await state.manager.disconnect(client)


def origin_allowed(websocket: WebSocket, settings: Settings) -> bool:
    """No ``Origin`` (not a browser), the server's own origin, or one of
    ``server.cors_origins`` (``*`` allows any)."""
    origin = websocket.headers.get("origin")
    if origin is None:
        return True
    allowed = settings.server.cors_origins
    if "*" in allowed or origin in allowed:
        return True
    parts = urlsplit(origin)
    host = websocket.headers.get("host", "")
    return bool(host) and parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


async def authenticated(websocket: WebSocket, settings: Settings, *, needed: bool) -> bool:
    """Accept `websocket` and, when `needed`, check its key (an ``Authorization`` header
    or a first message ``{"type": "auth", "key": ...}``); False once it is closed."""
    server = settings.server
    scheme, _, token = websocket.headers.get("authorization", "").partition(" ")
    if not needed or (scheme.lower() == "bearer" and valid_key(token.strip(), server.api_keys)):
        await websocket.accept()
        return True
    await websocket.accept()
    key = ""
    with contextlib.suppress(Exception):
        message = json.loads(await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_S))
        if isinstance(message, dict) and message.get("type") == "auth":
            key = str(message.get("key", ""))
    if valid_key(key, server.api_keys):
        return True
    with contextlib.suppress(Exception):
        await websocket.close(POLICY_VIOLATION, "missing or invalid API key")
    return False
