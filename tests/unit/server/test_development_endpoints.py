"""Kokoro-FastAPI's /dev endpoints: captioned speech, phonemize, generate from phonemes."""

from __future__ import annotations

import base64
import io
import json

import pytest
import soundfile as sf
from fastapi.testclient import TestClient

TEXT = "Hello there. Paid $3.50 [pause:0.5s] today."
WORDS = ["Hello", "there.", "Paid", "$3.50", "today."]


def _check_timestamps(stamps: list[dict[str, object]], seconds: float) -> None:
    assert set(stamps[0]) == {"word", "start_time", "end_time"}
    starts = [s["start_time"] for s in stamps]
    assert starts == sorted(starts)  # type: ignore[type-var]
    assert all(0 <= s["start_time"] <= s["end_time"] <= seconds + 0.001 for s in stamps)  # type: ignore[operator]


def test_captioned_speech_whole_is_one_object(client: TestClient) -> None:
    response = client.post(
        "/dev/captioned_speech",
        json={"input": TEXT, "voice": "af_heart", "response_format": "wav", "stream": False},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"audio", "audio_format", "timestamps"}
    assert body["audio_format"] == "audio/wav"
    samples, rate = sf.read(io.BytesIO(base64.b64decode(body["audio"])))
    assert [s["word"] for s in body["timestamps"]] == WORDS
    _check_timestamps(body["timestamps"], len(samples) / rate)


def test_captioned_speech_streams_one_object_per_line_with_absolute_times(
    client: TestClient,
) -> None:
    response = client.post(
        "/dev/captioned_speech",
        json={"input": TEXT, "voice": "af_heart", "response_format": "pcm", "lang_code": "a"},
    )

    assert response.status_code == 200, response.text
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert len(lines) > 2  # one per chunk, the pause among them
    audio = b"".join(base64.b64decode(line["audio"]) for line in lines)
    stamps = [s for line in lines for s in line["timestamps"]]
    assert [s["word"] for s in stamps] == WORDS
    _check_timestamps(stamps, len(audio) / 2 / 24_000)
    assert (
        stamps[3]["start_time"] - stamps[2]["end_time"]
        < stamps[4]["start_time"] - stamps[3]["end_time"]
    )  # type: ignore[operator]


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"input": ""}, "input"),
        ({"voice": "nobody"}, "voice"),
        ({"speed": 9}, "speed"),
        ({"lang_code": "q"}, "lang_code"),
    ],
)
def test_captioned_speech_names_a_bad_field(
    client: TestClient, fields: dict[str, object], param: str
) -> None:
    body = {"input": TEXT, "voice": "af_heart", **fields}

    response = client.post("/dev/captioned_speech", json=body)

    assert response.status_code in (400, 404)
    assert response.json()["error"]["param"] == param


def test_phonemize_returns_phonemes_and_their_tokens(client: TestClient) -> None:
    response = client.post("/dev/phonemize", json={"text": "Paid $3.50", "language": "a"})

    assert response.status_code == 200
    body = response.json()
    assert body["phonemes"] == "paid three dollars and fifty cents"  # the fake phonemizer: letters
    assert len(body["tokens"]) == len(body["phonemes"])


@pytest.mark.parametrize(
    ("body", "param"), [({"text": ""}, "text"), ({"text": "hi", "language": "xx"}, "language")]
)
def test_phonemize_names_a_bad_field(client: TestClient, body: dict[str, str], param: str) -> None:
    response = client.post("/dev/phonemize", json=body)

    assert response.status_code == 400
    assert response.json()["error"]["param"] == param


def test_generate_from_phonemes_speaks_them(client: TestClient) -> None:
    response = client.post(
        "/dev/generate_from_phonemes", json={"phonemes": "həlˈO wˈɜɹld", "voice": "af_heart"}
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == "audio/wav"
    samples, rate = sf.read(io.BytesIO(response.content))
    assert rate == 24_000
    assert len(samples) > 0


@pytest.mark.parametrize("phonemes", ["", "   ", 5])
def test_generate_from_phonemes_refuses_nothing_to_say(
    client: TestClient, phonemes: object
) -> None:
    response = client.post(
        "/dev/generate_from_phonemes", json={"phonemes": phonemes, "voice": "af_heart"}
    )

    assert response.status_code == 400
    assert response.json()["error"]["param"] in ("phonemes", "input")


def test_the_dev_endpoints_are_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]

    assert {"/dev/captioned_speech", "/dev/phonemize", "/dev/generate_from_phonemes"} <= set(paths)


def test_kokoro_fastapis_example_client_gets_what_it_reads(client: TestClient) -> None:
    """The request and reading of Kokoro-FastAPI's examples/captioned_speech_example.py."""
    text = "Hello world! Welcome to the captioned speech system."
    response = client.post(
        "/dev/captioned_speech",
        json={
            "model": "kokoro",
            "input": text,
            "voice": "af_heart",
            "speed": 1.0,
            "response_format": "mp3",
            "stream": False,
        },
    )

    assert response.status_code == 200
    audio_json = json.loads(response.content)
    chunk_audio = base64.b64decode(audio_json["audio"].encode("utf-8"))
    assert chunk_audio[:3] == b"ID3" or chunk_audio[0] == 0xFF  # an MP3 stream
    assert [ts["word"] for ts in audio_json["timestamps"]] == text.replace("!", "").split()
    assert all(f"{ts['start_time']:.3f}" for ts in audio_json["timestamps"])


@pytest.mark.parametrize(
    ("path", "field"), [("/dev/phonemize", "text"), ("/dev/generate_from_phonemes", "phonemes")]
)
def test_text_over_the_input_limit_is_refused_by_name(
    client: TestClient, path: str, field: str
) -> None:
    response = client.post(path, json={field: "ab " * 5000, "voice": "af_heart"})

    assert response.status_code == 400
    assert response.json()["error"]["param"] == field


@pytest.mark.parametrize("stream", [True, False])
def test_an_unknown_language_is_a_400_not_a_hang(client: TestClient, stream: bool) -> None:
    response = client.post(
        "/dev/captioned_speech", json={"input": "0", "language": "0", "stream": stream}
    )

    assert response.status_code == 400
