"""On a live uvicorn: disconnects stop synthesis, a full queue answers 503, and the event
loop keeps answering while every worker is busy."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
from tests.live_server import live_server
from tests.server_fakes import (
    LONG_TEXT,
    GatedModel,
    fake_process,
    healthy,
    settings,
    synthesizer,
)

from litetts import SynthesisEvent
from litetts_adapters.fastapi import create_app

WAIT = 30.0  # seconds a test waits for something that should happen (not a speed check)


@pytest.fixture
def gated() -> Iterator[GatedModel]:
    model = GatedModel()
    model.hold()
    yield model
    model.allow(10_000)  # let any parked worker finish


def _events(tts: object) -> tuple[list[SynthesisEvent], threading.Event]:
    events: list[SynthesisEvent] = []
    done = threading.Event()

    def record(event: SynthesisEvent) -> None:
        events.append(event)
        done.set()

    tts.subscribe(record)  # type: ignore[attr-defined]
    return events, done


def test_client_disconnect_stops_synthesis_within_one_chunk(gated: GatedModel) -> None:
    tts = synthesizer(gated)
    events, finished = _events(tts)
    app = create_app(tts, settings=settings(), health_check=healthy, process_stats=fake_process)
    body = {"input": LONG_TEXT, "voice": "af_heart", "response_format": "pcm"}
    with live_server(app) as (url, _), httpx.Client(base_url=url, timeout=WAIT) as client:
        gated.allow(1)
        with client.stream("POST", "/v1/audio/speech", json=body) as response:
            first = next(response.iter_bytes())
            assert gated.entered.acquire(timeout=WAIT)  # chunk 1 done, chunk 2 in the model
        # The connection is closed here, while chunk 2 is still being synthesized.
        gated.allow(10_000)
        assert finished.wait(WAIT)

    assert first
    assert 1 == len(events)
    assert events[0].completed is False
    total_chunks = len(LONG_TEXT.split(".")) - 1
    assert events[0].chunks <= 3 < total_chunks
    assert len(gated.calls) <= 3


def test_full_queue_answers_503_with_retry_after(gated: GatedModel) -> None:
    tts = synthesizer(gated)
    app = create_app(
        tts,
        settings=settings(worker_threads=1, queue_size=1),
        health_check=healthy,
        process_stats=fake_process,
    )
    body = {"input": "Hello there.", "voice": "af_heart", "response_format": "pcm"}
    results: list[int] = []

    def post() -> None:
        with httpx.Client(base_url=url, timeout=WAIT) as own:
            results.append(own.post("/v1/audio/speech", json=body).status_code)

    with live_server(app) as (url, _), httpx.Client(base_url=url, timeout=WAIT) as client:
        running = threading.Thread(target=post)
        running.start()
        assert gated.entered.acquire(timeout=WAIT)  # the one worker is busy
        queued = threading.Thread(target=post)
        queued.start()
        state = app.state.litetts
        while state.pool.queued < 1:  # wait until the second request holds the queue slot
            threading.Event().wait(0.01)

        rejected = client.post("/v1/audio/speech", json=body)
        health = client.get("/health")

        gated.allow(10_000)
        running.join(WAIT)
        queued.join(WAIT)

    assert 503 == rejected.status_code
    assert "1" == rejected.headers["retry-after"]
    assert "queue_full" == rejected.json()["error"]["code"]
    assert {"in_flight": 1, "queued": 1} == {
        k: health.json()["workers"][k] for k in ("in_flight", "queued")
    }
    assert [200, 200] == results


def test_health_metrics_and_dashboard_answer_while_every_worker_is_busy(
    gated: GatedModel,
) -> None:
    tts = synthesizer(gated)
    app = create_app(
        tts, settings=settings(worker_threads=2), health_check=healthy, process_stats=fake_process
    )
    body = {"input": LONG_TEXT, "voice": "af_heart", "response_format": "pcm"}
    threads = []
    with live_server(app) as (url, _), httpx.Client(base_url=url, timeout=WAIT) as client:

        def stream() -> None:
            with httpx.Client(base_url=url, timeout=WAIT) as own:
                own.post("/v1/audio/speech", json=body)

        for _ in range(2):
            threads.append(threading.Thread(target=stream))
            threads[-1].start()
        for _ in range(2):
            assert gated.entered.acquire(timeout=WAIT)  # both workers inside the model

        answers = [client.get(path).status_code for path in ("/health", "/metrics", "/dashboard")]
        snapshot = client.get("/dashboard/metrics").json()

        gated.allow(10_000)
        for thread in threads:
            thread.join(WAIT)

    assert [200, 200, 200] == answers
    assert 2 == snapshot["server"]["in_flight"]
