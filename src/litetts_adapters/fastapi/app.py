"""`create_app`: the OpenAI-compatible speech server as a FastAPI app.

Everything the app needs is passed in or built here, nothing is global and nothing
happens at import. When no synthesizer is given, the real one loads in the background
at start-up (``/health`` answers 503 "loading" meanwhile).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse

from litetts import Assembly, Synthesizer
from litetts.config import ConfigStore, Settings
from litetts.errors import LiteTTSError
from litetts.health import Capability, DependencyHealth
from litetts.performance import MemoryMonitor, MetricsRecorder
from litetts_adapters.fastapi import dashboard, development, info, schema, speech, speech_ws
from litetts_adapters.fastapi.errors import ApiError, error_response
from litetts_adapters.fastapi.middleware import DynamicCORS, RequestContext, request_id
from litetts_adapters.fastapi.prometheus import metrics_registry
from litetts_adapters.fastapi.realtime import ProcessStats, RealtimeMetrics
from litetts_adapters.fastapi.sources import ConfigSource, FixedConfig
from litetts_adapters.fastapi.state import HealthCheck, ServerState, settings_of
from litetts_adapters.fastapi.websockets import WebSocketManager
from litetts_adapters.fastapi.workers import WorkerPool

__all__ = ["Loader", "create_app", "stop_work"]

logger = logging.getLogger(__name__)

Loader = Callable[[Settings], Synthesizer]
"""Builds the synthesizer from the settings at start-up."""


def _load_default(settings: Settings) -> Synthesizer:
    # The workers share the session: each request gets its share of the cores.
    workers = settings.server.worker_threads
    return Assembly.create(settings=settings, workers=workers).synthesizer()


def create_app(
    synthesizer: Synthesizer | None = None,
    store: ConfigSource | None = None,
    settings: Settings | None = None,
    *,
    loader: Loader = _load_default,
    health_check: HealthCheck | None = None,
    recorder: MetricsRecorder | None = None,
    process_stats: ProcessStats | None = None,
) -> FastAPI:
    """The speech server.

    Args:
        synthesizer: the synthesizer to serve; None loads ``loader(settings)`` at start.
        store: the settings source (a `litetts.config.ConfigStore` or anything with
            ``.config``), read at each request; wins over `settings`.
        settings: fixed settings when there is no store; default ``Settings()``.
        loader: builds the synthesizer when none is given.
        health_check: the capability report for ``/health``; default a
            `litetts.health.DependencyHealth` that retries failed backends.
        recorder: the metrics recorder; default a new one over
            ``dashboard.history_seconds``.
        process_stats: reads process memory and CPU (default: psutil).
    """
    source: ConfigSource = store if store is not None else FixedConfig(settings)
    if health_check is None:
        dependencies = DependencyHealth()

        def health_check() -> Sequence[Capability]:
            return dependencies.validate_and_recover().capabilities

    if loader is _load_default and isinstance(store, ConfigStore):
        config_store = store

        def loader(_: Settings) -> Synthesizer:
            # Subscribed to the store: synthesis.* edits apply from the next request on.
            workers = config_store.config.server.worker_threads
            return Assembly.create(store=config_store, workers=workers).synthesizer()

    config = source.config
    pool = WorkerPool(config.server.worker_threads)
    window = None
    if recorder is None:
        recorder = MetricsRecorder(window_seconds=float(config.dashboard.history_seconds))

        def window() -> float:
            return float(source.config.dashboard.history_seconds)

    manager = WebSocketManager(
        queue_size=lambda: source.config.dashboard.client_queue,
        heartbeat_s=lambda: source.config.dashboard.heartbeat_s,
    )
    realtime = RealtimeMetrics(recorder, pool, manager, process=process_stats, window=window)
    state = ServerState(
        source=source,
        synthesizer=synthesizer,
        pool=pool,
        recorder=recorder,
        manager=manager,
        realtime=realtime,
        registry=metrics_registry(realtime),
        health_check=health_check,
    )
    app = FastAPI(
        title="litetts",
        summary="OpenAI-compatible text-to-speech with Kokoro-82M",
        lifespan=_lifespan(state, synthesizer, loader),
        # Served by `schema.router` instead, behind the key when server.protect_metrics.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.litetts = state
    app.include_router(speech.router)
    app.include_router(speech_ws.router)
    app.include_router(development.router)
    app.include_router(info.router)
    app.include_router(dashboard.router)
    app.include_router(schema.router)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(
        DynamicCORS, origins=lambda scope: settings_of(HTTPConnection(scope)).server.cors_origins
    )
    app.add_middleware(RequestContext)
    return app


def stop_work(app: FastAPI) -> int:
    """Refuse new speech (503) and cancel every request in flight, each after the chunk
    its worker is on; returns how many were cancelled. Call it when a stop is asked for
    (SIGTERM), before the server waits for open connections. Safe from any thread."""
    state: ServerState = app.state.litetts
    return state.stop_work()


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc, request_id(request.scope))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = "not_found" if exc.status_code == 404 else "http_error"
    error = ApiError(exc.status_code, str(exc.detail), code=code, headers=exc.headers)
    return error_response(error, request_id(request.scope))


def _watch_memory(state: ServerState, synthesizer: Synthesizer) -> Callable[[], None]:
    """Sample memory in the background; over budget it trims the audio cache. Its events
    reach the dashboard and /metrics through the recorder. Returns the stop function."""
    monitor = MemoryMonitor.from_settings(state.config.performance, caches=[synthesizer.cache])
    unsubscribe = monitor.subscribe(state.recorder.record_memory)
    monitor.start()
    state.monitor = monitor

    def stop() -> None:
        unsubscribe()
        monitor.stop()

    return stop


def _lifespan(
    state: ServerState, synthesizer: Synthesizer | None, loader: Loader
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Start-up: subscribe (or load) the synthesizer, check capabilities, push snapshots.
    Shutdown: stop the background tasks, close dashboard clients, release the workers."""
    source, realtime = state.source, state.realtime

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        unsubscribe: list[Callable[[], None]] = []

        def attach(synth: Synthesizer) -> None:
            unsubscribe.append(synth.subscribe(realtime.on_event))
            unsubscribe.append(_watch_memory(state, synth))
            state.synthesizer = synth

        def spawn(coroutine: Coroutine[Any, Any, None]) -> None:
            task = asyncio.create_task(coroutine)
            state.background.add(task)
            task.add_done_callback(state.background.discard)

        async def load() -> None:
            try:
                attach(await asyncio.to_thread(loader, source.config))
                logger.info("model loaded; serving speech")
            except LiteTTSError as err:
                state.load_error = str(err)
                logger.error("cannot load the model: %s", err)
            except Exception as err:
                state.load_error = f"{type(err).__name__}: {err}"
                logger.exception("cannot load the model")

        async def check() -> None:
            try:
                state.capabilities = list(await asyncio.to_thread(state.health_check))
                state.capabilities_checked_at = time.monotonic()
            except Exception:
                logger.exception("the capability check failed")

        realtime.bind(asyncio.get_running_loop())
        state.load_error = None
        if synthesizer is not None:
            attach(synthesizer)
        else:
            state.synthesizer = None
            spawn(load())
        spawn(check())
        spawn(realtime.run(lambda: source.config.dashboard.snapshot_interval_s))
        try:
            yield
        finally:
            for task in list(state.background):
                task.cancel()
            await asyncio.gather(*state.background, return_exceptions=True)
            await state.manager.close_all()
            for stop in unsubscribe:
                stop()
            state.pool.shutdown()

    return lifespan
