"""``litetts serve``: the OpenAI-compatible speech server and its dashboard, on uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import attrs
import typer

from litetts.config import Settings

__all__ = ["serve", "serve_settings"]


def serve_settings(
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    worker_threads: int | None = None,
    *,
    model_path: Path | None = None,
    voices_path: Path | None = None,
) -> Settings:
    """`settings` with the command line's explicit values on top."""
    server, model = settings.server, settings.model
    return attrs.evolve(
        settings,
        server=attrs.evolve(
            server,
            host=server.host if host is None else host,
            port=server.port if port is None else port,
            worker_threads=server.worker_threads if worker_threads is None else worker_threads,
        ),
        model=attrs.evolve(
            model,
            model_path=model.model_path if model_path is None else model_path,
            voices_path=model.voices_path if voices_path is None else voices_path,
        ),
    )


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
) -> None:
    """Serve POST /v1/audio/speech (OpenAI-compatible) and the dashboard at /dashboard."""
    import uvicorn

    from litetts_adapters.fastapi import create_app

    settings = serve_settings(
        Settings(), host, port, worker_threads, model_path=model_path, voices_path=voices_path
    )
    app = create_app(settings=settings)
    server = settings.server
    typer.echo(
        f"litetts: speech at http://{server.host}:{server.port}/v1/audio/speech, "
        f"dashboard at http://{server.host}:{server.port}/dashboard",
        err=True,
    )
    uvicorn.run(app, host=server.host, port=server.port, log_level="info", lifespan="on")
