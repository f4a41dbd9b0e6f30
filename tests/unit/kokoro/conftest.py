"""A tiny model shaped like the Kokoro int8 export: Kokoro's inputs and output, and
convolutions quantized the way the export's were (onnxruntime's dynamic quantizer)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from litetts.kokoro.variants.prepare import FeedSource


def _float_model() -> onnx.ModelProto:
    rng = np.random.default_rng(7)
    inits = [
        numpy_helper.from_array(rng.normal(0, 0.5, (8, 1, 3)).astype(np.float32), "w1"),
        numpy_helper.from_array(rng.normal(0, 0.1, (8,)).astype(np.float32), "b1"),
        numpy_helper.from_array(rng.normal(0, 0.5, (4, 8, 5)).astype(np.float32), "w2"),
        numpy_helper.from_array(rng.normal(0, 0.5, (1, 4, 1)).astype(np.float32), "w3"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([1, 1, 64], dtype=np.int64), "repeats"),
        numpy_helper.from_array(np.array([1, -1], dtype=np.int64), "flat"),
        numpy_helper.from_array(np.array(0.05, dtype=np.float32), "step"),
    ]
    nodes = [
        helper.make_node("Cast", ["tokens"], ["t"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["t", "step"], ["ts"]),
        helper.make_node("Unsqueeze", ["ts", "axis1"], ["x"]),
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv1", pads=[1, 1]),
        helper.make_node("LeakyRelu", ["c1"], ["r1"], alpha=0.1),
        helper.make_node("Conv", ["r1", "w2"], ["c2"], name="conv2", pads=[2, 2]),
        helper.make_node("Tanh", ["c2"], ["r2"]),
        helper.make_node("Tile", ["r2", "repeats"], ["up"]),
        helper.make_node("Conv", ["up", "w3"], ["c3"], name="conv_post"),
        helper.make_node("ReduceMean", ["style"], ["s"], keepdims=1),
        helper.make_node("Add", ["c3", "s"], ["c4"]),
        helper.make_node("Mul", ["c4", "speed"], ["c5"]),
        helper.make_node("Sin", ["c5"], ["c6"]),
        helper.make_node("Reshape", ["c6", "flat"], ["audio"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-kokoro",
        [
            helper.make_tensor_value_info("tokens", TensorProto.INT64, [1, "n"]),
            helper.make_tensor_value_info("style", TensorProto.FLOAT, [1, 256]),
            helper.make_tensor_value_info("speed", TensorProto.FLOAT, [1]),
        ],
        [helper.make_tensor_value_info("audio", TensorProto.FLOAT, [1, None])],
        inits,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(float model, its dynamically quantized int8 form), written once per session."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folder = tmp_path_factory.mktemp("tiny-kokoro")
    floating = folder / "tiny.float.onnx"
    onnx.save(_float_model(), str(floating))
    quantized = folder / "tiny.int8.onnx"
    quantize_dynamic(
        str(floating), str(quantized), op_types_to_quantize=["Conv"], weight_type=QuantType.QInt8
    )
    return floating, quantized


@pytest.fixture
def tiny_int8(tiny_models: tuple[Path, Path], tmp_path: Path) -> Path:
    """A private copy of the tiny int8 model (tests may touch or corrupt it)."""
    path = tmp_path / "model" / "tiny.int8.onnx"
    path.parent.mkdir()
    path.write_bytes(tiny_models[1].read_bytes())
    return path


def tiny_feed(n: int = 12, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "tokens": np.array([[0, *rng.integers(1, 100, n), 0]], dtype=np.int64),
        "style": rng.normal(0, 0.2, (1, 256)).astype(np.float32),
        "speed": np.array([1.0], dtype=np.float32),
    }


@pytest.fixture
def feeds() -> FeedSource:
    """A feed source: a few deterministic inputs for checks and calibration."""
    return lambda: iter([tiny_feed(12, 0), tiny_feed(30, 1), tiny_feed(5, 2), tiny_feed(60, 3)])
