"""Shared set-up of the documentation tests: one real synthesizer.

The tests that run the real model (code blocks, notebooks, example scripts) carry the
``integration`` marker; the others (strict site build, page/code sync, docstrings,
stripped notebooks) need no model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from litetts import AssetStore, Synthesizer


@pytest.fixture(scope="session")
def docs_tts() -> Synthesizer:
    """One real synthesizer for the docs' code blocks (AssetError if not provisioned)."""
    store = AssetStore()
    store.require_model()
    store.require_voices()
    return Synthesizer.default()


@pytest.fixture
def shared_tts(
    docs_tts: Synthesizer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Synthesizer:
    """`docs_tts`, also returned by a plain ``Synthesizer.default()`` (so examples do not
    load a model each), with the working directory in a temporary folder for their files."""
    real_default = Synthesizer.default

    def shared_default(**kwargs: object) -> Synthesizer:
        return docs_tts if not kwargs else real_default(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Synthesizer, "default", shared_default)
    monkeypatch.chdir(tmp_path)
    return docs_tts
