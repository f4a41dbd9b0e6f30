"""The decoder rewrites of recipe 2: fused AdaIN + Snake, capped pad durations."""

from __future__ import annotations

from collections import Counter

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from litetts import ModelError
from litetts.kokoro.variants.edges import cap_edge_durations
from litetts.kokoro.variants.vocoder import fuse_norms_and_snakes

C, T = 4, 50
P = "/decoder/decoder/generator/resblocks.0"


def _adain_snake_model(*, second_norm: bool = False) -> onnx.ModelProto:
    """AdaIN then Snake then a Conv, as the Kokoro export spells them; optionally a
    second AdaIN followed by LeakyRelu (the decoder blocks' form)."""
    rng = np.random.default_rng(3)
    alpha = rng.uniform(0.2, 2.0, (1, C, 1)).astype(np.float32)
    inits = [
        numpy_helper.from_array(np.array([2], np.int64), "axes"),
        numpy_helper.from_array(np.array(1e-5, np.float32), "eps"),
        numpy_helper.from_array(np.array(1.0, np.float32), "one"),
        numpy_helper.from_array(np.array(2.0, np.float32), "two"),
        numpy_helper.from_array(alpha, "alpha"),
        numpy_helper.from_array((1 / alpha).astype(np.float32), "inv_alpha"),
        numpy_helper.from_array(rng.normal(0, 0.3, (C, C, 3)).astype(np.float32), "w"),
        numpy_helper.from_array(rng.normal(0, 0.1, (C,)).astype(np.float32), "b"),
    ]

    def adain(x: str, gamma: str, beta: str, out: str, name: str) -> list[onnx.NodeProto]:
        return [
            helper.make_node("ReduceMean", [x, "axes"], [f"{name}/m"], name=f"{name}/ReduceMean"),
            helper.make_node("Sub", [x, f"{name}/m"], [f"{name}/d"], name=f"{name}/Sub"),
            helper.make_node("Mul", [f"{name}/d", f"{name}/d"], [f"{name}/d2"], name=f"{name}/M"),
            helper.make_node(
                "ReduceMean", [f"{name}/d2", "axes"], [f"{name}/v"], name=f"{name}/R2"
            ),
            helper.make_node("Add", [f"{name}/v", "eps"], [f"{name}/ve"], name=f"{name}/Add_2"),
            helper.make_node("Sqrt", [f"{name}/ve"], [f"{name}/s"], name=f"{name}/Sqrt"),
            helper.make_node("Div", [f"{name}/d", f"{name}/s"], [f"{name}/n"], name=f"{name}/Div"),
            helper.make_node("Add", [gamma, "one"], [f"{name}/g1"], name=f"{name}/Add_1"),
            helper.make_node("Mul", [f"{name}/n", f"{name}/g1"], [f"{name}/ng"], name=f"{name}/M3"),
            helper.make_node("Add", [f"{name}/ng", beta], [out], name=f"{name}/Add_3"),
        ]

    nodes = [
        helper.make_node("Unsqueeze", ["gamma", "axes"], ["g"]),
        helper.make_node("Unsqueeze", ["beta", "axes"], ["bt"]),
        *adain("x", "g", "bt", "y", f"{P}/adain1.0"),
        helper.make_node("Mul", ["alpha", "y"], ["ay"], name=f"{P}/Mul"),
        helper.make_node("Sin", ["ay"], ["sn"], name=f"{P}/Sin"),
        helper.make_node("Pow", ["sn", "two"], ["sn2"], name=f"{P}/Pow"),
        helper.make_node("Mul", ["inv_alpha", "sn2"], ["sna"], name=f"{P}/Mul_1"),
        helper.make_node("Add", ["y", "sna"], ["snake"], name=f"{P}/Add"),
        helper.make_node(
            "Conv", ["snake", "w", "b"], ["c"], name=f"{P}/convs1.0/Conv", pads=[1, 1]
        ),
    ]
    out = "c"
    if second_norm:
        nodes += [
            *adain("c", "g", "bt", "y2", "/decoder/decoder/encode/norm1"),
            helper.make_node("LeakyRelu", ["y2"], ["out"], alpha=0.2),
        ]
        out = "out"
    graph = helper.make_graph(
        nodes,
        "adain-snake",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, C, "t"]),
            helper.make_tensor_value_info("gamma", TensorProto.FLOAT, [1, C]),
            helper.make_tensor_value_info("beta", TensorProto.FLOAT, [1, C]),
        ],
        [helper.make_tensor_value_info(out, TensorProto.FLOAT, None)],
        inits,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)], ir_version=8)


def _feed() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(11)
    return {
        "x": rng.normal(0.3, 2.0, (1, C, T)).astype(np.float32),
        "gamma": rng.normal(0, 0.5, (1, C)).astype(np.float32),
        "beta": rng.normal(0, 0.5, (1, C)).astype(np.float32),
    }


