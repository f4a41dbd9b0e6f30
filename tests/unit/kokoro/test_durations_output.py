"""The durations output: found by the graph's shape, added once, prepared for every variant."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper
from tests.unit.kokoro.conftest import tiny_feed

from litetts import ModelError
from litetts.kokoro.model import DURATIONS_OUTPUT, KokoroModel
from litetts.kokoro.variants import VariantCache
from litetts.kokoro.variants.durations import add_durations_output, has_durations_output
from litetts.kokoro.variants.prepare import FeedSource


def _timed_model() -> onnx.ModelProto:
    """Kokoro's duration chain in miniature: sigmoid scores -> / speed -> round -> clip -> int64."""
    inits = [
        numpy_helper.from_array(np.array(0.37, dtype=np.float32), "step"),
        numpy_helper.from_array(np.array(9.0, dtype=np.float32), "scale"),
        numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one"),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "flat"),
    ]
    nodes = [
        helper.make_node("Cast", ["tokens"], ["t"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["t", "step"], ["ts"]),
        helper.make_node("Sin", ["ts"], ["wave"]),
        helper.make_node("Sigmoid", ["wave"], ["sg"]),
        helper.make_node("Mul", ["sg", "scale"], ["frames"]),
        helper.make_node("Div", ["frames", "speed"], ["per_speed"]),
        helper.make_node("Round", ["per_speed"], ["rounded"]),
        helper.make_node("Clip", ["rounded", "one"], ["clipped"]),
        helper.make_node("Cast", ["clipped"], ["durations_int"], to=TensorProto.INT64),
        helper.make_node("ReduceMean", ["style"], ["s"], keepdims=0),
        helper.make_node("Mul", ["wave", "s"], ["voiced"]),
        helper.make_node("Reshape", ["voiced", "flat"], ["audio"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-timed-kokoro",
        [
            helper.make_tensor_value_info("tokens", TensorProto.INT64, [1, "n"]),
            helper.make_tensor_value_info("style", TensorProto.FLOAT, [1, 256]),
            helper.make_tensor_value_info("speed", TensorProto.FLOAT, [1]),
        ],
        [helper.make_tensor_value_info("audio", TensorProto.FLOAT, [None])],
        inits,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)


@pytest.fixture
def timed_source(tmp_path: Path) -> Path:
    path = tmp_path / "model" / "timed.onnx"
    path.parent.mkdir()
    onnx.save(_timed_model(), str(path))
    return path


def _expected(feed: dict[str, np.ndarray]) -> np.ndarray:
    scores = 1 / (1 + np.exp(-np.sin(feed["tokens"][0].astype(np.float32) * 0.37)))
    return np.maximum(np.round(scores * 9.0 / feed["speed"][0]), 1).astype(np.int64)


@pytest.mark.parametrize("speed", [0.5, 1.0, 2.5])
def test_the_added_output_is_the_rounded_frames_per_token(speed: float) -> None:
    model = add_durations_output(_timed_model())
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    feed = tiny_feed(20, 3)
    feed["speed"] = np.array([speed], dtype=np.float32)
    audio, durations = session.run(None, feed)
    assert [o.name for o in session.get_outputs()] == ["audio", DURATIONS_OUTPUT]
    np.testing.assert_array_equal(durations.reshape(-1), _expected(feed))
    assert audio.shape == (22,)


def test_adding_twice_adds_one_output() -> None:
    model = add_durations_output(add_durations_output(_timed_model()))
    assert [o.name for o in model.graph.output].count(DURATIONS_OUTPUT) == 1
    assert has_durations_output(model)


def test_a_graph_without_the_chain_is_a_model_error(tiny_int8: Path) -> None:
    with pytest.raises(ModelError, match="duration predictor"):
        add_durations_output(onnx.load(str(tiny_int8)))


def test_the_original_is_prepared_with_durations_and_cached(
    timed_source: Path, feeds: FeedSource
) -> None:
    cache = VariantCache(timed_source, timed_source.parent / "variants")
    prepared = cache.prepare("original", feeds)
    assert prepared.path != timed_source
    assert prepared.path.parent == cache.folder
    assert (prepared.variant, prepared.fell_back, cache.cached("original")) == (
        "original",
        False,
        True,
    )
    model = KokoroModel.from_path(prepared.path, threads=1)
    feed = tiny_feed(12, 0)
    tokens = [int(t) for t in feed["tokens"][0][1:-1]]
    samples, durations = model.infer_timed(tokens, feed["style"][0], 1.0)
    assert model.has_durations
    assert durations is not None
    np.testing.assert_array_equal(durations, _expected(feed))
    np.testing.assert_array_equal(samples, model.infer(tokens, feed["style"][0], 1.0))


def test_a_model_without_the_chain_runs_untimed(tiny_int8: Path) -> None:
    prepared = VariantCache(tiny_int8, tiny_int8.parent / "variants").prepare(
        "original", lambda: iter([tiny_feed()])
    )
    model = KokoroModel.from_path(prepared.path, threads=1)
    assert (prepared.path, model.has_durations) == (tiny_int8, False)
    assert model.infer_timed([5, 6, 7], tiny_feed()["style"][0], 1.0).durations is None
