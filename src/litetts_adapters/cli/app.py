"""The ``litetts`` command: ``say``, ``voices``, ``validate``, ``baseline``, ``serve``, ``batch``,
``doctor``, ``config ...`` and ``assets fetch|status|verify|prepare``.

Only the public surface of `litetts` is used. Heavy modules (the Synthesizer,
ONNX Runtime) load inside the commands that need them, so ``litetts --help`` is quick.

Exit codes: 0 success, 1 a `litetts.LiteTTSError` or an unwritable output (one
``error: ...`` line on stderr), 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

import litetts
from litetts.audio import FORMATS
from litetts_adapters.cli.baseline import baseline_app
from litetts_adapters.cli.batch import batch
from litetts_adapters.cli.config_cmd import config_app
from litetts_adapters.cli.doctor import doctor
from litetts_adapters.cli.inputs import ModelPathOption, VoicesPathOption, fail, one_line, read_text
from litetts_adapters.cli.prepare import prepare
from litetts_adapters.cli.progress import fetch_progress
from litetts_adapters.cli.serve import serve
from litetts_adapters.cli.tables import assets_table, voice_record, voices_table
from litetts_adapters.cli.validate import validate

if TYPE_CHECKING:
    from litetts.assets import AssetState

__all__ = ["app", "main"]

logger = logging.getLogger(__name__)

_LOG_LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG)
_LOGGERS = ("litetts", "litetts_adapters")
_SUFFIX_FORMATS = {name: name for name in FORMATS} | {"raw": "pcm"}  # as `Audio.save` reads them


class _Group(TyperGroup):
    """Reports a `litetts.LiteTTSError` as one line and status 1, never a traceback.

    Typer itself turns Ctrl-C into status 130 and usage errors into status 2.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except litetts.LiteTTSError as err:
            if not kwargs.get("standalone_mode", True):
                raise
            typer.echo(f"error: {one_line(str(err))}", err=True)
            sys.exit(1)


app = typer.Typer(
    name="litetts",
    cls=_Group,
    help="Speak text with Kokoro-82M on the CPU, list voices, manage model files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
assets_app = typer.Typer(
    help="Provision and check the Kokoro model and voices.",
    no_args_is_help=True,
)
app.add_typer(assets_app, name="assets")
app.add_typer(config_app, name="config")


def _configure_logging(ctx: typer.Context, verbosity: int) -> None:
    """Send litetts' log records to stderr for this invocation; undone when it ends."""
    from rich.logging import RichHandler

    level = _LOG_LEVELS[min(verbosity, len(_LOG_LEVELS) - 1)]
    handler = RichHandler(
        console=Console(stderr=True), show_time=False, show_path=False, markup=False
    )
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    previous = {name: logging.getLogger(name).level for name in _LOGGERS}
    for name in _LOGGERS:
        logging.getLogger(name).setLevel(level)

    def restore() -> None:
        root.removeHandler(handler)
        for name, old_level in previous.items():
            logging.getLogger(name).setLevel(old_level)

    ctx.call_on_close(restore)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"litetts {litetts.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            show_default=False,
            help="Log progress to stderr; twice for details.",
        ),
    ] = 0,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    _configure_logging(ctx, verbose)


# -- say ------------------------------------------------------------------------------


def _target(output: Path | None, format: str | None) -> tuple[Path, str]:
    """Where to write and in which format, checked before any synthesis."""
    if format is not None:
        name = format.lower()
        if name not in FORMATS:
            raise litetts.InvalidInputError(
                f"unknown audio format {format!r}; choose one of: {', '.join(FORMATS)}",
                field="format",
            )
        path = output if output is not None else Path(f"speech.{name}")
    else:
        path = output if output is not None else Path("speech.wav")
        suffix = path.suffix.lower().lstrip(".")
        if suffix not in _SUFFIX_FORMATS:
            raise litetts.InvalidInputError(
                f"cannot tell the audio format of {str(path)!r} from its suffix; "
                f"pass --format or end the name in one of: {', '.join(FORMATS)}",
                field="format",
            )
        name = _SUFFIX_FORMATS[suffix]
    if not path.parent.is_dir():
        fail(f"cannot write {str(path)!r}: folder {str(path.parent)!r} does not exist")
    return path, name


