"""Fewer element-wise passes in the decoder: AdaIN and Snake, rewritten.

Every residual block of Kokoro's decoder and vocoder runs, before each convolution,
an adaptive instance norm exported as seven element-wise passes over the activations::

    n = (x - mean(x)) / sqrt(mean((x - mean(x))^2) + eps);   y = n * (1 + gamma) + beta

and, in the vocoder, the Snake activation as five more::

    snake(y) = y + sin(alpha * y)^2 / alpha          (Mul, Sin, Pow, Mul, Add)

ONNX Runtime's CPU provider fuses none of them, and together they took about half of
the ``int8-static`` variant's run time. This rewrite makes the norm one
``InstanceNormalization`` node whose per-channel scale and bias (computed from the
style, a few hundred numbers) already hold ``alpha``, so that it yields ``v = alpha * y``,
and the Snake becomes three passes::

    v + sin(v) * sin(v)    (= alpha * snake(y))

The remaining ``1 / alpha`` per channel is either folded into the weights of the
convolution that reads it (for convolutions chosen by `fold`: exact, since scaling an
input channel commutes with zero padding) or applied as one ``Mul``. The result
equals the original up to float rounding. The graph has batch size 1 throughout
(Kokoro takes one utterance), which the per-channel ``InstanceNormalization``
inputs rely on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from litetts.errors import ModelError
from litetts.kokoro.variants.rewrite import _Graph, prune_dead_nodes

if TYPE_CHECKING:
    import onnx

__all__ = ["fuse_norms_and_snakes"]

_SCOPE = "/decoder/"
"""Only the decoder's norms are instance norms over time; the encoder's are layer norms."""


def _other(node: onnx.NodeProto, name: str) -> str:
    """The input of a two-input `node` that is not `name`."""
    first, second = str(node.input[0]), str(node.input[1])
    if first == name:
        return second
    if second == name:
        return first
    raise ModelError(f"{node.name!r} does not read {name!r}")


def _producer(graph: _Graph, name: str, op_type: str) -> onnx.NodeProto | None:
    node = graph.producer.get(name)
    return node if node is not None and node.op_type == op_type else None


class _Norm:
    """One adaptive instance norm, matched from its final ``Add(n * scale, beta)``."""

    def __init__(self, graph: _Graph, add: onnx.NodeProto) -> None:
        self.add = add
        self.ok = False
        for mul_out in add.input:
            mul = _producer(graph, mul_out, "Mul")
            if mul is None:
                continue
            for div_out in mul.input:
                div = _producer(graph, div_out, "Div")
                if div is None:
                    continue
                if self._match(graph, div):
                    self.beta = _other(add, mul_out)
                    self.scale = _other(mul, div_out)
                    self.ok = True
                    return

    def _match(self, graph: _Graph, div: onnx.NodeProto) -> bool:
        sub = _producer(graph, div.input[0], "Sub")
        sqrt = _producer(graph, div.input[1], "Sqrt")
        if sub is None or sqrt is None:
            return False
        mean = _producer(graph, sub.input[1], "ReduceMean")
        add_eps = _producer(graph, sqrt.input[0], "Add")
        if mean is None or add_eps is None or mean.input[0] != sub.input[0]:
            return False
        found = [_producer(graph, name, "ReduceMean") for name in add_eps.input]
        var = next((node for node in found if node is not None), None)
        square = _producer(graph, var.input[0], "Mul") if var is not None else None
        eps = [name for name in add_eps.input if name in graph.initializers]
        if square is None or list(square.input) != [sub.output[0]] * 2 or len(eps) != 1:
            return False
        if not (_reduces_time(graph, mean) and var is not None and _reduces_time(graph, var)):
            return False
        self.x = sub.input[0]
        self.epsilon = float(graph.array(eps[0]).reshape(-1)[0])
        return True


def _reduces_time(graph: _Graph, node: onnx.NodeProto) -> bool:
    """True for a ``ReduceMean`` over axis 2 (time, of [1, C, T]) that keeps dims."""
    keepdims = next((a.i for a in node.attribute if a.name == "keepdims"), 1)
    if keepdims != 1 or len(node.input) < 2 or node.input[1] not in graph.initializers:
        return False
    return bool(graph.array(node.input[1]).reshape(-1).tolist() == [2])


class _Snake:
    """``Add(y, Mul(1/alpha, Pow(Sin(Mul(alpha, y)), 2)))`` reading the norm's output."""

    def __init__(self, graph: _Graph, y: str) -> None:
        self.ok = False
        readers = graph.consumers.get(y, [])
        scale = next((n for n in readers if n.op_type == "Mul"), None)
        add = next((n for n in readers if n.op_type == "Add"), None)
        if len(readers) != 2 or scale is None or add is None:
            return
        alpha = _other(scale, y)
        sin = graph.only_consumer_or_none(scale.output[0], "Sin")
        power = graph.only_consumer_or_none(sin.output[0], "Pow") if sin else None
        if power is None or not _is_constant(graph, power.input[1], 2.0):
            return
        inverse = graph.only_consumer_or_none(power.output[0], "Mul")
        if inverse is None or _other(add, y) != inverse.output[0]:
            return
        inv_alpha = _other(inverse, power.output[0])
        if alpha not in graph.initializers or inv_alpha not in graph.initializers:
            return
        self.alpha, self.inv_alpha, self.output = alpha, inv_alpha, add.output[0]
        self.ok = True


