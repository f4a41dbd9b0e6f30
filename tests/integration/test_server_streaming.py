"""The server with the real model: audio starts while synthesis is still running, and a
client that hangs up stops it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from tests.live_server import live_server

from litetts import SynthesisEvent, Synthesizer
from litetts.config import Settings
from litetts.health import Capability
from litetts_adapters.fastapi import create_app

LONG = (
    "The station was quiet before dawn. A single lamp burned over the platform, and the "
    "clock above the ticket office ticked toward five. Somewhere down the line a whistle "
    "sounded, thin and far away. The porter stood, stretched, and walked to the edge."
)
WAIT = 120.0


def _healthy() -> list[Capability]:
    return []


@pytest.fixture
def served(tts: Synthesizer) -> Iterator[tuple[str, list[SynthesisEvent], threading.Event]]:
    events: list[SynthesisEvent] = []
    finished = threading.Event()

    def record(event: SynthesisEvent) -> None:
        events.append(event)
        finished.set()

    if tts.cache is not None:
        tts.cache.clear()  # these tests time real synthesis, not a cached replay
    unsubscribe = tts.subscribe(record)
    app = create_app(tts, settings=Settings(), health_check=_healthy)
    try:
        with live_server(app) as (url, _):
            yield url, events, finished
    finally:
        unsubscribe()


def test_first_audio_arrives_while_synthesis_is_still_running(
    served: tuple[str, list[SynthesisEvent], threading.Event],
) -> None:
    url, events, finished = served
    body = {"model": "tts-1", "input": LONG, "voice": "af_heart", "response_format": "mp3"}
    with httpx.Client(base_url=url, timeout=WAIT) as client:
        sent = time.perf_counter()
        with client.stream("POST", "/v1/audio/speech", json=body) as response:
            chunks = response.iter_bytes()
            first = next(chunks)
            first_byte = time.perf_counter() - sent
            still_running = not finished.is_set()
            rest = b"".join(chunks)
        total = time.perf_counter() - sent

    assert 200 == response.status_code
    assert first
    assert rest
    assert still_running  # the response began before the Synthesizer finished
    assert events[0].completed
    assert first_byte < total / 2  # one short chunk versus the whole text, same run


def test_a_client_that_hangs_up_stops_synthesis(
    served: tuple[str, list[SynthesisEvent], threading.Event],
) -> None:
    url, events, finished = served
    body = {"input": LONG, "voice": "af_heart", "response_format": "pcm"}
    with httpx.Client(base_url=url, timeout=WAIT) as client:
        with client.stream("POST", "/v1/audio/speech", json=body) as response:
            next(response.iter_bytes())
        assert finished.wait(WAIT)

    event = events[0]
    assert event.completed is False
    assert event.error is None
    assert event.chunks <= 2  # the lead chunk and the one in progress; the text has 4
