"""The server shares the cores among its synthesis workers (one session, N requests)."""

from __future__ import annotations

import pytest

from litetts import Assembly
from litetts.config import ModelSettings, ServerSettings, Settings
from litetts_adapters.fastapi import app as app_module


def test_the_server_builds_its_synthesizer_for_its_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[int] = []
    monkeypatch.setattr(Assembly, "synthesizer", lambda self: built.append(self.workers))

    app_module._load_default(Settings(server=ServerSettings(worker_threads=3)))

    assert [3] == built


def test_the_assembly_plan_gives_each_worker_its_share() -> None:
    alone = Assembly(Settings()).session_plan()
    shared = Assembly(Settings(), workers=2).session_plan()

    assert alone is not None
    assert shared is not None
    assert max(1, alone.intra_op_threads // 2) == shared.intra_op_threads


def test_asked_threads_are_not_shared_out() -> None:
    plan = Assembly(Settings(model=ModelSettings(threads=2)), workers=2).session_plan()

    assert plan is not None
    assert 2 == plan.intra_op_threads
