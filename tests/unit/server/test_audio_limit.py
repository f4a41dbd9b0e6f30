"""Issue 17, defect 1: a request that would make too much audio is a 400 before any work."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.server_fakes import FakeStore, GatedModel, settings

# The issue sent voice "alloy"; the fake voice bank has af_heart only.
ZEROS = {"input": "0" * 300, "speed": 0.25, "response_format": "pcm", "voice": "af_heart"}


@pytest.mark.parametrize("stream", [True, False])
def test_the_300_zero_request_is_refused_with_the_limit_named(
    client: TestClient, model: GatedModel, stream: bool
) -> None:
    response = client.post("/v1/audio/speech", json={**ZEROS, "stream": stream})

    assert 400 == response.status_code
    error = response.json()["error"]
    assert "input" == error["param"]
    assert "audio_too_long" == error["code"]
    assert "server.max_audio_seconds" in error["message"]
    assert "600 s" in error["message"]
    assert [] == model.calls


def test_the_limit_follows_the_settings(
    client: TestClient, store: FakeStore, model: GatedModel
) -> None:
    body = {"input": "A sentence to speak, once or twice.", "response_format": "pcm"}
    assert 200 == client.post("/v1/audio/speech", json=body).status_code

    store.config = settings(max_audio_seconds=2)
    refused = client.post("/v1/audio/speech", json=body)

    assert 400 == refused.status_code
    assert "2 s (server.max_audio_seconds)" in refused.json()["error"]["message"]


def test_the_same_request_at_normal_speed_is_spoken(client: TestClient) -> None:
    response = client.post("/v1/audio/speech", json={**ZEROS, "input": "0" * 30, "speed": 1.0})

    assert 200 == response.status_code
    assert response.content
