"""``litetts serve``: the OpenAI-compatible speech server and its dashboard, on uvicorn."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Final

import typer

from litetts_adapters.cli.inputs import ModelPathOption, VoicesPathOption

if TYPE_CHECKING:
    from fastapi import FastAPI

    import litetts

__all__ = ["GRACE_S", "run_server", "serve"]

GRACE_S: Final = 5.0
"""Seconds a stopping server waits for open connections before closing them anyway."""


def run_server(
    app: FastAPI,
    host: str,
    port: int,
    also: Callable[[], AbstractAsyncContextManager[object]] | None = None,
) -> None:
    """Serve `app` with uvicorn until SIGINT or SIGTERM.

    A stop first cancels the speech in flight (`litetts_adapters.fastapi.stop_work`):
    uvicorn would otherwise wait for every running synthesis to finish before exiting.

    Args:
        also: another server to run on the same event loop while `app` is served
            (the Wyoming one).
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
    server = Server(config)
    if also is None:
        server.run()
        return

    async def together() -> None:
        async with also():
            await server.serve()

    asyncio.run(together())


def serve(
    *,
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
    model_path: ModelPathOption = None,
    voices_path: VoicesPathOption = None,
    wyoming: Annotated[
        str | None,
        typer.Option(
            help="Also speak the Wyoming protocol (Home Assistant) here, e.g. "
            "tcp://127.0.0.1:10200; needs litetts[wyoming].",
            show_default=False,
        ),
    ] = None,
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
        if wyoming is not None:
            raise typer.BadParameter(
                "--wyoming runs beside one server, not on Ray", param_hint="--wyoming"
            )
        _serve_on_ray(ray, explicit, replicas, replica_cpus)
        return
    # The settings files and LITETTS_* variables, watched: an edit applies to the next
    # request (restart-only keys such as the port are reported as pending restart).
    store = litetts.ConfigStore.load(
        overrides={key: value for key, value in explicit.items() if value is not None},
        watch=True,
    )
    if wyoming is None:
        app = create_app(store=store)
    else:
        also, synthesizer = _wyoming(store, wyoming)
        app = create_app(synthesizer, store=store)
    server = store.config.server
    typer.echo(
        f"litetts: speech at http://{server.host}:{server.port}/v1/audio/speech, "
        f"dashboard at http://{server.host}:{server.port}/dashboard",
        err=True,
    )
    try:
        if wyoming is None:
            run_server(app, server.host, server.port)
        else:
            typer.echo(f"litetts: Wyoming (Home Assistant) at {wyoming}", err=True)
            run_server(app, server.host, server.port, also)
    finally:
        store.close()


def _wyoming(
    store: litetts.ConfigStore, uri: str
) -> tuple[Callable[[], AbstractAsyncContextManager[object]], litetts.Synthesizer]:
    """The Wyoming server at `uri` and the synthesizer it shares with the HTTP server
    (loaded now, once, rather than in the background)."""
    import litetts

    try:
        from litetts_adapters.wyoming import WyomingServer, check_uri
    except ImportError as err:
        raise litetts.MissingDependencyError("--wyoming", "wyoming", "wyoming") from err
    from litetts_adapters.live_speech import live_speaker

    check_uri(uri)
    synthesizer = litetts.Assembly.create(store=store).synthesizer()
    speaker = live_speaker(synthesizer)
    voice = store.config.synthesis.voice
    return (lambda: WyomingServer(speaker, uri, voice)), synthesizer


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
