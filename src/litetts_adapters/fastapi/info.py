"""``GET /v1/models``, ``/v1/audio/voices``, ``/health`` and ``/metrics``."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from litetts.health import INFORMATIONAL
from litetts.kokoro import OPENAI_VOICES, VoiceBank, catalogue
from litetts_adapters.fastapi.openapi import error_responses, health_responses, metrics_responses
from litetts_adapters.fastapi.prometheus import CONTENT_TYPE, render
from litetts_adapters.fastapi.requests import MODELS
from litetts_adapters.fastapi.state import server_state

__all__ = ["router", "voice_list"]

router = APIRouter()

RECHECK_S = 30.0
"""Least seconds between two capability checks made by ``/health``."""


@router.get("/v1/models", responses=error_responses(401))
async def list_models(request: Request) -> dict[str, Any]:
    """The model names the speech endpoint accepts (all speak with Kokoro-82M)."""
    server_state(request).authorize(request)
    return {
        "object": "list",
        "data": [
            {"id": name, "object": "model", "created": 0, "owned_by": "litetts"} for name in MODELS
        ],
    }


def voice_list(bank: VoiceBank) -> list[dict[str, Any]]:
    """Every voice of `bank`, with language, gender and OpenAI aliases where known."""
    known = {info.id: info for info in catalogue()}
    voices = []
    for voice in bank.names():
        info = known.get(voice)
        voices.append(
            {
                "id": voice,
                "name": voice,
                "language": info.language if info else None,
                "language_name": info.language_name if info else None,
                "gender": info.gender if info else None,
                "openai_names": [n for n, v in OPENAI_VOICES.items() if v == voice],
            }
        )
    return voices


@router.get("/v1/audio/voices", responses=error_responses(401, 503))
async def list_voices(request: Request) -> dict[str, Any]:
    """Kokoro voice ids, with the OpenAI names that map to them."""
    state = server_state(request)
    state.authorize(request)
    bank = state.ready().voices
    return {
        "voices": voice_list(bank),
        "openai_names": {n: v for n, v in OPENAI_VOICES.items() if v in bank},
    }


@router.get("/health", responses=health_responses())
async def health(request: Request) -> JSONResponse:
    """Readiness: 200 once the model is loaded (``degraded`` when a capability is
    missing or degraded), 503 while loading or after a failed load."""
    state = server_state(request)
    capabilities = state.capabilities or []
    counted = [c for c in capabilities if c.name not in INFORMATIONAL]
    if any(c.status != "available" for c in counted) and (
        time.monotonic() - state.capabilities_checked_at >= RECHECK_S
    ):
        # Something was missing: check again (the default check retries espeak-ng and
        # optional imports), at most every RECHECK_S, so a repaired backend shows up.
        state.capabilities_checked_at = time.monotonic()
        capabilities = list(await asyncio.to_thread(state.health_check))
        state.capabilities = capabilities
        counted = [c for c in capabilities if c.name not in INFORMATIONAL]
    if state.synthesizer is None:
        status = "error" if state.load_error else "loading"
    elif any(c.status != "available" for c in counted):
        status = "degraded"
    else:
        status = "ok"
    body = {
        "status": status,
        "model_loaded": state.synthesizer is not None,
        "error": state.load_error,
        "capabilities": [
            {"name": c.name, "status": c.status, "detail": c.detail, "fix": c.fix}
            for c in capabilities
        ],
        "workers": {
            "threads": state.pool.workers,
            "in_flight": state.pool.running,
            "queued": state.pool.queued,
        },
    }
    return JSONResponse(body, status_code=200 if state.synthesizer is not None else 503)


@router.get("/metrics", response_class=PlainTextResponse, responses=metrics_responses())
async def metrics(request: Request) -> Response:
    """Prometheus text format."""
    state = server_state(request)
    state.authorize(request, monitoring=True)
    return Response(render(state.registry), media_type=CONTENT_TYPE)
