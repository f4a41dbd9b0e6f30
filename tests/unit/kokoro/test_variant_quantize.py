"""Static quantization's calibration choices (`quantize_convolutions`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from tests.unit.kokoro.conftest import tiny_feed

from litetts.kokoro.model import Feed
from litetts.kokoro.variants.prepare import FeedSource
from litetts.kokoro.variants.quantize import quantize_convolutions


def _quantized(floating: Path, output: Path, feeds: FeedSource, **kwargs: float | None) -> Path:
    quantize_convolutions(floating, output, feeds(), keep_float=(), **kwargs)
    return output


def _run(path: Path, feed: Feed) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return np.asarray(session.run(None, dict(feed))[0])


def test_percentile_calibration_takes_feeds_of_different_lengths(
    tiny_models: tuple[Path, Path], tmp_path: Path, feeds: FeedSource
) -> None:
    path = _quantized(tiny_models[0], tmp_path / "p.onnx", feeds, percentile=99.9)

    ops = [node.op_type for node in onnx.load(str(path)).graph.node]

    assert (3, 0) == (ops.count("QLinearConv"), ops.count("Conv"))


def test_percentile_ranges_are_not_the_minmax_ones(
    tiny_models: tuple[Path, Path], tmp_path: Path, feeds: FeedSource
) -> None:
    feed = tiny_feed(40, 9)
    minmax = _run(_quantized(tiny_models[0], tmp_path / "m.onnx", feeds, percentile=None), feed)
    clipped = _run(_quantized(tiny_models[0], tmp_path / "p.onnx", feeds, percentile=90.0), feed)

    assert not np.array_equal(minmax, clipped)


def test_percentile_calibration_prints_nothing(
    tiny_models: tuple[Path, Path],
    tmp_path: Path,
    feeds: FeedSource,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _quantized(tiny_models[0], tmp_path / "p.onnx", feeds)

    assert capsys.readouterr().out == ""
