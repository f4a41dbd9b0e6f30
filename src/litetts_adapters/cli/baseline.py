"""``litetts baseline create|check``: per-voice quality baselines from the command line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import platformdirs
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import litetts
from litetts.validation import Baseline, BaselineCheck, BaselineMetrics

__all__ = ["baseline_app", "default_baseline_path"]

baseline_app = typer.Typer(
    help="Record what every voice sounds like, and check that it still does.",
    no_args_is_help=True,
)


def default_baseline_path(model_size: str) -> Path:
    """Where a baseline for Whisper `model_size` is kept unless ``--output`` says otherwise."""
    return platformdirs.user_data_path("litetts") / "baselines" / f"baseline-{model_size}.json"


def _split(values: list[str]) -> list[str] | None:
    items = [item.strip() for value in values for item in value.split(",") if item.strip()]
    return items or None


@contextmanager
def _progress(console: Console, title: str) -> Iterator[Callable[[int, int, str], None]]:
    if not console.is_terminal:
        yield lambda done, total, what: console.print(
            f"{title} {done}/{total} {what}", markup=False, highlight=False, soft_wrap=True
        )
        return
    columns = (
        TextColumn(title),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[what]}", markup=False),
    )
    with Progress(*columns, console=console) as bars:
        task = bars.add_task(title, total=None, what="")

        def report(done: int, total: int, what: str) -> None:
            bars.update(task, total=total, completed=done, what=what)

        yield report


def _metrics(
    assembly: litetts.Assembly, model_size: str, baseline: Baseline | None = None
) -> BaselineMetrics:
    return assembly.baseline_metrics(model_size, baseline)


def _summary_table(baseline: Baseline) -> Table:
    title = f"baseline (Whisper {baseline.whisper_model}, model {baseline.model_variant})"
    table = Table(title=title, title_justify="left")
    for column in ("voice", "language", "clips", "passed", "WER", "CER", "phonetic sim."):
        table.add_column(column, justify="left" if column in ("voice", "language") else "right")
    for row in baseline.summary():
        passed = f"{row.passed}" if row.passed == row.clips else f"[red]{row.passed}[/]"
        table.add_row(
            row.voice,
            row.language,
            str(row.clips),
            passed,
            f"{row.wer:.1%}",
            f"{row.cer:.1%}",
            f"{row.phonetic_similarity:.3f}",
        )
    return table


def _check_table(results: list[BaselineCheck]) -> Table:
    table = Table(title="checked against the baseline", title_justify="left")
    for column in ("voice", "clips", "degraded", "deviations beyond tolerance"):
        table.add_column(column)
    for voice in dict.fromkeys(result.voice for result in results):
        mine = [result for result in results if result.voice == voice]
        bad = [result for result in mine if result.degraded]
        reasons = sorted({check.name for result in bad for check in result.failures})
        table.add_row(
            voice,
            str(len(mine)),
            f"[red]{len(bad)}[/]" if bad else "0",
            ", ".join(reasons) or "-",
        )
    return table


_Voices = Annotated[
    list[str],
    typer.Option(
        "--voice",
        "-v",
        help="Voice id or blend; repeat or separate with commas. Default: every voice.",
        show_default=False,
    ),
]
_Formats = Annotated[
    list[str],
    typer.Option(
        "--format",
        help="Round-trip each clip through this format (wav, flac, ogg, opus, mp3); repeat.",
        show_default="wav",
    ),
]
_ModelSize = Annotated[
    str | None,
    typer.Option(
        help="Whisper model that listens: base (multilingual) or tiny.en.",
        show_default="validation.whisper_model, base",
    ),
]


@baseline_app.command()
def create(
    *,
    voices: _Voices = [],  # noqa: B006 - typer reads the default, never mutates it
    formats: _Formats = [],  # noqa: B006
    model_size: _ModelSize = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Baseline file; default: the user data folder."),
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option(help="Also write the per-voice table as Markdown here.")
    ] = None,
    max_phrases: Annotated[
        int | None,
        typer.Option(
            min=1, help="Each voice speaks at most its first N standard phrases.", metavar="N"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Speak the standard phrases in every (or each given) voice and record the scores."""
    console = Console(stderr=as_json)
    assembly = litetts.Assembly.create()
    size = model_size or assembly.settings.validation.whisper_model
    metrics = _metrics(assembly, size)
    with _progress(console, "baseline") as progress:
        baseline = metrics.establish_voice_baselines(
            _split(voices),
            formats=_split(formats) or ("wav",),
            progress=progress,
            max_phrases=max_phrases,
        )
    path = baseline.save(output or default_baseline_path(size))
    if markdown is not None:
        markdown.write_text(baseline.summary_markdown(), encoding="utf-8")
    if as_json:
        rows = [
            {key: getattr(row, key) for key in ("voice", "language", "clips", "passed")}
            | {
                key: round(getattr(row, key), 4)
                for key in ("wer", "cer", "phonetic_similarity", "confidence")
            }
            for row in baseline.summary()
        ]
        typer.echo(json.dumps({"baseline": str(path), "voices": rows}, indent=1))
    else:
        console.print(_summary_table(baseline))
        typer.echo(f"saved {len(baseline.entries)} clips to {path}")


@baseline_app.command()
def check(
    *,
    voices: _Voices = [],  # noqa: B006 - typer reads the default, never mutates it
    formats: _Formats = [],  # noqa: B006
    model_size: _ModelSize = None,
    baseline_path: Annotated[
        Path | None,
        typer.Option("--baseline", "-b", help="Baseline file; default: the one `create` wrote."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every check as JSON.")] = False,
) -> None:
    """Speak the baseline's phrases again and flag any clip that moved beyond tolerance.

    Exit status 0 when nothing degraded, 1 otherwise.
    """
    console = Console(stderr=as_json)
    assembly = litetts.Assembly.create()
    size = model_size or assembly.settings.validation.whisper_model
    recorded = Baseline.load(baseline_path or default_baseline_path(size))
    metrics = _metrics(assembly, recorded.whisper_model, recorded)
    with _progress(console, "check") as progress:
        results = metrics.check_voices(_split(voices), formats=_split(formats), progress=progress)
    degraded = [result for result in results if result.degraded]
    if as_json:
        typer.echo(json.dumps([result.to_dict() for result in results], indent=1))
    else:
        console.print(_check_table(results))
        for result in degraded:
            for failure in result.failures:
                typer.echo(
                    f"{result.voice} {result.format} {result.phrase[:40]!r}: {failure.detail}"
                )
        typer.echo(f"{len(degraded)} of {len(results)} clips degraded")
    if degraded:
        raise typer.Exit(1)
