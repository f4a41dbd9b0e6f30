"""A malformed body is a 400 in OpenAI's error shape, never a 500 (issue 17)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

JSON = {"content-type": "application/json"}


def post(client: TestClient, body: bytes) -> tuple[int, dict[str, object]]:
    response = client.post("/v1/audio/speech", content=body, headers=JSON)
    error: dict[str, object] = response.json()["error"]
    return response.status_code, error


@pytest.mark.parametrize(
    ("body", "param"),
    [
        (b"[" * 100_000 + b"]" * 100_000, None),
        (b'{"input": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "input"),
        (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "a"),
        (b'{"input": "hi", "speed": ' + b"1" * 5_000 + b"}", "speed"),
        (b'{"input": "hi", "speed": -' + b"9" * 5_000 + b"}", "speed"),
        (b'{"input": "hi", "speed": 1' + b"0" * 5_000 + b".5}", "speed"),
        (b'{"input": "caf\xc3\xa9 \xff\xfe", "voice": "af_heart"}', "input"),
        (b'{"input": "hi", "voice": "af\x80"}', "voice"),
        (b'{"input": "hi", "voice": }', "voice"),
        (b'{"input": "hi",', None),
        (b'{"input": [' + b"1," * 200_000, None),
    ],
    ids=[
        "100k-deep-list",
        "100k-deep-field",
        "50k-nested-objects",
        "5000-digit-int",
        "5000-digit-negative",
        "5000-digit-float",
        "invalid-utf8-in-input",
        "invalid-utf8-in-voice",
        "syntax-error-in-field",
        "truncated",
        "too-long-to-locate",
    ],
)
def test_malformed_body_is_a_400_naming_the_field(
    client: TestClient, body: bytes, param: str | None
) -> None:
    status, error = post(client, body)

    assert (400, param) == (status, error["param"])
    assert error["code"] in {"invalid_json", "invalid_value", "invalid_type"}


def test_lone_surrogate_in_input_is_rejected_before_synthesis(client: TestClient) -> None:
    status, error = post(client, b'{"input": "hello \\ud800 world", "response_format": "pcm"}')

    assert (400, "input", "invalid_value") == (status, error["param"], error["code"])
    assert "surrogate" in str(error["message"])


def test_lone_surrogate_in_voice_names_voice(client: TestClient) -> None:
    status, error = post(client, b'{"input": "hello", "voice": "af_\\udfff"}')

    assert (400, "voice") == (status, error["param"])


def test_long_number_in_an_unused_field_is_ignored(client: TestClient) -> None:
    body = b'{"input": "Hi.", "response_format": "pcm", "extra": ' + b"7" * 5_000 + b"}"

    response = client.post("/v1/audio/speech", content=body, headers=JSON)

    assert 200 == response.status_code
