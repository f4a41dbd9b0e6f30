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
