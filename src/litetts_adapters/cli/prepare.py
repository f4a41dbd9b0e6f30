"""``litetts assets prepare``: make the faster model variants ahead of first use."""

from __future__ import annotations

import time
from typing import Annotated

import typer

import litetts
from litetts.config import Settings
from litetts.g2p import default_phonemizer
from litetts.kokoro import Vocabulary, VoiceBank
from litetts.kokoro.variants import VARIANTS, VariantCache, calibration_feeds, check_variant

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
    chosen = [check_variant(v) for v in variant] or [Settings().model.variant]
    store = litetts.AssetStore()
    source = store.require_model()
    voices = VoiceBank.from_path(store.require_voices())
    phonemizer, vocabulary = default_phonemizer(), Vocabulary.default()
    cache = VariantCache(source, store.variants_dir, source_sha256=store.manifest.model.sha256)
    failed = False
    for name in chosen:
        started = time.perf_counter()
        result = cache.prepare(name, lambda: calibration_feeds(phonemizer, vocabulary, voices))
        elapsed = time.perf_counter() - started
        if result.fell_back:
            failed = True
            typer.echo(f"{name}: not prepared ({result.reason})", err=True)
            continue
        detail = (
            "" if result.check is None else f", spectral correlation {result.check.correlation:.3f}"
        )
        state = "cached" if result.check is None and name != "original" else "ready"
        typer.echo(f"{name}: {state} in {elapsed:.1f} s{detail}  {result.path}")
    if failed:
        raise typer.Exit(1)
