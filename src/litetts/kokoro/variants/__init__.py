"""Prepared forms of the Kokoro model that run faster on a CPU.

The model ships dynamically quantized (``ConvInteger``), which ONNX Runtime runs
slowly on x86. Variants, made once from it and cached beside it:

* ``original``: the shipped int8 model, untouched;
* ``float``: integer convolutions back to float ``Conv`` with dequantized weights
  (`dequantize_convolutions`);
* ``int8-static``: those convolutions statically quantized to ``QLinearConv``,
  calibrated on litetts' own synthesis of a varied corpus (`calibration_feeds`),
  fragile layers kept in float (`quantize_convolutions`).

`load_variant` prepares (or reuses) a variant and loads it, falling back to the
original model with a logged reason when anything fails. ``model.variant`` in the
settings chooses; see docs/performance.md for measurements.
"""

from litetts.kokoro.variants.calibration import CALIBRATION_SENTENCES, calibration_feeds
from litetts.kokoro.variants.loading import load_variant
from litetts.kokoro.variants.prepare import (
    DEFAULT_VARIANT,
    MIN_CORRELATION,
    RECIPE,
    VARIANTS,
    PreparedModel,
    Variant,
    VariantCache,
    check_variant,
)
from litetts.kokoro.variants.quantize import FLOAT_CONVOLUTIONS, quantize_convolutions
from litetts.kokoro.variants.rewrite import dequantize_convolutions, prune_dead_nodes
from litetts.kokoro.variants.similarity import SpectralDistance, spectral_distance

__all__ = [
    "CALIBRATION_SENTENCES",
    "DEFAULT_VARIANT",
    "FLOAT_CONVOLUTIONS",
    "MIN_CORRELATION",
    "RECIPE",
    "VARIANTS",
    "PreparedModel",
    "SpectralDistance",
    "Variant",
    "VariantCache",
    "calibration_feeds",
    "check_variant",
    "dequantize_convolutions",
    "load_variant",
    "prune_dead_nodes",
    "quantize_convolutions",
    "spectral_distance",
]
