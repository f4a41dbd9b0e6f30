"""Reading what the user gave and reporting failures: shared by the CLI's commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

__all__ = ["ModelPathOption", "VoicesPathOption", "fail", "one_line", "read_text"]

ModelPathOption = Annotated[
    Path | None,
    typer.Option(help="A Kokoro .onnx file instead of the provisioned one.", show_default=False),
]
"""``--model-path``, for every command that loads the model."""

VoicesPathOption = Annotated[
    Path | None,
    typer.Option(help="A folder of NAME.bin voices or a voices-v1.0.bin npz.", show_default=False),
]
"""``--voices-path``, for every command that loads the voices."""


def one_line(message: str) -> str:
    """`message` with its lines joined, for a one-line ``error:`` report."""
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


def fail(message: str) -> NoReturn:
    """Print one ``error:`` line to stderr and exit with status 1."""
    typer.echo(f"error: {one_line(message)}", err=True)
    raise typer.Exit(1)


def read_text(ctx: typer.Context, text: str | None, file: Path | None) -> str:
    """The text given as an argument, read from --file, or from stdin for ``-``.

    Raises:
        typer.BadParameter: both or neither of TEXT and --file were given.
    """
    if (text is None) == (file is None):
        raise typer.BadParameter(
            "give the text to say ('-' reads stdin) or --file FILE, not both"
            if text is not None
            else "say what? Give the text to say ('-' reads stdin) or --file FILE",
            ctx=ctx,
            param_hint="TEXT / --file",
        )
    if file is not None and str(file) != "-":
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            fail(f"cannot read {str(file)!r}: {err}")
    if text is None or text == "-":
        return sys.stdin.read()
    return text
