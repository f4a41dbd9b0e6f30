"""``POST /v1/audio/speech`` with a fake synthesizer: formats, streaming and one-shot."""

from __future__ import annotations

import base64
import io
import json
import struct

import av
import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from litetts_adapters.fastapi.encoders import STREAM_FORMATS


def speech(client: TestClient, **fields: object) -> tuple[int, bytes, dict[str, str]]:
    body = {"model": "tts-1", "input": "Hello there. How are you?", "voice": "af_heart"}
    body.update(fields)
    response = client.post("/v1/audio/speech", json=body)
    return response.status_code, response.content, dict(response.headers)


def decoded_seconds(data: bytes, fmt: str) -> float:
    if fmt == "pcm":
        return len(data) / 2 / 24_000
    with av.open(io.BytesIO(data)) as container:
        samples = sum(frame.samples for frame in container.decode(audio=0))
        rate = container.streams.audio[0].rate
    return samples / rate


@pytest.mark.parametrize("fmt", STREAM_FORMATS)
@pytest.mark.parametrize("stream", [True, False])
def test_every_format_decodes_to_the_spoken_length(
    client: TestClient, fmt: str, stream: bool
) -> None:
    status, data, headers = speech(client, response_format=fmt, stream=stream)
    reference = speech(client, response_format="pcm", stream=stream)[1]

    assert 200 == status
    assert headers["content-type"].startswith("audio/")
    expected = len(reference) / 2 / 24_000
    assert decoded_seconds(data, fmt) == pytest.approx(expected, abs=0.15)


def test_streamed_wav_has_unknown_sizes_and_pcm_samples(client: TestClient) -> None:
    _, data, _ = speech(client, response_format="wav")
    streamed_pcm = speech(client, response_format="pcm")[1]

    assert (b"RIFF", 0xFFFFFFFF, b"WAVE") == (
        data[:4],
        struct.unpack("<I", data[4:8])[0],
        data[8:12],
    )
    assert 0xFFFFFFFF == struct.unpack("<I", data[40:44])[0]
    assert streamed_pcm == data[44:]


def test_streamed_wav_is_readable_by_libsndfile(client: TestClient) -> None:
    _, data, _ = speech(client, response_format="wav")

    samples, rate = sf.read(io.BytesIO(data), dtype="float32")

    assert 24_000 == rate
    assert 0.1 < float(np.abs(samples).max())


def test_default_format_is_mp3(client: TestClient) -> None:
    response = client.post("/v1/audio/speech", json={"input": "Hi there.", "voice": "af_heart"})

    assert "audio/mpeg" == response.headers["content-type"]


def test_openai_voice_names_and_blends_are_accepted(client: TestClient) -> None:
    assert 200 == speech(client, voice="coral", response_format="pcm")[0]
    assert 200 == speech(client, voice="af_bella(2)+af_sarah(1)", response_format="pcm")[0]


def test_speed_changes_the_length(client: TestClient) -> None:
    slow = speech(client, speed=0.5, response_format="pcm")[1]
    fast = speech(client, speed=2.0, response_format="pcm")[1]

    assert len(slow) > 2 * len(fast)


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    _, _, headers = speech(client, response_format="pcm")

    assert 16 == len(headers["x-request-id"])


def test_a_client_request_id_is_echoed(client: TestClient) -> None:
    response = client.get("/health", headers={"x-request-id": "abc-123"})

    assert "abc-123" == response.headers["x-request-id"]


def sse_events(body: bytes) -> list[dict[str, object]]:
    """The JSON of each ``data:`` event of a server-sent event stream."""
    events = []
    for block in body.decode().split("\n\n"):
        if block:
            assert block.startswith("data: ")
            events.append(json.loads(block.removeprefix("data: ")))
    return events


@pytest.mark.parametrize("fmt", ["mp3", "wav"])
@pytest.mark.parametrize("stream", [True, False])
def test_sse_carries_the_same_audio_as_the_audio_stream(
    client: TestClient, fmt: str, stream: bool
) -> None:
    body = {"input": "One sentence. And another one.", "response_format": fmt}
    plain = client.post("/v1/audio/speech", json=body).content
    response = client.post(
        "/v1/audio/speech", json={**body, "stream_format": "sse", "stream": stream}
    )

    *deltas, done = sse_events(response.content)
    assert "text/event-stream" == response.headers["content-type"].split(";")[0]
    assert "speech.audio.done" == done["type"]
    assert plain == b"".join(base64.b64decode(str(d["audio"])) for d in deltas)
