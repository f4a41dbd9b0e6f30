"""Static int8 convolutions: the ``int8-static`` variant's quantization step.

ONNX Runtime's own ``quantize_static`` turns the float ``Conv`` nodes of the
``float`` variant into ``QLinearConv`` (QOperator format, per-channel int8 weights,
uint8 activations), which run on the CPU's VNNI kernels. Activation ranges come
from calibration: running the float model on feeds made by litetts' own pipeline
(`litetts.kokoro.variants.calibration`), each activation's range set to the
`CALIBRATION_PERCENTILE` of its histogram rather than its extremes, so that a rare
spike does not coarsen every other value's step. Convolutions that the sensitivity
analysis found fragile stay in float (`FLOAT_CONVOLUTIONS`).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from litetts.errors import ModelError
from litetts.kokoro.model import Feed

if TYPE_CHECKING:
    import onnx

__all__ = ["CALIBRATION_PERCENTILE", "FLOAT_CONVOLUTIONS", "quantize_convolutions"]

logger = logging.getLogger(__name__)

FLOAT_CONVOLUTIONS: tuple[str, ...] = (
    r"/generator/resblocks\.[34]/",
    r"/generator/conv_post/",
)
"""Patterns (regular expressions, searched in node names) of convolutions kept in float.

From a sensitivity analysis by group (quantize one group alone, compare the output
with the original model's on three texts; docs/performance.md): the text encoder, the
prosody predictor, the decoder blocks, the vocoder's first three residual blocks and
its noise branch lose nothing measurable; the last three residual blocks (128
channels, the highest time resolution) do, and so would the final projection. Of
those three, block 5 (kernel 11, the costliest) passes the DNSMOS gate in int8 with
percentile ranges (it failed with MinMax ones); only the three blocks' second
convolutions fail with either, and block 3 alone (kernel 3) saves under 5 % of the
CPU time (benchmarks/partial_quantization.py)."""

CALIBRATION_PERCENTILE: float = 99.99
"""Activation ranges cover this percentile of what calibration saw (onnxruntime's
``Percentile`` method). With MinMax ranges, quantizing vocoder block 5 cost 0.08
DNSMOS P.808 and 0.11 overall; with these it costs nothing measurable."""


class _QuantizerAdvice(logging.Filter):
    """Moves the quantizer's advice, which it logs as root warnings ("consider
    pre-processing"), down to DEBUG on this module's logger."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "onnxruntime" in record.pathname and record.levelno < logging.ERROR:
            logger.debug("onnxruntime quantizer: %s", record.getMessage())
            return False
        return True


@contextmanager
def _quiet_quantizer() -> Iterator[None]:
    """Keeps the quantizer's chatter off the user's screen: its logged advice, and the
    progress its histogram calibrators print to stdout (a line per feed), which go to
    this module's DEBUG log instead. Preparation runs before any serving starts, so
    borrowing stdout for that time hides nobody else's output."""
    advice = _QuantizerAdvice()
    root = logging.getLogger()
    root.addFilter(advice)
    printed = io.StringIO()
    try:
        with redirect_stdout(printed):
            yield
    finally:
        root.removeFilter(advice)
        for line in printed.getvalue().splitlines():
            logger.debug("onnxruntime quantizer: %s", line)


def _convolutions(model: onnx.ModelProto) -> list[str]:
    return [node.name for node in model.graph.node if node.op_type == "Conv"]


def quantize_convolutions(
    float_model: Path,
    output: Path,
    feeds: Iterable[Feed],
    *,
    keep_float: Sequence[str] = FLOAT_CONVOLUTIONS,
    percentile: float | None = CALIBRATION_PERCENTILE,
) -> list[str]:
    """Write a copy of `float_model` with its ``Conv`` nodes statically quantized.

    Args:
        float_model: a model whose convolutions are float (the ``float`` variant).
        output: where the quantized model goes.
        feeds: calibration inputs, run once each through the float model.
        keep_float: name patterns of convolutions to leave in float.
        percentile: calibrate activation ranges to this percentile of a histogram
            (onnxruntime's ``Percentile`` method); None for their minimum and maximum.

    Returns:
        The names of the convolutions left in float.

    Raises:
        ModelError: no calibration feed, or ONNX Runtime's quantizer failed.
    """
    import onnx
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    class _Reader(CalibrationDataReader):  # type: ignore[misc]  # untyped base class
        def __init__(self, items: Iterator[Feed]) -> None:
            self.items = items
            self.count = 0

        def get_next(self) -> dict[str, npt.NDArray[np.generic]] | None:
            item = next(self.items, None)
            if item is None:
                return None
            self.count += 1
            return dict(item)

    class _RangeReader(_Reader):
        """Serves its feeds one range at a time (``CalibStridedMinMax``), so that a
        histogram calibrator collects and frees each feed's activations in turn: held
        together, feeds of different lengths do not stack, and they fill the memory."""

        def __init__(self, items: list[Feed]) -> None:
            super().__init__(iter(items))
            self.all = items

        def __len__(self) -> int:
            return len(self.all)

        def set_range(self, start_index: int, end_index: int) -> None:
            self.items = iter(self.all[start_index:end_index])

    names = _convolutions(onnx.load(str(float_model), load_external_data=False))
    excluded = [name for name in names if any(re.search(p, name) for p in keep_float)]
    reader = _Reader(iter(feeds)) if percentile is None else _RangeReader(list(feeds))
    method = CalibrationMethod.MinMax if percentile is None else CalibrationMethod.Percentile
    options = {}
    if percentile is not None:
        options["extra_options"] = {"CalibPercentile": percentile, "CalibStridedMinMax": 1}
    try:
        with _quiet_quantizer():
            quantize_static(
                str(float_model),
                str(output),
                reader,
                quant_format=QuantFormat.QOperator,
                op_types_to_quantize=["Conv"],
                per_channel=True,
                activation_type=QuantType.QUInt8,
                weight_type=QuantType.QInt8,
                nodes_to_exclude=excluded,
                calibrate_method=method,
                **options,
            )
    except Exception as err:  # the quantizer raises plain Exceptions and ORT errors
        raise ModelError(f"static quantization of {float_model} failed: {err}") from err
    if reader.count == 0:
        raise ModelError("static quantization needs at least one calibration feed")
    logger.info(
        "quantized %d of %d convolutions on %d calibration feeds",
        len(names) - len(excluded),
        len(names),
        reader.count,
    )
    return excluded