def _run(model: onnx.ModelProto, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return [np.asarray(out) for out in session.run(None, feed)]


@pytest.mark.parametrize("fold", [True, False])
def test_fused_norm_and_snake_compute_the_same(fold: bool) -> None:
    model = _adain_snake_model(second_norm=True)

    fused = fuse_norms_and_snakes(model, fold=lambda name: fold)

    np.testing.assert_allclose(_run(model, _feed())[0], _run(fused, _feed())[0], atol=2e-5)


def test_norms_become_instance_norms_and_the_snake_loses_its_pow() -> None:
    ops = Counter(n.op_type for n in fuse_norms_and_snakes(_adain_snake_model()).graph.node)

    assert (1, 0, 0, 1) == (ops["InstanceNormalization"], ops["Pow"], ops["ReduceMean"], ops["Sin"])


def test_folding_moves_the_inverse_alpha_into_the_convolution() -> None:
    model = _adain_snake_model()

    folded = fuse_norms_and_snakes(model, fold=lambda name: True)
    kept = fuse_norms_and_snakes(model, fold=lambda name: False)

    def conv_weight(m: onnx.ModelProto) -> str:
        return next(n for n in m.graph.node if n.op_type == "Conv").input[1]

    muls = [sum(n.op_type == "Mul" for n in m.graph.node) for m in (folded, kept)]
    assert (muls[0] + 1, "w") == (muls[1], conv_weight(kept))
    assert conv_weight(folded) != "w"


def test_the_rewrite_is_deterministic() -> None:
    first = fuse_norms_and_snakes(_adain_snake_model()).SerializeToString()

    assert first == fuse_norms_and_snakes(_adain_snake_model()).SerializeToString()


def test_a_graph_without_instance_norms_is_refused() -> None:
    graph = helper.make_graph(
        [helper.make_node("Neg", ["x"], ["y"])],
        "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])],
    )

    with pytest.raises(ModelError, match="adaptive instance norms"):
        fuse_norms_and_snakes(helper.make_model(graph))


def _durations_model() -> onnx.ModelProto:
    graph = helper.make_graph(
        [
            helper.make_node("Round", ["d"], ["r"], name="/encoder/Round"),
            helper.make_node("Clip", ["r", "lo"], ["c"], name="/encoder/Clip"),
            helper.make_node("Cast", ["c"], ["frames"], to=TensorProto.INT64),
        ],
        "durations",
        [helper.make_tensor_value_info("d", TensorProto.FLOAT, [1, "n"])],
        [helper.make_tensor_value_info("frames", TensorProto.INT64, [1, "n"])],
        [numpy_helper.from_array(np.array(1.0, np.float32), "lo")],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)], ir_version=8)


@pytest.mark.parametrize(
    ("lead", "durations", "expected"),
    [
        (6, [18.2, 3.0, 14.0, 7.0, 8.0], [6, 3, 14, 7, 2]),
        (6, [4.0, 2.0, 1.0], [4, 2, 1]),  # already short: unchanged
        (6, [17.0, 5.0], [6, 2]),  # no tokens between the pads
        (None, [18.2, 3.0, 14.0, 7.0, 8.0], [18, 3, 14, 7, 2]),  # the default: tail only
    ],
)
def test_only_the_pads_durations_are_capped(
    lead: int | None, durations: list[float], expected: list[int]
) -> None:
    capped = cap_edge_durations(_durations_model(), lead=lead, tail=2)

    (frames,) = _run(capped, {"d": np.array([durations], np.float32)})

    assert expected == frames.reshape(-1).tolist()


@pytest.mark.parametrize(("first", "second"), [(None, 6), (6, 10), (6, None), (8, 8)])
def test_capping_again_replaces_the_caps(first: int | None, second: int | None) -> None:
    once = cap_edge_durations(_durations_model(), lead=first, tail=3)

    again = cap_edge_durations(once, lead=second, tail=2)

    fresh = cap_edge_durations(_durations_model(), lead=second, tail=2)
    assert again.SerializeToString() == fresh.SerializeToString()
    (frames,) = _run(again, {"d": np.array([[18.2, 3.0, 14.0, 7.0, 8.0]], np.float32)})
    lead = 18 if second is None else second
    assert [lead, 3, 14, 7, 2] == frames.reshape(-1).tolist()


def test_capping_leaves_the_model_given_alone() -> None:
    model = _durations_model()
    before = model.SerializeToString()

    cap_edge_durations(cap_edge_durations(model, lead=6), lead=4)

    assert before == model.SerializeToString()


def test_a_graph_without_rounded_durations_is_refused() -> None:
    model = _durations_model()
    del model.graph.node[0]

    with pytest.raises(ModelError, match="Round"):
        cap_edge_durations(model)
