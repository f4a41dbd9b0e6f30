"""Word timings with the real model: the durations output, Whisper's word times, the server."""

from __future__ import annotations

import base64
import difflib
import io
import json
import statistics

import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from litetts import Synthesizer
from litetts.health import Capability
from litetts.kokoro.model import HOP_SAMPLES, KokoroModel
from litetts.validation import WhisperValidator
from litetts_adapters.fastapi import create_app

TEXT = (
    "On March 3rd, Maria paid $12.50 for two tickets to Chicago. [pause:1s] The train"
    " left the station at noon, and she watched the fields go by until the sun went down."
)


def _healthy() -> list[Capability]:
    return []


def _key(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def test_the_loaded_model_reports_durations_that_add_up_to_the_audio(tts: Synthesizer) -> None:
    model = tts.model
    assert isinstance(model, KokoroModel)
    assert model.has_durations
    tokens = tts.tokenizer.encode("Hello there, how are you?", "en-us")

    samples, durations = model.infer_timed(tokens, tts.voices.style("af_heart", len(tokens)), 1.2)

    assert durations is not None
    assert len(durations) == len(tokens) + 2
    assert len(samples) == HOP_SAMPLES * int(durations.sum())
    np.testing.assert_array_equal(
        samples, model.infer(tokens, tts.voices.style("af_heart", len(tokens)), 1.2)
    )


def test_word_starts_agree_with_whisper_across_joins_and_a_pause(tts: Synthesizer) -> None:
    audio = tts.synthesize(TEXT, voice="af_heart")
    heard = [
        w for s in WhisperValidator(model_size="base").transcribe(audio).segments for w in s.words
    ]
    ours = list(audio.words)
    matcher = difflib.SequenceMatcher(
        None, [_key(w.text) for w in ours], [_key(w.text) for w in heard], autojunk=False
    )
    differences = [
        abs(ours[i1 + k].start - heard[j1 + k].start)
        for tag, i1, i2, j1, _ in matcher.get_opcodes()
        if tag == "equal"
        for k in range(i2 - i1)
    ]

    assert len(differences) >= 0.8 * len(ours)
    assert statistics.median(differences) <= 0.08
    words = {w.text: w for w in ours}
    assert words["The"].start - words["Chicago."].end >= 1.0


@pytest.mark.parametrize("stream", [False, True])
def test_the_captioned_endpoint_times_the_real_speech(tts: Synthesizer, stream: bool) -> None:
    with TestClient(create_app(tts, health_check=_healthy)) as client:
        response = client.post(
            "/dev/captioned_speech",
            json={"input": TEXT, "voice": "af_heart", "response_format": "wav", "stream": stream},
        )

    assert response.status_code == 200
    objects = (
        [response.json()]
        if not stream
        else [json.loads(line) for line in response.text.splitlines()]
    )
    stamps = [s for o in objects for s in o["timestamps"]]
    if stream:
        seconds = sum(len(base64.b64decode(o["audio"])) for o in objects) / 2 / 24_000
    else:
        samples, rate = sf.read(io.BytesIO(base64.b64decode(objects[0]["audio"])))
        seconds = len(samples) / rate
    assert [s["word"] for s in stamps][:6] == ["On", "March", "3rd", "Maria", "paid", "$12.50"]
    assert 0 <= stamps[0]["start_time"] < 0.3
    assert seconds - 1.0 < stamps[-1]["end_time"] <= seconds + 0.01  # (a WAV header in stream)
