"""``litetts serve``: the OpenAI-compatible speech server and its dashboard, on uvicorn."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Final

import typer

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["GRACE_S", "run_server", "serve"]

GRACE_S: Final = 5.0
"""Seconds a stopping server waits for open connections before closing them anyway."""


def run_server(app: FastAPI, host: str, port: int) -> None:
    """Serve `app` with uvicorn until SIGINT or SIGTERM.

    A stop first cancels the speech in flight (`litetts_adapters.fastapi.stop_work`):
    uvicorn would otherwise wait for every running synthesis to finish before exiting.
    """
    import uvicorn

    from litetts_adapters.fastapi import stop_work

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            stop_work(app)
            super().handle_exit(sig, frame)

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        lifespan="on",
        timeout_graceful_shutdown=int(GRACE_S),
    )
    Server(config).run()


def serve(
    host: Annotated[
        str | None, typer.Option(help="Interface to listen on.", show_default="127.0.0.1")
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(min=1, max=65535, help="TCP port to listen on.", show_default="8354"),
    ] = None,
    worker_threads: Annotated[
        int | None,
        typer.Option(
            "--worker-threads",
            "--workers-threads",
            min=1,
            help="Requests synthesized at once; more wait in a queue.",
            show_default="2",
        ),
    ] = None,
    model_path: Annotated[
        Path | None,
        typer.Option(
            help="A Kokoro .onnx file instead of the provisioned one.", show_default=False
        ),
    ] = None,
    voices_path: Annotated[
        Path | None,
        typer.Option(
            help="A folder of NAME.bin voices or a voices-v1.0.bin npz.", show_default=False
        ),
    ] = None,
    *,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="ADDRESS",
            help="Serve as Ray Serve replicas on this cluster ('auto': the one running "
            "here, 'local': start one); needs litetts[ray].",
            show_default=False,
        ),
    ] = None,
    replicas: Annotated[
        int,
        typer.Option(min=1, help="With --ray: the most replicas the autoscaler starts."),
    ] = 1,
    replica_cpus: Annotated[
        int,
        typer.Option(min=1, help="With --ray: CPUs (and ONNX threads) of each replica."),
    ] = 1,
) -> None:
    """Serve POST /v1/audio/speech (OpenAI-compatible) and the dashboard at /dashboard."""
    import litetts
    from litetts_adapters.fastapi import create_app

    explicit = {
        "server.host": host,
        "server.port": port,
        "server.worker_threads": worker_threads,
        "model.model_path": model_path,
        "model.voices_path": voices_path,
    }
    if ray is not None:
        _serve_on_ray(ray, explicit, replicas, replica_cpus)
        return
    # The settings files and LITETTS_* variables, watched: an edit applies to the next
    # request (restart-only keys such as the port are reported as pending restart).
    store = litetts.ConfigStore.load(
        overrides={key: value for key, value in explicit.items() if value is not None},
        watch=True,
    )
    app = create_app(store=store)
    server = store.config.server
    typer.echo(
        f"litetts: speech at http://{server.host}:{server.port}/v1/audio/speech, "
        f"dashboard at http://{server.host}:{server.port}/dashboard",
        err=True,
    )
    try:
        run_server(app, server.host, server.port)
    finally:
        store.close()


def _serve_on_ray(
    address: str, explicit: Mapping[str, object], replicas: int, replica_cpus: int
) -> None:
    """``litetts serve --ray``: the same app as Ray Serve replicas (see litetts_adapters.ray)."""
    import litetts

    try:
        from litetts_adapters.ray import RayOptions, run_on_ray
    except ImportError as err:
        module = err.name or "ray"
        raise litetts.MissingDependencyError("litetts serve --ray", "ray", module) from None
    given = {key: value for key, value in explicit.items() if value is not None}
    server = litetts.ConfigStore.load(overrides=given).config.server
    options = RayOptions(replica_cpus=replica_cpus, max_replicas=replicas)
    typer.echo(
        f"litetts: speech at http://{server.host}:{server.port}/v1/audio/speech through "
        f"Ray Serve (replicas: up to {replicas}, CPUs each: {replica_cpus})",
        err=True,
    )
    run_on_ray(
        address,
        server.host,
        server.port,
        {key: value for key, value in given.items() if key not in ("server.host", "server.port")},
        options,
    )
