"""``litetts serve``: the OpenAI-compatible speech server and its dashboard, on uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["serve"]


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

    import litetts
    from litetts_adapters.fastapi import create_app

    explicit = {
        "server.host": host,
        "server.port": port,
        "server.worker_threads": worker_threads,
        "model.model_path": model_path,
        "model.voices_path": voices_path,
    }
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
        uvicorn.run(app, host=server.host, port=server.port, log_level="info", lifespan="on")
    finally:
        store.close()
