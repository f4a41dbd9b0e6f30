"""Every bad request gets a 4xx in OpenAI's error shape naming the field; never a traceback."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.server_fakes import FakeStore, fake_process, healthy, settings, synthesizer

from litetts_adapters.fastapi import create_app

GOOD = {"model": "tts-1", "input": "Hello.", "voice": "af_heart", "response_format": "pcm"}


def error_of(response: object) -> dict[str, object]:
    body = response.json()  # type: ignore[attr-defined]
    assert {"error"} == set(body)
    assert {"message", "type", "param", "code"} == set(body["error"])
    return body["error"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"input": ""}, "input"),
        ({"input": "   "}, "input"),
        ({"input": None}, "input"),
        ({"input": 42}, "input"),
        ({"voice": "af_bela"}, "voice"),
        ({"voice": ""}, "voice"),
        ({"response_format": ""}, "response_format"),
        ({"voice": "af_heart+nobody"}, "voice"),
        ({"response_format": "ogg"}, "response_format"),
        ({"speed": 0.1}, "speed"),
        ({"speed": 4.5}, "speed"),
        ({"speed": "fast"}, "speed"),
        ({"speed": True}, "speed"),
        ({"model": "gpt-4"}, "model"),
        ({"stream": "yes"}, "stream"),
        ({"stream_format": "events"}, "stream_format"),
        ({"stream_format": 1}, "stream_format"),
        ({"instructions": 3}, "instructions"),
    ],
)
def test_bad_field_is_a_400_naming_it(
    client: TestClient, change: dict[str, object], param: str
) -> None:
    response = client.post("/v1/audio/speech", json={**GOOD, **change})

    assert 400 == response.status_code
    error = error_of(response)
    assert param == error["param"]
    assert "invalid_request_error" == error["type"]


def test_unknown_voice_lists_close_matches(client: TestClient) -> None:
    response = client.post("/v1/audio/speech", json={**GOOD, "voice": "af_bela"})

    assert "af_bella" in str(error_of(response)["message"])


def test_input_over_the_configured_maximum_is_a_400(client: TestClient, store: FakeStore) -> None:
    store.config = settings(max_input_chars=10)

    response = client.post("/v1/audio/speech", json={**GOOD, "input": "x" * 11})

    error = error_of(response)
    assert (400, "input", "input_too_long") == (response.status_code, error["param"], error["code"])


def test_malformed_json_is_a_400(client: TestClient) -> None:
    response = client.post(
        "/v1/audio/speech", content=b'{"input": "hi",', headers={"content-type": "application/json"}
    )

    assert (400, "invalid_json") == (response.status_code, error_of(response)["code"])


def test_json_that_is_not_an_object_is_a_400(client: TestClient) -> None:
    response = client.post("/v1/audio/speech", json=["hello"])

    assert 400 == response.status_code


def test_wrong_content_type_is_a_415(client: TestClient) -> None:
    response = client.post(
        "/v1/audio/speech", content=b"input=hello", headers={"content-type": "text/plain"}
    )

    assert (415, "unsupported_media_type") == (response.status_code, error_of(response)["code"])


def test_body_over_the_size_limit_is_a_413(client: TestClient, store: FakeStore) -> None:
    store.config = settings(max_body_bytes=100)

    response = client.post("/v1/audio/speech", json={**GOOD, "input": "word " * 50})

    assert (413, "request_too_large") == (response.status_code, error_of(response)["code"])


def test_chunked_body_over_the_size_limit_is_a_413(client: TestClient, store: FakeStore) -> None:
    store.config = settings(max_body_bytes=100)

    def chunks():  # no Content-Length: the limit is counted as the body arrives
        yield b'{"input": "'
        yield b"x" * 200
        yield b'"}'

    response = client.post(
        "/v1/audio/speech", content=chunks(), headers={"content-type": "application/json"}
    )

    assert 413 == response.status_code


def test_unknown_path_is_a_404_in_openai_shape(client: TestClient) -> None:
    response = client.get("/v1/nothing")

    assert (404, "not_found") == (response.status_code, error_of(response)["code"])


def test_api_keys_require_a_bearer_token(client: TestClient, store: FakeStore) -> None:
    store.config = settings(api_keys=("secret-1", "secret-2"))

    missing = client.post("/v1/audio/speech", json=GOOD)
    wrong = client.post("/v1/audio/speech", json=GOOD, headers={"authorization": "Bearer nope"})
    right = client.post("/v1/audio/speech", json=GOOD, headers={"authorization": "Bearer secret-2"})

    assert (401, 401, 200) == (missing.status_code, wrong.status_code, right.status_code)
    assert "invalid_api_key" == error_of(missing)["code"]
    assert "Bearer" == missing.headers["www-authenticate"]


def test_api_keys_protect_models_and_voices_but_not_health(
    client: TestClient, store: FakeStore
) -> None:
    store.config = settings(api_keys=("k",))

    codes = [client.get(path).status_code for path in ("/v1/models", "/v1/audio/voices", "/health")]

    assert [401, 401, 200] == codes


def test_cors_origins_come_from_the_settings_now(client: TestClient, store: FakeStore) -> None:
    preflight = {
        "origin": "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
    }
    before = client.options("/v1/audio/speech", headers=preflight)
    store.config = settings(cors_origins=("https://app.example",))
    after = client.options("/v1/audio/speech", headers=preflight)

    assert "access-control-allow-origin" not in before.headers
    assert "https://app.example" == after.headers["access-control-allow-origin"]


def test_a_failing_model_is_a_500_with_the_request_id_and_no_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Broken:
        def infer(self, *args: object) -> object:
            raise RuntimeError("secret internal detail")

    app = create_app(
        synthesizer(Broken()),  # type: ignore[arg-type]
        settings=settings(),
        health_check=healthy,
        process_stats=fake_process,
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        for stream in (True, False):
            response = client.post("/v1/audio/speech", json={**GOOD, "stream": stream})

            rid = response.headers["x-request-id"]
            error = error_of(response)
            assert 500 == response.status_code
            assert "server_error" == error["type"]
            assert rid in str(error["message"])
            assert "secret internal detail" not in response.text
            assert "Traceback" not in response.text
            assert any(rid in record.getMessage() for record in caplog.records)


def test_unexpected_exception_in_a_route_is_a_json_500(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(
        synthesizer(), settings=settings(), health_check=healthy, process_stats=fake_process
    )

    @app.get("/boom")
    async def boom() -> None:
        raise ZeroDivisionError("hidden")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")

    assert 500 == response.status_code
    assert "internal_error" == error_of(response)["code"]
    assert "hidden" not in response.text
    assert response.headers["x-request-id"] in caplog.text
