"""Render less trailing silence: the last pad token's duration, capped in the graph.

Kokoro predicts a duration (in frames of 600 samples, 25 ms) for every token,
including the pad token at each end, and the vocoder renders all of them; litetts
then trims the edge silence away (`litetts.audio.trim_silence`). Where a text ends
without punctuation the trailing pad gets up to 8 frames (0.2 s); this rewrite caps
it where the graph rounds the durations (``Round -> Clip -> Cast``), so that a call
renders `TAIL_FRAMES` at most; the audio before it is unchanged, sample for sample.

The leading pad (13-19 frames, 0.33-0.48 s) would be the bigger saving, but its
length changes the speech itself, not only the silence before it: capped at 10 or
6 frames, the trimmed speech kept a log-spectral correlation of only 0.65 or 0.18
with the uncapped rendering (docs/performance.md), so `lead` is off by default.
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


def cap_edge_durations(
    model: onnx.ModelProto, *, tail: int = TAIL_FRAMES, lead: int | None = None
) -> onnx.ModelProto:
    """A copy of `model` that renders at most `tail` frames for its trailing pad (and
    `lead` for its leading one, when given).

    Raises:
        ModelError: the graph has no single rounded duration tensor (not Kokoro).
    """
    import onnx
    from onnx import helper, numpy_helper

    result = onnx.ModelProto()
    result.CopyFrom(model)
    graph = _Graph(result.graph)
    source = _durations(graph)
    d = source.output[0]
    readers = list(graph.consumers.get(d, []))
    p = "/litetts/edges"

    def const(name: str, value: list[int] | float) -> str:
        dtype = np.float32 if isinstance(value, float) else np.int64
        result.graph.initializer.append(numpy_helper.from_array(np.array(value, dtype), name))
        return name

    zero, one, minus_one = const(f"{p}/0", [0]), const(f"{p}/1", [1]), const(f"{p}/-1", [-1])
    end, axis = const(f"{p}/end", [np.iinfo(np.int64).max]), const(f"{p}/axis", [1])
    nodes = [
        helper.make_node("Slice", [d, zero, one, axis], [f"{p}/first"]),
        helper.make_node("Slice", [d, one, minus_one, axis], [f"{p}/middle"]),
        helper.make_node("Slice", [d, minus_one, end, axis], [f"{p}/last"]),
        helper.make_node("Identity", [f"{p}/first"], [f"{p}/lead_cap"])
        if lead is None
        else helper.make_node(
            "Min", [f"{p}/first", const(f"{p}/lead", float(lead))], [f"{p}/lead_cap"]
        ),
        helper.make_node("Min", [f"{p}/last", const(f"{p}/tail", float(tail))], [f"{p}/tail_cap"]),
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
