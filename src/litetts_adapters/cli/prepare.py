"""``litetts assets prepare``: make the faster model variants ahead of first use."""

from __future__ import annotations

from typing import Annotated

import typer

import litetts
from litetts.model_options import VARIANTS

__all__ = ["prepare"]


def prepare(
    variant: Annotated[
        list[str],
        typer.Option(
            "--variant",
            help=f"Variant to prepare ({', '.join(VARIANTS)}; repeatable). "
            "Default: the one the settings choose.",
            show_default=False,
        ),
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
) -> None:
    """Prepare model variants once (rewrite, calibrate, verify) so loading is quick."""
    failed = False
    for done in litetts.Assembly.create().prepare_variants(variant):
        result = done.prepared
        if result.fell_back:
            failed = True
            typer.echo(f"{done.name}: not prepared ({result.reason})", err=True)
            continue
        detail = (
            "" if result.check is None else f", spectral correlation {result.check.correlation:.3f}"
        )
        state = "cached" if result.check is None and done.name != "original" else "ready"
        typer.echo(f"{done.name}: {state} in {done.seconds:.1f} s{detail}  {result.path}")
    if failed:
        raise typer.Exit(1)
