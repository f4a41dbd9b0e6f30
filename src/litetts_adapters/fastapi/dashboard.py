"""``GET /dashboard`` (one self-contained page), ``/dashboard/ws`` (live pushes) and
``/dashboard/metrics`` (the same snapshot, for the page's polling fallback)."""

from __future__ import annotations

import contextlib
from importlib import resources

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.websockets import WebSocket

from litetts_adapters.fastapi.errors import ApiError
from litetts_adapters.fastapi.state import ServerState, server_state

__all__ = ["dashboard_page", "router"]

router = APIRouter()


def dashboard_page() -> str:
    """The dashboard's HTML, with its script and styles inline (works offline)."""
    return (
        resources.files("litetts_adapters.fastapi")
        .joinpath("static/dashboard.html")
        .read_text(encoding="utf-8")
    )


def _enabled(state: ServerState) -> None:
    if not state.config.dashboard.enabled:
        raise ApiError(404, "the dashboard is disabled (dashboard.enabled)", code="not_found")


@router.get("/dashboard", response_class=HTMLResponse)
async def page(request: Request) -> HTMLResponse:
    """The live dashboard."""
    _enabled(server_state(request))
    return HTMLResponse(dashboard_page(), headers={"cache-control": "no-cache"})


@router.get("/dashboard/metrics")
async def snapshot(request: Request) -> JSONResponse:
    """The metrics snapshot that ``/dashboard/ws`` pushes."""
    state = server_state(request)
    _enabled(state)
    return JSONResponse(state.realtime.snapshot(), headers={"cache-control": "no-store"})


@router.websocket("/dashboard/ws")
async def live(websocket: WebSocket) -> None:
    """A snapshot at once, then every ``dashboard.snapshot_interval_s``, plus events."""
    state = server_state(websocket)
    if not state.config.dashboard.enabled:
        await websocket.close(1008)
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