def _is_constant(graph: _Graph, name: str, value: float) -> bool:
    return name in graph.initializers and np.all(graph.array(name) == value).item()


def fuse_norms_and_snakes(
    model: onnx.ModelProto, fold: Callable[[str], bool] = lambda name: True
) -> onnx.ModelProto:
    """A copy of `model` with the decoder's adaptive
    instance norms as ``InstanceNormalization`` and its Snakes in three passes.

    Args:
        model: the graph after `dequantize_convolutions`, or after static quantization
            too (`litetts.kokoro.variants.prepare` applies it there): a quantized
            convolution reads its input through ``QuantizeLinear``, so ``1 / alpha``
            stays a ``Mul`` before it and it sees the tensors it was calibrated on.
        fold: given a float convolution's name, whether ``1 / alpha`` may be folded
            into its weights.

    Raises:
        ModelError: no adaptive instance norm was found (not a Kokoro graph).
    """
    import onnx
    from onnx import helper, numpy_helper

    result = onnx.ModelProto()
    result.CopyFrom(model)
    graph = _Graph(result.graph)
    new_nodes: dict[str, list[onnx.NodeProto]] = {}  # placed where the old Add was
    renamed: dict[str, str] = {}  # conv name -> new weight initializer
    flat = numpy_helper.from_array(np.array([-1], dtype=np.int64), "litetts_flat_shape")
    result.graph.initializer.append(flat)
    count = 0
    for node in list(result.graph.node):
        if node.op_type != "Add" or not node.name.startswith(_SCOPE):
            continue
        norm = _Norm(graph, node)
        if not norm.ok:
            continue
        count += 1
        base = node.name.removesuffix("/Add_3")
        snake = _Snake(graph, node.output[0])
        scale, beta = norm.scale, norm.beta
        nodes: list[onnx.NodeProto] = []
        if snake.ok:
            nodes += [
                helper.make_node("Mul", [scale, snake.alpha], [f"{base}/alpha_scale"]),
                helper.make_node("Mul", [beta, snake.alpha], [f"{base}/alpha_beta"]),
            ]
            scale, beta = f"{base}/alpha_scale", f"{base}/alpha_beta"
        nodes += [
            helper.make_node("Reshape", [scale, flat.name], [f"{base}/scale_flat"]),
            helper.make_node("Reshape", [beta, flat.name], [f"{base}/beta_flat"]),
        ]
        normed = f"{base}/instance_norm" if snake.ok else node.output[0]
        nodes.append(
            helper.make_node(
                "InstanceNormalization",
                [norm.x, f"{base}/scale_flat", f"{base}/beta_flat"],
                [normed],
                epsilon=norm.epsilon,
            )
        )
        if snake.ok:
            nodes += _snake_nodes(graph, base, normed, snake, fold, renamed, result)
        for made in nodes:
            made.name = made.name or made.output[0]
        new_nodes[node.name] = nodes
    if count == 0:
        raise ModelError("the model has no adaptive instance norms to rewrite")
    ordered: list[onnx.NodeProto] = []
    for node in result.graph.node:
        if node.name in new_nodes:
            ordered.extend(new_nodes[node.name])
        elif node.name in renamed and node.op_type == "Conv":
            node.input[1] = renamed[node.name]
            ordered.append(node)
        else:
            ordered.append(node)
    del result.graph.node[:]
    result.graph.node.extend(ordered)
    _drop_replaced(result.graph)
    prune_dead_nodes(result.graph)
    return result


def _snake_nodes(  # noqa: PLR0917  # one call site, every argument needed
    graph: _Graph,
    base: str,
    v: str,
    snake: _Snake,
    fold: Callable[[str], bool],
    renamed: dict[str, str],
    model: onnx.ModelProto,
) -> list[onnx.NodeProto]:
    from onnx import helper, numpy_helper

    nodes = [
        helper.make_node("Sin", [v], [f"{base}/snake_sin"]),
        helper.make_node("Mul", [f"{base}/snake_sin"] * 2, [f"{base}/snake_sin2"]),
    ]
    readers = graph.consumers.get(snake.output, [])
    conv = readers[0] if len(readers) == 1 and readers[0].op_type == "Conv" else None
    group = next((a.i for a in conv.attribute if a.name == "group"), 1) if conv else 0
    if conv is not None and group == 1 and conv.input[0] == snake.output and fold(conv.name):
        weights = graph.array(conv.input[1])
        inverse = graph.array(snake.inv_alpha).reshape(1, -1, 1)
        folded = numpy_helper.from_array(
            (weights * inverse).astype(np.float32), f"{conv.name}.weight_snake"
        )
        model.graph.initializer.append(folded)
        renamed[conv.name] = folded.name
        nodes.append(helper.make_node("Add", [v, f"{base}/snake_sin2"], [snake.output]))
    else:
        nodes += [
            helper.make_node("Add", [v, f"{base}/snake_sin2"], [f"{base}/snake_scaled"]),
            helper.make_node("Mul", [f"{base}/snake_scaled", snake.inv_alpha], [snake.output]),
        ]
    return nodes


def _drop_replaced(graph: onnx.GraphProto) -> None:
    """Remove the old nodes whose outputs the new ones now produce (first one wins)."""
    made: set[str] = set()
    keep = []
    for node in graph.node:
        if set(node.output) & made:
            continue
        keep.append(node)
        made.update(node.output)
    # Later producers of a name made earlier are the old chain's tail: already skipped.
    del graph.node[:]
    graph.node.extend(keep)
