"""Fixtures for the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from litetts import AssetStore, Synthesizer


@pytest.fixture(autouse=True)
def _isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep the developer's settings files and ``LITETTS_*__*`` variables out of every test,
    and fetching too: a test that reaches a missing asset fails at once instead of
    downloading it (tests of the first-use fetch pass a fake registry and ``offline=False``)."""
    directory = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("LITETTS_CONFIG_DIR", str(directory))
    monkeypatch.setenv("LITETTS_OFFLINE", "1")
    for name in os.environ:
        if name.upper().startswith("LITETTS_") and "__" in name:
            monkeypatch.delenv(name)
    return directory


@pytest.fixture(scope="session")
def tts() -> Synthesizer:
    """One real synthesizer for the whole session (raises AssetError if not provisioned)."""
    store = AssetStore(offline=True)
    store.require_model()
    store.require_voices()
    return Synthesizer.default()
