"""Load the Kokoro model in a chosen variant, falling back to the original."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from litetts.errors import ModelError
from litetts.kokoro.model import KokoroModel
from litetts.kokoro.variants.prepare import FeedSource, VariantCache

if TYPE_CHECKING:
    import onnxruntime as ort

__all__ = ["load_variant"]

logger = logging.getLogger(__name__)


def load_variant(
    source: Path | str,
    variant: str,
    feeds: FeedSource,
    *,
    folder: Path | str | None = None,
    source_sha256: str | None = None,
    threads: int | None = None,
    options: ort.SessionOptions | None = None,
) -> KokoroModel:
    """`KokoroModel` running `variant` of the model at `source`.

    The variant is prepared on first use and cached in `folder` (default: a
    ``variants`` folder beside `source`); see `VariantCache`. If it cannot be
    prepared or loaded, the original model is loaded instead and a warning says why;
    ``model.variant`` tells which one runs.

    Args:
        source: the original Kokoro ``.onnx`` file.
        variant: one of `VARIANTS`.
        feeds: model inputs from litetts' pipeline, for checking and calibration.
        folder: the variant cache.
        source_sha256: the source's known digest, saving a hash of the file.
        threads: intra-op threads, as in `KokoroModel.from_path`.
        options: session options, as in `KokoroModel.from_path`.

    Raises:
        InvalidInputError: unknown variant.
        ModelError: even the original model cannot be loaded.
    """
    source = Path(source)
    cache = VariantCache(
        source,
        Path(folder) if folder is not None else source.parent / "variants",
        source_sha256=source_sha256,
    )
    prepared = cache.prepare(variant, feeds)
    try:
        return KokoroModel.from_path(
            prepared.path, threads=threads, options=options, variant=prepared.variant
        )
    except ModelError as err:
        if prepared.path == source:
            raise
        logger.warning(
            "model variant %r failed to load, using the original model: %s", variant, err
        )
    return KokoroModel.from_path(source, threads=threads, options=options, variant="original")
