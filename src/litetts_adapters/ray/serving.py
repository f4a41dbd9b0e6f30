"""The speech server as a Ray Serve deployment: replicas of the same `create_app`.

Each replica holds one synthesizer whose ONNX Runtime threads are the CPUs Ray gave the
replica (through the ``model.threads`` setting); the rest of the settings come from the
same layered configuration as ``litetts serve`` (settings.json, override.json,
``LITETTS_*`` variables) on the replica's node. Serve's proxy streams the responses,
its health check asks the app's ``/health``, and its autoscaler adds replicas while the
requests in flight per replica stay above ``server.worker_threads``.

Run it with ``litetts serve --ray ADDRESS`` or ``serve run litetts_adapters.ray:app``
(``serve run litetts_adapters.ray:build_app replica_cpus=2 max_replicas=8`` to size it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from attrs import frozen
from fastapi import FastAPI
from ray import serve
from ray.serve import Application

from litetts import Assembly, ConfigStore
from litetts_adapters.batch import SynthesizerFactory
from litetts_adapters.fastapi import create_app

__all__ = [
    "DEPLOYMENT_NAME",
    "LiteTTSReplica",
    "RayOptions",
    "app",
    "asgi_get",
    "build_app",
    "deployment",
    "run_on_ray",
]

DEPLOYMENT_NAME: Final = "litetts"


def _assigned_cpus() -> int:
    """Whole CPUs Ray reserved for this replica (at least one)."""
    import ray

    cpus = ray.get_runtime_context().get_assigned_resources().get("CPU", 1.0)  # type: ignore[no-untyped-call]
    return max(1, int(cpus))


async def asgi_get(app: Any, path: str) -> tuple[int, bytes]:
    """GET `path` from the ASGI `app` in this process: the status and the body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"replica")],
        "client": ("127.0.0.1", 0),
        "server": ("replica", 80),
    }
    sent = False
    status = 500
    body = bytearray()

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Mapping[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    await app(scope, receive, send)
    return status, bytes(body)


class LiteTTSReplica:
    """One replica: the synthesizer is loaded before the replica takes requests.

    Args:
        overrides: settings on top of the configuration (``model.threads`` is the
            replica's CPUs whatever they say).
        factory: builds the synthesizer from a thread count instead of the settings
            (tests pass a fake).
    """

    def __init__(
        self,
        overrides: Mapping[str, object] | None = None,
        factory: SynthesizerFactory | None = None,
    ) -> None:
        threads = _assigned_cpus()
        self.store = ConfigStore.load(overrides={**(overrides or {}), "model.threads": threads})
        if factory is None:
            self.synthesizer = Assembly.create(store=self.store).synthesizer()
        else:
            self.synthesizer = factory(threads)
        # Not `app`: the Serve wrapper this class is mixed into has an `app` property.
        self.speech_app: FastAPI | None = None

    def __serve_build_asgi_app__(self) -> FastAPI:
        self.speech_app = create_app(self.synthesizer, store=self.store)
        return self.speech_app

    async def check_health(self) -> None:
        """Serve's periodic check: the app's ``/health`` must answer 200."""
        if self.speech_app is None:
            raise RuntimeError("the app is not built yet")
        status, body = await asgi_get(self.speech_app, "/health")
        if status != 200:
            raise RuntimeError(f"/health answered {status}: {body.decode(errors='replace')}")


@frozen
class RayOptions:
    """How the deployment is sized; `build_app` reads them from ``serve run`` arguments."""

    replica_cpus: int = 1
    """CPUs reserved for each replica, and its ONNX Runtime threads."""
    min_replicas: int = 1
    max_replicas: int = 1
    target_ongoing_requests: float | None = None
    """Requests in flight per replica the autoscaler aims at; default
    ``server.worker_threads`` (what one replica synthesizes at once)."""

    @classmethod
    def from_args(cls, args: Mapping[str, object]) -> RayOptions:
        unknown = sorted(set(args) - {"replica_cpus", "min_replicas", "max_replicas", "target"})
        if unknown:
            raise ValueError(f"unknown argument {unknown[0]!r} for litetts_adapters.ray")
        target = args.get("target")
        return cls(
            replica_cpus=int(str(args.get("replica_cpus", 1))),
            min_replicas=int(str(args.get("min_replicas", 1))),
            max_replicas=int(str(args.get("max_replicas", args.get("min_replicas", 1)))),
            target_ongoing_requests=None if target is None else float(str(target)),
        )


def deployment(
    options: RayOptions | None = None,
    overrides: Mapping[str, object] | None = None,
    factory: SynthesizerFactory | None = None,
) -> Application:
    """The bound deployment, ready for ``serve.run``."""
    options = options or RayOptions()
    target = options.target_ongoing_requests
    if target is None:
        target = float(
            ConfigStore.load(overrides=dict(overrides or {})).config.server.worker_threads
        )
    ingress = serve.ingress()(LiteTTSReplica)
    bound: Application = serve.deployment(
        name=DEPLOYMENT_NAME,
        ray_actor_options={"num_cpus": options.replica_cpus},
        max_ongoing_requests=max(1, int(target * 4)),
        autoscaling_config={
            "min_replicas": options.min_replicas,
            "max_replicas": max(options.min_replicas, options.max_replicas),
            "target_ongoing_requests": target,
        },
        health_check_period_s=10,
        health_check_timeout_s=30,
    )(ingress).bind(json.loads(json.dumps(dict(overrides or {}), default=str)), factory)
    return bound


def build_app(args: Mapping[str, object]) -> Application:
    """``serve run litetts_adapters.ray:build_app replica_cpus=2 max_replicas=4``."""
    return deployment(RayOptions.from_args(args))


app: Final = build_app({})
"""``serve run litetts_adapters.ray:app``: one replica of one CPU."""


def run_on_ray(
    address: str | None,
    host: str,
    port: int,
    overrides: Mapping[str, object],
    options: RayOptions,
) -> None:
    """Deploy on the cluster at `address` (``local``: start one) with Serve's proxy on
    `host`:`port`; blocks until Ctrl-C."""
    from litetts_adapters.ray.data import connect

    connect(address)
    serve.start(http_options={"host": host, "port": port})
    serve.run(deployment(options, overrides), name=DEPLOYMENT_NAME, route_prefix="/", blocking=True)