@app.command()
def say(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT", help="What to say; '-' reads it from stdin.", show_default=False
        ),
    ] = None,
    *,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            "-f",
            help="Read the text from this UTF-8 file instead ('-' for stdin).",
            exists=True,
            dir_okay=False,
            allow_dash=True,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Audio file to write; the suffix picks the format.",
            show_default="speech.wav",
        ),
    ] = None,
    voice: Annotated[
        str | None,
        typer.Option(
            help="Voice id, OpenAI name or blend like 'af_bella(2)+af_sky(1)'.",
            show_default="synthesis.voice, af_heart",
        ),
    ] = None,
    speed: Annotated[
        float | None,
        typer.Option(help="Speaking rate, 0.25 to 4.", show_default="synthesis.speed, 1.0"),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"Audio format: {', '.join(FORMATS)}.",
            show_default="from --output",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            help="Language of the text, e.g. en-us, en-gb, fr.",
            show_default="the voice's",
        ),
    ] = None,
    model_path: ModelPathOption = None,
    voices_path: VoicesPathOption = None,
    threads: Annotated[
        int | None,
        typer.Option(min=1, help="ONNX Runtime threads.", show_default="physical cores"),
    ] = None,
    dictionary: Annotated[
        Path | None,
        typer.Option(
            help="Pronunciation dictionary (JSON or TSV: word -> IPA) on top of the built-in one.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    captions: Annotated[
        Path | None,
        typer.Option(
            help="Also write the words' times as captions; .srt, .vtt or .json.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Speak TEXT into an audio file (and its captions with --captions)."""
    content = read_text(ctx, text, file)
    path, fmt = _target(output, format)
    if captions is not None and captions.suffix.lower() not in (".srt", ".vtt", ".json"):
        fail(f"cannot write captions to {str(captions)!r}: name the file .srt, .vtt or .json")
    loading = time.perf_counter()
    flags = {
        "synthesis.voice": voice,
        "synthesis.speed": speed,
        "synthesis.dictionary_path": dictionary,
        "model.model_path": model_path,
        "model.voices_path": voices_path,
        "model.threads": threads,
    }
    # The flags are the top layer over settings.json, override.json and LITETTS_* variables.
    store = litetts.ConfigStore.load(overrides={k: v for k, v in flags.items() if v is not None})
    synthesizer = litetts.Synthesizer.default(store=store)
    defaults = store.config.synthesis
    started = time.perf_counter()
    logger.info("synthesizer ready in %.2f s", started - loading)
    audio = synthesizer.synthesize(content, voice=defaults.voice, speed=defaults.speed, lang=lang)
    elapsed = time.perf_counter() - started
    try:
        audio.save(path, fmt)
        if captions is not None:
            litetts.write_captions(captions, audio.words, text=content)
    except OSError as err:
        fail(f"cannot write {err.filename or str(path)!r}: {err.strerror or err}")
    rtf = f"{elapsed / audio.duration:.2f}" if audio.duration else "n/a"
    typer.echo(
        f"wrote {path} ({audio.duration:.2f} s of audio in {elapsed:.2f} s, RTF {rtf})", err=True
    )


# -- voices ---------------------------------------------------------------------------


@app.command()
def voices(
    lang: Annotated[
        str | None,
        typer.Option(help="Only voices of this language, e.g. en-gb, b, fr.", show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list instead.")] = False,
) -> None:
    """List the voices."""
    infos = litetts.voices(lang)
    if as_json:
        typer.echo(json.dumps([voice_record(info) for info in infos], indent=2))
    else:
        Console().print(voices_table(infos))


# -- assets ---------------------------------------------------------------------------


def _report(states: list[AssetState]) -> None:
    from litetts.assets import FETCH_COMMAND

    Console().print(assets_table(states))
    if not all(state.ok for state in states):
        typer.echo(f"run `{FETCH_COMMAND}` to provision them", err=True)
        raise typer.Exit(1)


_Whisper = Annotated[
    list[str],
    typer.Option(
        "--whisper",
        help="Also a Whisper model for self-checks: tiny.en or base (repeatable).",
        show_default=False,
    ),
]


@assets_app.command()
def fetch(
    force: Annotated[bool, typer.Option(help="Fetch again even when the files verify.")] = False,
    whisper: _Whisper = [],  # noqa: B006 - typer reads the default, never mutates it
) -> None:
    """Download, verify and install the Kokoro model and voices (about 120 MB)."""
    store = litetts.Assembly.create().assets
    with fetch_progress(Console(stderr=True)) as report:
        states = store.fetch(progress=report, force=force, whisper=whisper)
    _report(states)


@assets_app.command()
def status(whisper: _Whisper = []) -> None:  # noqa: B006 - see fetch
    """Check that every asset is present with the right size (quick)."""
    _report(litetts.Assembly.create().assets.status(whisper=whisper))


@assets_app.command()
def verify(whisper: _Whisper = []) -> None:  # noqa: B006 - see fetch
    """Check every asset's SHA-256 (reads every file)."""
    _report(litetts.Assembly.create().assets.verify(whisper=whisper))


assets_app.command()(prepare)
app.command()(validate)
app.add_typer(baseline_app, name="baseline")
app.command()(serve)
app.command()(doctor)
app.command()(batch)


def main() -> None:
    """Run the ``litetts`` console script."""
    app(prog_name="litetts")
