"""Integration tests run the real Kokoro model; `make test` provisions it first."""

from __future__ import annotations

import pytest

from litetts import AssetStore, Synthesizer


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/integration" in str(item.path):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def tts() -> Synthesizer:
    """One real synthesizer for the whole session (raises AssetError if not provisioned)."""
    store = AssetStore()
    store.require_model()
    store.require_voices()
    return Synthesizer.default()
