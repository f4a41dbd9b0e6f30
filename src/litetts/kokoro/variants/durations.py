"""Expose the per-token durations Kokoro computes inside as a second graph output.

The shipped graph predicts how long each token is spoken and uses it to stretch the
encoder's output over time, but only outputs ``audio``::

    duration_proj -> Sigmoid -> ReduceSum -> Div(speed) -> Round -> Clip(min 1) -> Cast(int64)

`add_durations_output` finds that chain by its shape (the ``Div`` by the ``speed``
input, then ``Round``, ``Clip`` and ``Cast``), not by node names, and adds its result as
the output ``durations``: int64 of shape [1, N+2], the frames each token (pads
included) lasts, already divided by the speed. One frame is `HOP_SAMPLES` samples at
24 kHz. The tensor is computed anyway, so the extra output costs nothing measurable
(benchmarks/timestamps.py).

Every prepared variant, the ``original`` included, gets this edit (see
`litetts.kokoro.variants.prepare`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Final

from litetts.errors import MissingDependencyError, ModelError
from litetts.kokoro.model import DURATIONS_OUTPUT, HOP_SAMPLES

if TYPE_CHECKING:
    import onnx

__all__ = [
    "DURATIONS_OUTPUT",
    "HOP_SAMPLES",
    "add_durations_output",
    "has_durations_output",
    "with_durations_if_found",
    "write_with_durations",
]

logger = logging.getLogger(__name__)

_CHAIN: Final = ("Round", "Clip", "Cast")


def has_durations_output(model: onnx.ModelProto) -> bool:
    """True when `model` already outputs `DURATIONS_OUTPUT`."""
    return any(output.name == DURATIONS_OUTPUT for output in model.graph.output)


def _durations_tensor(model: onnx.ModelProto) -> str:
    """The name of the rounded, clipped, int64 durations tensor inside `model`."""
    consumers: dict[str, list[onnx.NodeProto]] = {}
    for node in model.graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    for division in consumers.get("speed", []):
        if division.op_type != "Div" or list(division.input)[1:] != ["speed"]:
            continue
        tensor = division.output[0]
        for op_type in _CHAIN:
            following = [n for n in consumers.get(tensor, []) if n.op_type == op_type]
            if len(following) != 1:
                break
            tensor = following[0].output[0]
        else:
            return str(tensor)
    raise ModelError(
        "could not find the duration predictor (Div by speed -> Round -> Clip -> Cast)"
        " in the model graph"
    )


def add_durations_output(model: onnx.ModelProto) -> onnx.ModelProto:
    """`model` (edited in place) with the per-token durations as output ``durations``.

    A model that already has the output is returned unchanged.

    Raises:
        ModelError: the graph has no duration chain of the expected shape.
    """
    import onnx

    if has_durations_output(model):
        return model
    source = _durations_tensor(model)
    model.graph.node.append(
        onnx.helper.make_node("Identity", [source], [DURATIONS_OUTPUT], name="litetts_durations")
    )
    model.graph.output.append(
        onnx.helper.make_tensor_value_info(
            DURATIONS_OUTPUT, onnx.TensorProto.INT64, [1, "durations_length"]
        )
    )
    return model


def with_durations_if_found(model: onnx.ModelProto) -> onnx.ModelProto:
    """`model` with the durations output when its graph has the chain, else unchanged
    (a model of another shape still runs; its timings are then estimated)."""
    try:
        return add_durations_output(model)
    except ModelError as err:
        logger.debug("no durations output: %s", err)
        return model


def write_with_durations(source: Path, output: Path) -> None:
    """Write `source` to `output` with the durations output added (if it lacks one).

    Raises:
        MissingDependencyError: ``onnx`` is not installed.
        ModelError: `source` is not readable ONNX or has no duration chain.
    """
    try:
        import onnx
    except ImportError as err:
        raise MissingDependencyError("preparing model variants", "optimize", "onnx") from err
    try:
        model = onnx.load(str(source))
    except Exception as err:  # onnx raises DecodeError and friends
        raise ModelError(f"could not read {source} as ONNX: {err}") from err
    onnx.save(add_durations_output(model), str(output))
