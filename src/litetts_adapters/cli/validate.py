"""``litetts validate``: speak a text (or take a recording), listen with Whisper, score it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

import litetts
from litetts.g2p import language_for_voice, resolve_language
from litetts.kokoro import parse_voice
from litetts_adapters.cli.inputs import read_text

__all__ = ["validate"]


def _report_table(report: litetts.QualityReport) -> Table:
    table = Table(title=f"heard: {report.heard_text!r}", title_justify="left")
    for column in ("check", "result", "value", "limit", "detail"):
        table.add_column(column)
    for check in report.checks:
        value = "" if check.value is None else f"{check.value:.3f}"
        result = "[green]pass[/]" if check.passed else "[red]FAIL[/]"
        table.add_row(check.name, result, value, check.limit, check.detail)
    return table


def _require_hearing(whisper: litetts.WhisperValidator, lang: str) -> None:
    if whisper.model_size.endswith(".en") and not lang.startswith("en"):
        raise litetts.InvalidInputError(
            f"Whisper {whisper.model_size} hears only English and the text is {lang}; "
            "pass --model-size base",
            field="model_size",
        )


def validate(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT", help="The expected text; '-' reads it from stdin.", show_default=False
        ),
    ] = None,
    *,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            "-f",
            help="Read the expected text from this UTF-8 file.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    audio: Annotated[
        Path | None,
        typer.Option(
            help="Score this recording instead of speaking the text.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    voice: Annotated[
        str | None, typer.Option(help="Voice to speak with.", show_default="af_heart")
    ] = None,
    speed: Annotated[float | None, typer.Option(help="Speaking rate.", show_default="1.0")] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            help="Language of the text, e.g. en-us, ja, zh, hi; it is scored by its own rules.",
            show_default="the voice's; en-us with --audio",
        ),
    ] = None,
    model_size: Annotated[
        str | None,
        typer.Option(
            help="Whisper model: tiny.en or base (fetched on first use).",
            show_default="validation.whisper_model, base",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Speak TEXT, transcribe it with Whisper and print the quality report.

    Exit status 0 when every check passes, 1 when one fails.
    """
    expected = read_text(ctx, text, file)
    assembly = litetts.Assembly.create()
    whisper = assembly.whisper_validator(model_size)
    if audio is not None:
        clip = litetts.Audio.load(audio)
        scored = resolve_language(lang or "en-us")
        _require_hearing(whisper, scored)
    else:
        synthesizer = assembly.synthesizer()
        chosen = synthesizer.voices.resolve(voice or synthesizer.settings.voice)
        scored = resolve_language(lang or language_for_voice(parse_voice(chosen)[0].voice))
        _require_hearing(whisper, scored)
        clip = synthesizer.synthesize(expected, voice=voice, speed=speed, lang=lang)
    checker = litetts.AudioQualityValidator(whisper, lang=scored)
    report = checker.validate_transcription(
        clip, expected, speed=1.0 if speed is None or audio is not None else speed
    )
    if as_json:
        typer.echo(report.to_json())
    else:
        Console().print(_report_table(report))
        verdict = "passed" if report.passed else "FAILED"
        typer.echo(
            f"{verdict}: accuracy {report.accuracy:.3f}, WER {report.wer:.3f}, "
            f"CER {report.cer:.3f}, phonetic similarity {report.phonetic_similarity:.3f}"
        )
    if not report.passed:
        raise typer.Exit(1)
