"""Preparing, caching, reusing and falling back, on the tiny Kokoro-shaped model."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest

from litetts import InvalidInputError
from litetts.config import ModelSettings
from litetts.kokoro.variants import (
    DEFAULT_VARIANT,
    VARIANTS,
    SpectralDistance,
    VariantCache,
    load_variant,
)
from litetts.kokoro.variants import prepare as prepare_module
from litetts.kokoro.variants import rewrite as rewrite_module
from litetts.kokoro.variants.prepare import FeedSource


def _ops(path: Path) -> Counter[str]:
    return Counter(node.op_type for node in onnx.load(str(path)).graph.node)


def _cache(model: Path) -> VariantCache:
    return VariantCache(model, model.parent / "variants")


def test_the_cache_key_holds_variant_source_digest_and_onnxruntime(tiny_int8: Path) -> None:
    cache = _cache(tiny_int8)

    name = cache.path("float").name

    assert name == (
        f"kokoro-float-{cache.source_sha256[:16]}-ort{ort.__version__}-r{prepare_module.RECIPE}.onnx"
    )


def test_float_variant_is_written_with_float_convolutions(
    tiny_int8: Path, feeds: FeedSource
) -> None:
    prepared = _cache(tiny_int8).prepare("float", feeds)

    assert ("float", 3, 0) == (
        prepared.variant,
        _ops(prepared.path)["Conv"],
        _ops(prepared.path)["ConvInteger"],
    )


def test_a_prepared_variant_is_stamped_with_its_digest(tiny_int8: Path, feeds: FeedSource) -> None:
    cache = _cache(tiny_int8)
    prepared = cache.prepare("float", feeds)
    stamp = json.loads(prepared.path.with_name(prepared.path.name + ".json").read_text())

    from litetts.assets.packages import sha256_file

    assert (sha256_file(prepared.path), cache.source_sha256, ort.__version__) == (
        stamp["sha256"],
        stamp["source_sha256"],
        stamp["onnxruntime"],
    )


def test_the_check_against_the_original_is_reported(tiny_int8: Path, feeds: FeedSource) -> None:
    prepared = _cache(tiny_int8).prepare("float", feeds)

    assert prepared.check is not None
    assert prepared.check.correlation > 0.99


def test_preparation_is_deterministic(tiny_int8: Path, feeds: FeedSource, tmp_path: Path) -> None:
    first = VariantCache(tiny_int8, tmp_path / "a").prepare("float", feeds)
    second = VariantCache(tiny_int8, tmp_path / "b").prepare("float", feeds)

    assert first.path.read_bytes() == second.path.read_bytes()


def test_a_second_prepare_reuses_the_cached_file(
    tiny_int8: Path, feeds: FeedSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _cache(tiny_int8).prepare("float", feeds)
    mtime = first.path.stat().st_mtime_ns

    def refuse(_: object) -> object:
        raise AssertionError("the rewrite ran again")

    monkeypatch.setattr(rewrite_module, "dequantize_convolutions", refuse)
    second = _cache(tiny_int8).prepare("float", feeds)

    assert (first.path, mtime, None) == (second.path, second.path.stat().st_mtime_ns, second.check)


def test_a_touched_file_with_the_same_content_is_reused(tiny_int8: Path, feeds: FeedSource) -> None:
    first = _cache(tiny_int8).prepare("float", feeds)
    os.utime(first.path, ns=(1, 1))

    again = _cache(tiny_int8).prepare("float", feeds)

    assert (None, 1) == (again.check, again.path.stat().st_mtime_ns)


def test_a_corrupted_file_is_prepared_again(tiny_int8: Path, feeds: FeedSource) -> None:
    first = _cache(tiny_int8).prepare("float", feeds)
    data = bytearray(first.path.read_bytes())
    data[-1] ^= 0xFF
    first.path.write_bytes(bytes(data))

    again = _cache(tiny_int8).prepare("float", feeds)

    assert again.check is not None
    assert again.path.read_bytes() != bytes(data)


def test_a_changed_source_gets_its_own_cache_entry(tiny_int8: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.onnx"
    other.write_bytes(tiny_int8.read_bytes() + b"\0")

    assert _cache(tiny_int8).path("float") != VariantCache(
        other, tiny_int8.parent / "variants"
    ).path("float")


def test_static_int8_variant_has_quantized_convolutions(tiny_int8: Path, feeds: FeedSource) -> None:
    prepared = _cache(tiny_int8).prepare("int8-static", feeds)

    assert ("int8-static", 0) == (prepared.variant, _ops(prepared.path)["ConvInteger"])
    assert _ops(prepared.path)["QLinearConv"] >= 1


def test_original_is_the_source_itself(tiny_int8: Path, feeds: FeedSource) -> None:
    prepared = _cache(tiny_int8).prepare("original", feeds)

    assert (tiny_int8, "original", False) == (prepared.path, prepared.variant, prepared.fell_back)


def test_an_unknown_variant_is_an_invalid_input(tiny_int8: Path, feeds: FeedSource) -> None:
    with pytest.raises(InvalidInputError, match="float"):
        _cache(tiny_int8).prepare("fp4", feeds)


def test_falls_back_to_the_original_without_onnx(
    tiny_int8: Path,
    feeds: FeedSource,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setitem(sys.modules, "onnx", None)

    with caplog.at_level(logging.WARNING):
        prepared = _cache(tiny_int8).prepare("float", feeds)

    assert (tiny_int8, "original", True) == (prepared.path, prepared.variant, prepared.fell_back)
    assert "litetts[optimize]" in prepared.reason
    assert "using the original model" in caplog.text


def test_falls_back_when_the_graph_is_not_the_kokoro_export(
    tiny_models: tuple[Path, Path], feeds: FeedSource
) -> None:
    floating = tiny_models[0]

    prepared = VariantCache(floating, floating.parent / "v").prepare("float", feeds)

    assert ("original", True) == (prepared.variant, "ConvInteger" in prepared.reason)


def test_falls_back_when_the_variant_strays_from_the_original(
    tiny_int8: Path, feeds: FeedSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        prepare_module, "spectral_distance", lambda *_: SpectralDistance(0.5, 20.0, 1.0)
    )

    prepared = _cache(tiny_int8).prepare("float", feeds)

    assert ("original", False) == (prepared.variant, _cache(tiny_int8).cached("float"))
    assert "strays" in prepared.reason


def test_falls_back_when_the_cache_folder_cannot_be_written(
    tiny_int8: Path, feeds: FeedSource, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")

    prepared = VariantCache(tiny_int8, blocker / "variants").prepare("float", feeds)

    assert "original" == prepared.variant


def test_no_temporary_file_is_left_after_a_failure(
    tiny_int8: Path, feeds: FeedSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        prepare_module, "spectral_distance", lambda *_: SpectralDistance(0.5, 20.0, 1.0)
    )

    _cache(tiny_int8).prepare("float", feeds)

    assert [] == list((tiny_int8.parent / "variants").iterdir())


def test_load_variant_runs_the_prepared_file(tiny_int8: Path, feeds: FeedSource) -> None:
    model = load_variant(tiny_int8, "float", feeds, threads=1)

    audio = model.infer([5, 6, 7], np.zeros(256, dtype=np.float32), 1.0)

    assert ("float", 5 * 64) == (model.variant, audio.size)  # 3 tokens + 2 pads, tiled 64x


def test_load_variant_falls_back_when_the_prepared_file_will_not_load(
    tiny_int8: Path,
    feeds: FeedSource,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    prepared = _cache(tiny_int8).prepare("float", feeds)
    size = prepared.path.stat().st_size
    prepared.path.write_bytes(b"\0" * size)  # same size, new mtime, wrong digest -> re-prepared
    monkeypatch.setattr(prepare_module.VariantCache, "_stamp_matches", lambda *_: True)

    with caplog.at_level(logging.WARNING):
        model = load_variant(tiny_int8, "float", feeds, threads=1)

    assert "original" == model.variant
    assert "failed to load" in caplog.text


def test_settings_accept_each_variant_and_default_to_the_chosen_one() -> None:
    assert [*VARIANTS, DEFAULT_VARIANT] == [
        *(ModelSettings(variant=v).variant for v in VARIANTS),
        ModelSettings().variant,
    ]


def test_settings_refuse_an_unknown_variant() -> None:
    with pytest.raises(ValueError, match="variant"):
        ModelSettings(variant="fp4")


def test_the_quantizers_root_warnings_do_not_reach_the_users_log(
    tiny_int8: Path, feeds: FeedSource, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        _cache(tiny_int8).prepare("int8-static", feeds)

    assert [] == [r.getMessage() for r in caplog.records if r.name == "root"]


def test_an_interrupted_preparation_leaves_nothing_behind_next_time(
    tiny_int8: Path, feeds: FeedSource
) -> None:
    cache = _cache(tiny_int8)
    cache.folder.mkdir()
    leftover = cache.folder / f".{cache.path('float').name}.abc123.onnx"
    leftover.write_bytes(b"partial")
    os.utime(leftover, (1, 1))

    cache.prepare("float", feeds)

    assert not leftover.exists()


def test_a_flipped_byte_with_its_mtime_put_back_is_prepared_again(
    tiny_int8: Path, feeds: FeedSource
) -> None:
    first = _cache(tiny_int8).prepare("float", feeds)
    good = first.path.read_bytes()
    info = first.path.stat()
    rotted = bytearray(good)
    rotted[len(rotted) // 2] ^= 0xFF
    first.path.write_bytes(bytes(rotted))
    os.utime(first.path, ns=(info.st_atime_ns, info.st_mtime_ns))

    again = _cache(tiny_int8).prepare("float", feeds)

    assert again.check is not None  # prepared and checked afresh, not reused
    assert good == again.path.read_bytes()


def test_a_new_recipe_removes_the_file_it_supersedes(
    tiny_int8: Path, feeds: FeedSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _cache(tiny_int8)
    old = cache.prepare("float", feeds).path
    kept = cache.prepare("int8-static", feeds).path

    monkeypatch.setattr(prepare_module, "RECIPE", prepare_module.RECIPE + 1)
    new = cache.prepare("float", feeds).path

    remaining = sorted(p.name for p in cache.folder.iterdir())
    assert old != new
    assert remaining == sorted(p.name + s for p in (new, kept) for s in ("", ".json"))
