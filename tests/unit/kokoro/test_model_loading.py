"""`KokoroModel`: the session options litetts chooses and the heap given back."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.unit.kokoro.conftest import tiny_feed

from litetts.kokoro import model as model_module
from litetts.kokoro.model import KokoroModel


def test_loading_gives_the_parsed_model_back_to_the_system(
    tiny_int8: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released: list[bool] = []
    monkeypatch.setattr(model_module, "release_free_heap", lambda: released.append(True))

    KokoroModel.from_path(tiny_int8, threads=1)

    assert [True] == released


def test_default_options_keep_the_arena_and_turn_memory_patterns_off(tiny_int8: Path) -> None:
    options = KokoroModel.from_path(tiny_int8, threads=1).session.get_session_options()

    assert (True, False) == (options.enable_cpu_mem_arena, options.enable_mem_pattern)


def test_each_inference_gives_freed_memory_back(
    tiny_int8: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = KokoroModel.from_path(tiny_int8, threads=1)
    released: list[bool] = []
    monkeypatch.setattr(model_module, "release_free_heap", lambda: released.append(True))
    feed = tiny_feed()
    tokens = [int(t) for t in feed["tokens"][0, 1:-1]]

    model.infer(tokens, feed["style"][0], 1.0)
    model.infer(tokens, feed["style"][0], 1.0)

    assert [True, True] == released


def test_a_large_call_shrinks_the_arena_and_a_small_one_keeps_it(
    tiny_int8: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = KokoroModel.from_path(tiny_int8, threads=1)
    seen: list[object] = []
    run = model.session.run

    def recording(outputs: object, feed: object, options: object = None) -> object:
        seen.append(options)
        return run(outputs, feed, options)  # type: ignore[arg-type]

    monkeypatch.setattr(model.session, "run", recording)
    feed = tiny_feed()
    tokens = [int(t) for t in feed["tokens"][0, 1:-1]]  # 12 tokens

    model.infer(tokens, feed["style"][0], 1.0)
    monkeypatch.setattr(model_module, "SHRINK_ABOVE_TOKENS", 40)
    model.infer(tokens, feed["style"][0], 0.25)  # 12 / 0.25 = 48 tokens' worth

    assert None is seen[0]
    assert "cpu:0" == seen[1].get_run_config_entry("memory.enable_memory_arena_shrinkage")  # type: ignore[attr-defined]
