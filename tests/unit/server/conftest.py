"""Fixtures for the server's unit tests: a real Synthesizer on fake backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.server_fakes import FakeStore, GatedModel, fake_process, healthy, settings, synthesizer

from litetts_adapters.fastapi import create_app


@pytest.fixture
def model() -> GatedModel:
    return GatedModel()


@pytest.fixture
def store() -> FakeStore:
    return FakeStore(settings())


@pytest.fixture
def client(model: GatedModel, store: FakeStore) -> Iterator[TestClient]:
    app = create_app(
        synthesizer(model), store=store, health_check=healthy, process_stats=fake_process
    )
    with TestClient(app) as test_client:
        yield test_client
