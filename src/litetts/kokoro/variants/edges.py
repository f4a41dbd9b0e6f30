"""Render less trailing silence: the last pad token's duration, capped in the graph.

Kokoro predicts a duration (in frames of 600 samples, 25 ms) for every token,
including the pad token at each end, and the vocoder renders all of them; litetts
then trims the edge silence away (`litetts.audio.trim_silence`). Where a text ends
without punctuation the trailing pad gets up to 8 frames (0.2 s); this rewrite caps
it where the graph rounds the durations (``Round -> Clip -> Cast``), so that a call
renders `TAIL_FRAMES` at most; the audio before it is unchanged, sample for sample.

The leading pad (13-19 frames, 0.33-0.48 s) would be the bigger saving (0.89x the
CPU time of a 12-word call at 6 frames), but the model then renders a weaker onset:
capped at 10, 8 or 6 frames, Whisper base missed the first word of 14, 23 or 31 of
32 phrases that it heard whole from the uncapped model (benchmarks/edge_caps.py,
docs/performance.md), so `lead` is off by default.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np

from litetts.errors import ModelError
from litetts.kokoro.variants.rewrite import _Graph

if TYPE_CHECKING:
    import onnx

__all__ = ["TAIL_FRAMES", "cap_edge_durations"]

TAIL_FRAMES: Final = 2
"""Most frames rendered for the trailing pad (the last phoneme's own decay and any
final punctuation are left alone)."""


def _durations(graph: _Graph) -> onnx.NodeProto:
    """The node whose float output is the rounded per-token durations, [1, tokens]."""
    rounds = [
        n for n in graph.graph.node if n.op_type == "Round" and n.name.startswith("/encoder/")
    ]
    if len(rounds) != 1:
        raise ModelError(f"expected one duration Round in the encoder, found {len(rounds)}")
    node = rounds[0]
    clip = graph.only_consumer_or_none(node.output[0], "Clip")
    return clip if clip is not None else node


_PREFIX: Final = "/litetts/edges"


def _constant(model: onnx.ModelProto, name: str, value: list[int] | float) -> str:
    """Add (or replace) the initializer `name`; return its name."""
    from onnx import numpy_helper

    dtype = np.float32 if isinstance(value, float) else np.int64
    for i, init in enumerate(model.graph.initializer):
        if init.name == name:
            del model.graph.initializer[i]
            break
    model.graph.initializer.append(numpy_helper.from_array(np.array(value, dtype), name))
    return name


def _caps(model: onnx.ModelProto, tail: int, lead: int | None) -> list[onnx.NodeProto]:
    """The two capping nodes, their constants added to `model`."""
    from onnx import helper

    p = _PREFIX
    if lead is None:
        lead_cap = helper.make_node("Identity", [f"{p}/first"], [f"{p}/lead_cap"])
    else:
        limit = _constant(model, f"{p}/lead", float(lead))
        lead_cap = helper.make_node("Min", [f"{p}/first", limit], [f"{p}/lead_cap"])
    limit = _constant(model, f"{p}/tail", float(tail))
    tail_cap = helper.make_node("Min", [f"{p}/last", limit], [f"{p}/tail_cap"])
    for node in (lead_cap, tail_cap):
        node.name = node.output[0]
    return [lead_cap, tail_cap]


def _recap(model: onnx.ModelProto, tail: int, lead: int | None) -> bool:
    """Replace the caps of a model this rewrite already capped; False if it did not."""
    nodes = {node.output[0]: i for i, node in enumerate(model.graph.node)}
    if f"{_PREFIX}/durations" not in nodes:
        return False
    for i, init in enumerate(model.graph.initializer):
        if init.name == f"{_PREFIX}/lead":
            del model.graph.initializer[i]
            break
    for node in _caps(model, tail, lead):
        model.graph.node[nodes[node.output[0]]].CopyFrom(node)
    return True


def cap_edge_durations(
    model: onnx.ModelProto, *, tail: int = TAIL_FRAMES, lead: int | None = None
) -> onnx.ModelProto:
    """A copy of `model` that renders at most `tail` frames for its trailing pad (and
    `lead` for its leading one, when given).

    On a model this function already capped, the caps are replaced, not stacked: a
    prepared file can be re-capped without preparing it again.

    Raises:
        ModelError: the graph has no single rounded duration tensor (not Kokoro).
    """
    import onnx
    from onnx import helper

    result = onnx.ModelProto()
    result.CopyFrom(model)
    if _recap(result, tail, lead):
        return result
    graph = _Graph(result.graph)
    source = _durations(graph)
    d = source.output[0]
    readers = list(graph.consumers.get(d, []))
    p = _PREFIX
    zero, one = _constant(result, f"{p}/0", [0]), _constant(result, f"{p}/1", [1])
    minus_one = _constant(result, f"{p}/-1", [-1])
    end = _constant(result, f"{p}/end", [np.iinfo(np.int64).max])
    axis = _constant(result, f"{p}/axis", [1])
    nodes = [
        helper.make_node("Slice", [d, zero, one, axis], [f"{p}/first"]),
        helper.make_node("Slice", [d, one, minus_one, axis], [f"{p}/middle"]),
        helper.make_node("Slice", [d, minus_one, end, axis], [f"{p}/last"]),
        *_caps(result, tail, lead),
        helper.make_node(
            "Concat", [f"{p}/lead_cap", f"{p}/middle", f"{p}/tail_cap"], [f"{p}/durations"], axis=1
        ),
    ]
    for node in nodes:
        node.name = node.output[0]
    for reader in readers:
        for i, name in enumerate(reader.input):
            if name == d:
                reader.input[i] = f"{p}/durations"
    position = list(result.graph.node).index(source) + 1
    for offset, node in enumerate(nodes):
        result.graph.node.insert(position + offset, node)
    return result
