"""`ServerState`: everything one app holds, created by `create_app`, no globals."""

from __future__ import annotations

import asyncio
import hmac
import threading
from collections.abc import Callable, Sequence

from prometheus_client import CollectorRegistry
from starlette.requests import HTTPConnection

from litetts.config import Settings
from litetts.health import Capability
from litetts.performance import MemoryMonitor, MetricsRecorder
from litetts.synthesizer import Synthesizer
from litetts_adapters.fastapi.errors import ApiError
from litetts_adapters.fastapi.realtime import RealtimeMetrics
from litetts_adapters.fastapi.sources import ConfigSource
from litetts_adapters.fastapi.websockets import WebSocketManager
from litetts_adapters.fastapi.workers import WorkerPool

__all__ = ["HealthCheck", "ServerState", "server_state", "settings_of", "valid_key"]

HealthCheck = Callable[[], Sequence[Capability]]
"""Reports optional capabilities (default: `litetts.health.DependencyHealth`, retrying
what failed before)."""


class ServerState:
    """The synthesizer (once loaded), settings source, workers and metrics of one app."""

    def __init__(
        self,
        *,
        source: ConfigSource,
        synthesizer: Synthesizer | None,
        pool: WorkerPool,
        recorder: MetricsRecorder,
        manager: WebSocketManager,
        realtime: RealtimeMetrics,
        registry: CollectorRegistry,
        health_check: HealthCheck,
    ) -> None:
        self.source = source
        self.synthesizer = synthesizer
        self.pool = pool
        self.recorder = recorder
        self.manager = manager
        self.realtime = realtime
        self.registry = registry
        self.health_check = health_check
        self.capabilities: list[Capability] | None = None
        self.monitor: MemoryMonitor | None = None
        """Watches memory once the synthesizer is attached."""
        self.capabilities_checked_at = 0.0
        """`time.monotonic()` of the last capability check."""
        self.load_error: str | None = None
        self.background: set[asyncio.Task[None]] = set()
        self.stopping = False
        """Set by `stop_work`: new speech requests get a 503."""
        self._inflight: dict[int, Callable[[], None]] = {}
        self._inflight_lock = threading.Lock()

    def track(self, cancel: Callable[[], None]) -> Callable[[], None]:
        """Register the cancel function of a request in flight; returns its un-register."""
        with self._inflight_lock:
            self._inflight[id(cancel)] = cancel

        def forget() -> None:
            with self._inflight_lock:
                self._inflight.pop(id(cancel), None)

        return forget

    @property
    def in_flight(self) -> int:
        """Speech requests being answered now (cancellable by `stop_work`)."""
        with self._inflight_lock:
            return len(self._inflight)

    def stop_work(self) -> int:
        """Refuse new speech and cancel every request in flight (each stops after its
        current chunk); returns how many were cancelled. Safe from any thread."""
        self.stopping = True
        with self._inflight_lock:
            cancels = list(self._inflight.values())
        for cancel in cancels:
            cancel()
        return len(cancels)

    @property
    def config(self) -> Settings:
        """The settings now. A request reads them once, through `settings_of`."""
        return self.source.config

    def ready(self) -> Synthesizer:
        """The synthesizer, or a 503 while it loads (or after it failed to)."""
        if self.synthesizer is not None:
            return self.synthesizer
        message = (
            f"the model failed to load: {self.load_error}"
            if self.load_error
            else "the model is still loading; retry shortly"
        )
        raise ApiError(
            503, message, kind="server_error", code="model_not_ready", headers={"Retry-After": "5"}
        )

    def authorize(self, connection: HTTPConnection, *, monitoring: bool = False) -> None:
        """Check the Bearer token when API keys are configured.

        Args:
            monitoring: the route is a monitoring one (``/metrics``, the dashboard's
                data, the API schema), checked only with ``server.protect_metrics``.

        Raises:
            ApiError: 401 without a valid key.
        """
        server = settings_of(connection).server
        if not server.api_keys or (monitoring and not server.protect_metrics):
            return
        header = connection.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() == "bearer" and valid_key(token.strip(), server.api_keys):
            return
        raise ApiError(
            401,
            "missing or invalid API key; send it as 'Authorization: Bearer <key>'",
            kind="invalid_request_error",
            code="invalid_api_key",
            headers={"WWW-Authenticate": "Bearer"},
        )


def valid_key(token: str, keys: Sequence[str]) -> bool:
    """`token` is one of `keys` (compared in constant time)."""
    encoded = token.encode("utf-8", "replace")
    return bool(token) and any(hmac.compare_digest(encoded, key.encode()) for key in keys)


def settings_of(connection: HTTPConnection) -> Settings:
    """The settings of this request: read from the source once, at the first call, and
    kept in the request's scope, so a reload mid-request cannot mix old and new values."""
    scope_state = connection.scope.setdefault("state", {})
    settings = scope_state.get("litetts_settings")
    if not isinstance(settings, Settings):
        settings = server_state(connection).config
        scope_state["litetts_settings"] = settings
    return settings


def server_state(connection: HTTPConnection) -> ServerState:
    """The `ServerState` of the app serving `connection`."""
    state: ServerState = connection.app.state.litetts
    return state
