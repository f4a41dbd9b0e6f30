"""Integer convolutions back to float: the ``float`` variant's graph rewrite.

The int8 export quantized every convolution dynamically: each ``Conv`` became::

    x -> DynamicQuantizeLinear -> ConvInteger(x_q, W_q, x_zp, W_zp)
      -> Add(bias quantized at run time with x_scale * W_scale) -> Cast -> Mul(x_scale * W_scale)

ONNX Runtime has no fast kernel for ``ConvInteger`` on x86 (it was 51-59 % of the run
time), so this rewrite puts back a float ``Conv`` with the dequantized weights
``(W_q - W_zp) * W_scale`` and the float bias, then drops the nodes that fed only the
removed chain. Nothing else in the graph changes; the result is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from litetts.errors import ModelError

if TYPE_CHECKING:
    import onnx

__all__ = ["dequantize_convolutions", "prune_dead_nodes"]


class _Graph:
    """Look-ups over one graph: producers, consumers, initializers."""

    def __init__(self, graph: onnx.GraphProto) -> None:
        self.graph = graph
        self.producer = {out: node for node in graph.node for out in node.output}
        self.consumers: dict[str, list[onnx.NodeProto]] = defaultdict(list)
        for node in graph.node:
            for name in node.input:
                self.consumers[name].append(node)
        self.initializers = {init.name: init for init in graph.initializer}

    def array(self, name: str) -> np.ndarray:
        from onnx import numpy_helper

        if name not in self.initializers:
            raise ModelError(f"expected a constant for {name!r}")
        return numpy_helper.to_array(self.initializers[name])

    def only_consumer(self, name: str, *op_types: str) -> onnx.NodeProto:
        consumers = self.consumers.get(name, [])
        if len(consumers) != 1 or consumers[0].op_type not in op_types:
            found = [c.op_type for c in consumers]
            raise ModelError(f"{name!r} feeds {found}, expected one of {op_types}")
        return consumers[0]

    def only_consumer_or_none(self, name: str, op_type: str) -> onnx.NodeProto | None:
        """The single node reading `name` if it is an `op_type`, else None."""
        consumers = self.consumers.get(name, [])
        if len(consumers) == 1 and consumers[0].op_type == op_type:
            return consumers[0]
        return None


def _weight_scale(graph: _Graph, scale_mul: onnx.NodeProto) -> np.ndarray:
    """W_scale from ``Mul(x_scale, W_scale)``, whichever side the constant is on."""
    constants = [name for name in scale_mul.input if name in graph.initializers]
    if len(constants) != 1:
        raise ModelError(f"{scale_mul.name!r}: expected one constant weight scale")
    return graph.array(constants[0]).astype(np.float32)


def _float_bias(graph: _Graph, reshape_output: str) -> np.ndarray:
    """The float bias behind ``Reshape(Cast(Floor(Div(bias, scale))))``."""
    node = graph.producer.get(reshape_output)
    for op_type in ("Reshape", "Cast", "Floor", "Div"):
        if node is None or node.op_type != op_type:
            raise ModelError(f"{reshape_output!r}: unexpected bias quantization chain")
        if op_type != "Div":
            node = graph.producer.get(node.input[0])
    assert node is not None  # the loop ends on the Div
    return graph.array(node.input[0]).astype(np.float32)


def _rewrite_one(
    graph: _Graph, conv: onnx.NodeProto
) -> tuple[onnx.NodeProto, list[onnx.TensorProto]]:
    from onnx import helper, numpy_helper

    quantize = graph.producer.get(conv.input[0])
    if quantize is None or quantize.op_type != "DynamicQuantizeLinear":
        raise ModelError(f"{conv.name!r}: input is not dynamically quantized")
    weights = graph.array(conv.input[1]).astype(np.float32)
    zero_point = graph.array(conv.input[3]).astype(np.float32) if len(conv.input) > 3 else 0.0

    step = graph.only_consumer(conv.output[0], "Add", "Cast")
    bias: np.ndarray | None = None
    if step.op_type == "Add":
        other = step.input[1] if step.input[0] == conv.output[0] else step.input[0]
        bias = _float_bias(graph, other)
        step = graph.only_consumer(step.output[0], "Cast")
    scale_mul = graph.only_consumer(step.output[0], "Mul")
    scale_name = next(name for name in scale_mul.input if name != step.output[0])
    scale_node = graph.producer.get(scale_name)
    if scale_node is None or scale_node.op_type != "Mul":
        raise ModelError(f"{conv.name!r}: output scale is not x_scale * W_scale")
    w_scale = _weight_scale(graph, scale_node)
    if w_scale.ndim == 1:  # per output channel
        w_scale = w_scale.reshape((-1,) + (1,) * (weights.ndim - 1))
        zero_point = np.asarray(zero_point).reshape(w_scale.shape)
    dequantized = ((weights - zero_point) * w_scale).astype(np.float32)

    base = conv.name.removesuffix("_quant") or conv.output[0]
    new_inits = [numpy_helper.from_array(dequantized, f"{base}.weight_float")]
    inputs = [quantize.input[0], new_inits[0].name]
    if bias is not None:
        new_inits.append(numpy_helper.from_array(bias, f"{base}.bias_float"))
        inputs.append(new_inits[1].name)
    node = helper.make_node("Conv", inputs, [scale_mul.output[0]], name=base)
    node.attribute.extend(conv.attribute)
    return node, new_inits


def dequantize_convolutions(model: onnx.ModelProto) -> onnx.ModelProto:
    """A copy of `model` with every dynamically quantized ``ConvInteger`` back in float.

    Raises:
        ModelError: a ``ConvInteger`` is not in the shape this rewrite knows (the
            model is not the Kokoro int8 export), or there is none at all.
    """
    import onnx

    result = onnx.ModelProto()
    result.CopyFrom(model)
    graph = _Graph(result.graph)
    convs = [node for node in result.graph.node if node.op_type == "ConvInteger"]
    if not convs:
        raise ModelError("the model has no ConvInteger nodes to rewrite")
    replaced: dict[str, onnx.NodeProto] = {}
    for conv in convs:
        node, inits = _rewrite_one(graph, conv)
        replaced[conv.name] = node
        result.graph.initializer.extend(inits)
    nodes = [replaced.get(node.name, node) for node in result.graph.node]
    # The old output Mul still names the new Conv's output: drop it so one node makes it.
    outputs = {node.output[0] for node in replaced.values()}
    nodes = [
        node
        for node in nodes
        if node.name in {n.name for n in replaced.values()} or not set(node.output) & outputs
    ]
    del result.graph.node[:]
    result.graph.node.extend(nodes)
    prune_dead_nodes(result.graph)
    return result


def prune_dead_nodes(graph: onnx.GraphProto) -> None:
    """Drop nodes and initializers that no graph output depends on, in place."""
    needed = {output.name for output in graph.output}
    keep: list[onnx.NodeProto] = []
    for node in reversed(graph.node):
        if set(node.output) & needed:
            keep.append(node)
            needed.update(name for name in node.input if name)
            for attribute in node.attribute:  # subgraphs (If/Loop) read outer names
                for sub in [attribute.g, *attribute.graphs]:
                    needed.update(_outer_names(sub))
    keep.reverse()
    del graph.node[:]
    graph.node.extend(keep)
    initializers = [init for init in graph.initializer if init.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(initializers)


def _outer_names(graph: onnx.GraphProto) -> set[str]:
    names: set[str] = set()
    for node in graph.node:
        names.update(node.input)
        for attribute in node.attribute:
            for sub in [attribute.g, *attribute.graphs]:
                names.update(_outer_names(sub))
    return names
