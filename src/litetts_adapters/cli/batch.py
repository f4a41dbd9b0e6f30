"""``litetts batch``: render a CSV, a JSONL file or a folder of .txt files to audio files.

The output folder gets ``<id>.<format>`` per item (and ``<id>.vtt``, ``.srt`` or
``.json`` captions with ``--captions``) and ``manifest.jsonl``; a rerun renders
only what the manifest does not list (see `litetts_adapters.batch`). Locally a pool of
processes renders, each with its own synthesizer; ``--ray ADDRESS`` hands the jobs to a
Ray Data job on that cluster instead.
"""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

import litetts
from litetts.audio import FORMATS
from litetts_adapters.batch import (
    MANIFEST_NAME,
    Defaults,
    DefaultSynthesizer,
    Engine,
    Failure,
    Outcome,
    check_voices,
    default_workers,
    local_engine,
    read_jobs,
    run_batch,
)
from litetts_adapters.cli.inputs import ModelPathOption, VoicesPathOption, fail, one_line
from litetts_adapters.cli.progress import count_progress

__all__ = ["batch"]


def _engine(
    factory: DefaultSynthesizer, workers: int | None, threads: int, address: str | None
) -> Engine:
    if address is None:
        return local_engine(factory, workers or default_workers(), threads)
    try:
        from litetts_adapters.ray import ray_engine
    except ImportError as err:
        raise litetts.MissingDependencyError(
            "litetts batch --ray", "ray", err.name or "ray"
        ) from None
    return ray_engine(factory, address=address, actors=workers, threads=threads)


def batch(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="A .csv or .jsonl of id,text[,voice,format,speed,lang], or a folder of .txt.",
            exists=True,
            show_default=False,
        ),
    ],
    *,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the audio files and manifest.jsonl.",
            show_default=False,
        ),
    ],
    voice: Annotated[
        str | None,
        typer.Option(help="Voice of the items that name none.", show_default="synthesis.voice"),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", help=f"Format of the items that name none: {', '.join(FORMATS)}."),
    ] = "wav",
    speed: Annotated[
        float | None,
        typer.Option(help="Speed of the items that name none.", show_default="synthesis.speed"),
    ] = None,
    captions: Annotated[
        str | None,
        typer.Option(
            "--captions",
            metavar="FORMAT",
            help="Also write <id>.srt, .vtt or .json captions from the word timings.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Processes (with --ray: actors), each with its own synthesizer.",
            show_default="one per CPU",
        ),
    ] = None,
    threads: Annotated[int, typer.Option(min=1, help="ONNX Runtime threads of each worker.")] = 1,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="ADDRESS",
            help="Run as a Ray Data job on this cluster ('auto': the one running here, "
            "'local': start one); the folder must be shared by its nodes.",
            show_default=False,
        ),
    ] = None,
    model_path: ModelPathOption = None,
    voices_path: VoicesPathOption = None,
) -> None:
    """Render many texts to audio files, resumably (a rerun skips what is done)."""
    flags = {"model.model_path": model_path, "model.voices_path": voices_path}
    overrides = {key: value for key, value in flags.items() if value is not None}
    store = litetts.ConfigStore.load(overrides=overrides)
    synthesis = store.config.synthesis
    defaults = Defaults(
        voice=voice or synthesis.voice,
        format=format.lower(),
        speed=speed if speed is not None else synthesis.speed,
        captions=captions.lower().lstrip(".") if captions else None,
    )
    jobs = read_jobs(source, defaults)
    check_voices(jobs, litetts.Assembly.create(store=store).voices.resolve)
    engine = _engine(DefaultSynthesizer(overrides), workers, threads, ray)
    with count_progress(Console(stderr=True), "render", len(jobs)) as tick:

        def started(_total: int, skipped: int) -> None:
            if skipped:
                tick("already done", skipped)

        def finished(outcome: Outcome) -> None:
            tick(outcome.id if not isinstance(outcome, Failure) else f"{outcome.id} failed")

        try:
            summary = run_batch(jobs, output, engine, on_start=started, on_outcome=finished)
        except BrokenProcessPool:
            fail(
                "a worker process died (out of memory?); what it finished is in the manifest: "
                "run the same command again to render the rest"
            )
    for failure in summary.failures:
        typer.echo(f"error: {failure.row} (id {failure.id}): {one_line(failure.message)}", err=True)
    rate = summary.audio_seconds / summary.elapsed_s if summary.elapsed_s else 0.0
    typer.echo(
        f"rendered {summary.rendered}, skipped {summary.skipped}, failed "
        f"{len(summary.failures)}: {summary.audio_seconds:.1f} s of audio in "
        f"{summary.elapsed_s:.1f} s ({rate:.2f} audio s/s); manifest {output / MANIFEST_NAME}",
        err=True,
    )
    if summary.failures:
        raise typer.Exit(1)
