"""``GET /openapi.json`` and ``/docs``: FastAPI's own, behind the API key when
``server.protect_metrics`` is on and keys are set."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse

from litetts_adapters.fastapi.state import server_state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/openapi.json")
async def openapi(request: Request) -> JSONResponse:
    server_state(request).authorize(request, monitoring=True)
    return JSONResponse(request.app.openapi())


@router.get("/docs")
async def docs(request: Request) -> HTMLResponse:
    server_state(request).authorize(request, monitoring=True)
    return get_swagger_ui_html(openapi_url="/openapi.json", title="litetts API")
