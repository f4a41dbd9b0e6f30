"""Fixtures for the config tests: a real temporary config folder, stores closed after use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from litetts.config import ConfigStore


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "config"
    directory.mkdir()
    return directory


@pytest.fixture
def load(config_dir: Path) -> Iterator[Callable[..., ConfigStore]]:
    """`ConfigStore.load` on `config_dir` with an empty environment; closed after the test."""
    stores: list[ConfigStore] = []

    def loader(**kwargs: object) -> ConfigStore:
        kwargs.setdefault("env", {})
        store = ConfigStore.load(config_dir, **kwargs)  # type: ignore[arg-type]
        stores.append(store)
        return store

    yield loader
    for store in stores:
        store.close()
