"""Fixtures shared by the integration tests and the audio quality regression test."""

from __future__ import annotations

import pytest

from litetts import AssetStore, Synthesizer


@pytest.fixture(scope="session")
def tts() -> Synthesizer:
    """One real synthesizer for the whole session (raises AssetError if not provisioned)."""
    store = AssetStore()
    store.require_model()
    store.require_voices()
    return Synthesizer.default()
