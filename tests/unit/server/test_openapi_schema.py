"""The served OpenAPI schema describes what the routes really do (issue 17, item 7)."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient

from litetts_adapters.fastapi.encoders import MEDIA_TYPES, STREAM_FORMATS
from litetts_adapters.fastapi.openapi import SpeechBody
from litetts_adapters.fastapi.requests import MODELS


@pytest.fixture
def spec(client: TestClient) -> dict[str, Any]:
    spec: dict[str, Any] = client.app.openapi()  # type: ignore[attr-defined]
    return spec


def speech(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/v1/audio/speech"]["post"]
    return operation


def test_speech_declares_its_json_request_body(spec: dict[str, Any]) -> None:
    body = speech(spec)["requestBody"]
    schema = body["content"]["application/json"]["schema"]

    assert body["required"]
    assert ["input"] == schema["required"]
    assert list(STREAM_FORMATS) == schema["properties"]["response_format"]["enum"]
    assert (0.25, 4.0) == (
        schema["properties"]["speed"]["minimum"],
        schema["properties"]["speed"]["maximum"],
    )


def test_speech_200_is_audio_in_every_format_or_server_sent_events(spec: dict[str, Any]) -> None:
    content = speech(spec)["responses"]["200"]["content"]

    assert sorted({*MEDIA_TYPES.values(), "text/event-stream"}) == sorted(content)
    assert "application/json" not in content


def test_speech_declares_its_error_statuses_as_openai_json(spec: dict[str, Any]) -> None:
    responses = speech(spec)["responses"]
    errors = {status for status in responses if status != "200"}

    assert {"400", "401", "413", "415", "500", "503"} == errors
    for status in errors:
        schema = responses[status]["content"]["application/json"]["schema"]
        assert ["message", "type", "param", "code"] == schema["properties"]["error"]["required"]


def test_metrics_is_plain_text(spec: dict[str, Any]) -> None:
    content = spec["paths"]["/metrics"]["get"]["responses"]["200"]["content"]

    assert ["text/plain"] == list(content)


def test_request_model_matches_what_the_parser_accepts() -> None:
    fields = SpeechBody.model_fields

    assert MODELS == get_args(fields["model"].annotation)
    assert STREAM_FORMATS == get_args(fields["response_format"].annotation)


def test_served_schema_is_the_apps(client: TestClient, spec: dict[str, Any]) -> None:
    assert spec == client.get("/openapi.json").json()
