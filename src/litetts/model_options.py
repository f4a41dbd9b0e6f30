"""What the model can be asked for: its speaking-rate range, its token window and the
prepared forms it runs in.

The settings schema validates against these and the model layer enforces them; both
import them from here, so settings know no ONNX and the numbers live in one place.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = ["DEFAULT_VARIANT", "MAX_SPEED", "MAX_TOKENS", "MIN_SPEED", "VARIANTS", "Variant"]

MIN_SPEED: Final = 0.25
"""Slowest speaking rate Kokoro is asked for."""

MAX_SPEED: Final = 4.0
"""Fastest speaking rate Kokoro is asked for."""

MAX_TOKENS: Final = 510
"""Phoneme tokens one model call takes (512 positions less the two pads)."""

Variant = Literal["original", "float", "int8-static"]
VARIANTS: Final[tuple[str, ...]] = get_args(Variant)
"""``original``: the int8 model as shipped; ``float``: its integer convolutions back
in float; ``int8-static``: convolutions statically quantized (``QLinearConv``)."""

DEFAULT_VARIANT: Final = "int8-static"
"""The variant `Synthesizer.default()` loads unless ``model.variant`` says otherwise:
the fastest one that passed the quality gate (docs/performance.md, Model variants)."""
