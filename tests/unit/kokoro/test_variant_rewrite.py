"""The ConvInteger -> Conv rewrite on a tiny model quantized like Kokoro's export."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import helper, numpy_helper
from tests.unit.kokoro.conftest import tiny_feed

from litetts import ModelError
from litetts.kokoro.variants.rewrite import dequantize_convolutions, prune_dead_nodes


def _ops(model: onnx.ModelProto) -> Counter[str]:
    return Counter(node.op_type for node in model.graph.node)


def _run(model: onnx.ModelProto, feed: dict[str, np.ndarray]) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return np.asarray(session.run(None, feed)[0])


def test_every_integer_convolution_becomes_a_float_conv(tiny_models: tuple[Path, Path]) -> None:
    source = onnx.load(str(tiny_models[1]))

    ops = _ops(dequantize_convolutions(source))

    assert (3, 0, 0) == (ops["Conv"], ops["ConvInteger"], ops["DynamicQuantizeLinear"])


def test_the_quantization_chains_are_removed(tiny_models: tuple[Path, Path]) -> None:
    source = onnx.load(str(tiny_models[1]))

    ops = _ops(dequantize_convolutions(source))

    assert (1, 2) == (ops["Cast"], ops["Mul"])  # the graph's own Cast and two Muls


def test_the_source_model_is_left_unchanged(tiny_models: tuple[Path, Path]) -> None:
    source = onnx.load(str(tiny_models[1]))
    before = source.SerializeToString()

    dequantize_convolutions(source)

    assert before == source.SerializeToString()


def test_weights_are_the_dequantized_integers(tiny_models: tuple[Path, Path]) -> None:
    source = onnx.load(str(tiny_models[1]))
    inits = {i.name: numpy_helper.to_array(i) for i in source.graph.initializer}
    conv = next(n for n in source.graph.node if n.op_type == "ConvInteger")
    expected = (inits[conv.input[1]].astype(np.float32) - inits[conv.input[3]]) * inits["w1_scale"]

    result = dequantize_convolutions(source)
    node = next(n for n in result.graph.node if n.op_type == "Conv" and n.input[0] == "x")
    weight = next(i for i in result.graph.initializer if i.name == node.input[1])

    np.testing.assert_array_equal(expected.astype(np.float32), numpy_helper.to_array(weight))


def test_output_matches_the_int8_model_within_activation_rounding(
    tiny_models: tuple[Path, Path],
) -> None:
    source = onnx.load(str(tiny_models[1]))
    feed = tiny_feed(20)

    expected = _run(source, feed)
    actual = _run(dequantize_convolutions(source), feed)

    np.testing.assert_allclose(expected, actual, atol=0.05)


def test_rewrite_is_deterministic(tiny_models: tuple[Path, Path]) -> None:
    source = onnx.load(str(tiny_models[1]))

    first = dequantize_convolutions(source).SerializeToString()
    second = dequantize_convolutions(onnx.load(str(tiny_models[1]))).SerializeToString()

    assert first == second


def test_a_model_without_integer_convolutions_is_refused(tiny_models: tuple[Path, Path]) -> None:
    with pytest.raises(ModelError, match="no ConvInteger"):
        dequantize_convolutions(onnx.load(str(tiny_models[0])))


def test_an_unknown_output_chain_is_refused(tiny_models: tuple[Path, Path]) -> None:
    source = onnx.load(str(tiny_models[1]))
    conv = next(n for n in source.graph.node if n.op_type == "ConvInteger")
    source.graph.node.append(helper.make_node("Identity", [conv.output[0]], ["extra"]))

    with pytest.raises(ModelError, match="expected one of"):
        dequantize_convolutions(source)


def test_prune_drops_nodes_and_constants_no_output_needs() -> None:
    graph = helper.make_graph(
        [
            helper.make_node("Neg", ["x"], ["y"]),
            helper.make_node("Add", ["x", "unused_c"], ["dead"]),
        ],
        "g",
        [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1])],
        [numpy_helper.from_array(np.ones(1, np.float32), "unused_c")],
    )

    prune_dead_nodes(graph)

    assert (["Neg"], []) == ([n.op_type for n in graph.node], list(graph.initializer))
