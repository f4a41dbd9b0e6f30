"""The official ``openai`` client, unchanged, against a live uvicorn on a free port."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator

import openai
import pytest
import soundfile as sf
from tests.live_server import live_server
from tests.server_fakes import fake_process, healthy, settings, synthesizer

from litetts_adapters.fastapi import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[openai.OpenAI]:
    app = create_app(
        synthesizer(), settings=settings(), health_check=healthy, process_stats=fake_process
    )
    with live_server(app) as (url, _):
        yield openai.OpenAI(base_url=f"{url}/v1", api_key="not-needed", max_retries=0)


def test_speech_create_returns_audio(client: openai.OpenAI) -> None:
    response = client.audio.speech.create(
        model="tts-1", voice="coral", input="Hello from the OpenAI client.", response_format="wav"
    )

    samples, rate = sf.read(io.BytesIO(response.content))
    assert 24_000 == rate
    assert len(samples) > 0


def test_with_streaming_response_yields_chunks(client: openai.OpenAI) -> None:
    with client.audio.speech.with_streaming_response.create(
        model="kokoro",
        voice="af_bella",
        input="First sentence here. Second sentence here. Third sentence here.",
        response_format="pcm",
        speed=1.25,
    ) as response:
        chunks = list(response.iter_bytes(chunk_size=None))  # type: ignore[arg-type]

    assert "audio/pcm" == response.headers["content-type"]
    assert sum(map(len, chunks)) % 2 == 0
    assert sum(map(len, chunks)) > 0


def test_bad_voice_is_a_bad_request_error_naming_the_field(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.audio.speech.create(model="tts-1", voice="af_bela", input="Hi.")  # type: ignore[arg-type]

    assert "af_bella" in caught.value.message
    assert "voice" == caught.value.param  # type: ignore[attr-defined]


def test_models_list(client: openai.OpenAI) -> None:
    assert {"kokoro", "tts-1", "tts-1-hd"} == {m.id for m in client.models.list()}


def test_sse_stream_parses_as_openai_speech_events(client: openai.OpenAI) -> None:
    text = "First sentence here. Second sentence here. Third sentence here."
    with client.audio.speech.with_streaming_response.create(
        model="tts-1",
        voice="coral",
        input=text,
        response_format="pcm",
        stream_format="sse",
        instructions="Speak in a cheerful tone.",  # accepted, and ignored
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        # The client's own server-sent-events reader, as it reads every OpenAI stream.
        events = list(openai.Stream(cast_to=object, response=response.http_response, client=client))
    plain = client.audio.speech.create(
        model="tts-1", voice="coral", input=text, response_format="pcm"
    ).content

    *deltas, done = events
    assert len(deltas) > 1
    assert {"speech.audio.delta"} == {event["type"] for event in deltas}
    assert plain == b"".join(base64.b64decode(event["audio"]) for event in deltas)
    assert {"type": "speech.audio.done", "usage": {"input_tokens": len(text),
            "output_tokens": 0, "total_tokens": len(text)}} == done  # fmt: skip
