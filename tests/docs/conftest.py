"""Shared set-up of the documentation tests: one real synthesizer.

The tests that run the real model (code blocks, notebooks, example scripts) carry the
``integration`` marker; the others (strict site build, page/code sync, docstrings,
stripped notebooks) need no model.
"""

from __future__ import annotations

import pytest

from litetts import AssetStore, Synthesizer


@pytest.fixture(scope="session")
def docs_tts() -> Synthesizer:
    """One real synthesizer for the docs' code blocks (AssetError if not provisioned)."""
    store = AssetStore()
    store.require_model()
    store.require_voices()
    return Synthesizer.default()
