"""Stopping does not wait for synthesis: `stop_work` (called on SIGTERM) and a client
that hangs up end the work after the chunk in progress (issue 17, item 8)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from tests.live_server import free_port, live_server
from tests.server_fakes import LONG_TEXT, GatedModel, fake_process, healthy, settings, synthesizer

from litetts import SynthesisEvent
from litetts_adapters.fastapi import create_app, stop_work

WAIT = 30.0  # seconds a test waits for something that should happen (not a speed check)
CHUNKS = 20  # LONG_TEXT is about this many model calls
BODY = {"input": LONG_TEXT, "response_format": "pcm"}


@pytest.fixture
def gated() -> Iterator[GatedModel]:
    model = GatedModel()
    model.hold()
    yield model
    model.allow(10_000)


def finished_event(tts: object) -> threading.Event:
    done = threading.Event()

    def record(_: SynthesisEvent) -> None:
        done.set()

    tts.subscribe(record)  # type: ignore[attr-defined]
    return done


def second_chunk_started(model: GatedModel) -> None:
    model.allow(1)
    assert model.entered.acquire(timeout=WAIT)  # chunk 1
    assert model.entered.acquire(timeout=WAIT)  # chunk 2, held in the model


def test_stop_work_answers_a_waiting_request_at_once(gated: GatedModel) -> None:
    tts = synthesizer(gated)
    finished = finished_event(tts)
    app = create_app(tts, settings=settings(), health_check=healthy, process_stats=fake_process)
    answers: list[httpx.Response] = []
    with live_server(app) as (url, _), httpx.Client(base_url=url, timeout=WAIT) as client:
        waiter = threading.Thread(
            target=lambda: answers.append(
                client.post("/v1/audio/speech", json={**BODY, "stream": False})
            )
        )
        waiter.start()
        second_chunk_started(gated)
        stop_work(app)
        waiter.join(WAIT)  # answered while chunk 2 is still held in the model
        later = client.post("/v1/audio/speech", json=BODY)
    gated.allow(10_000)

    assert finished.wait(WAIT)
    assert (503, "shutting_down") == (answers[0].status_code, answers[0].json()["error"]["code"])
    assert 503 == later.status_code
    assert len(gated.calls) <= 3 < CHUNKS


def test_stop_work_ends_a_stream_after_its_current_chunk(gated: GatedModel) -> None:
    tts = synthesizer(gated)
    finished = finished_event(tts)
    app = create_app(tts, settings=settings(), health_check=healthy, process_stats=fake_process)
    with live_server(app) as (url, _), httpx.Client(base_url=url, timeout=WAIT) as client:
        gated.allow(1)
        with client.stream("POST", "/v1/audio/speech", json=BODY) as response:
            pieces = response.iter_bytes()
            first = next(pieces)
            assert gated.entered.acquire(timeout=WAIT)
            stop_work(app)
            gated.allow(10_000)
            rest = b"".join(pieces)

    assert finished.wait(WAIT)
    assert first
    assert len(gated.calls) <= 3 < CHUNKS
    assert len(first + rest) < 2 * 24_000 * 2  # far less than the whole text's audio


def test_client_leaving_a_non_streamed_request_stops_its_synthesis(gated: GatedModel) -> None:
    tts = synthesizer(gated)
    finished = finished_event(tts)
    app = create_app(tts, settings=settings(), health_check=healthy, process_stats=fake_process)
    body = httpx.Request("POST", "http://x/v1/audio/speech", json={**BODY, "stream": False})
    with live_server(app) as (url, _):
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as raw:
            raw.sendall(
                b"POST /v1/audio/speech HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                + f"content-length: {len(body.read())}\r\n\r\n".encode()
                + body.read()
            )
            second_chunk_started(gated)
        state = app.state.litetts
        deadline = time.monotonic() + WAIT
        while state.in_flight and time.monotonic() < deadline:  # the server saw it go
            time.sleep(0.01)
        gated.allow(10_000)
        assert finished.wait(WAIT)

    assert 0 == state.in_flight
    assert len(gated.calls) <= 3 < CHUNKS


SERVE_SLOWLY = """
import sys, time
from tests.fakes import ToneModel
from tests.server_fakes import fake_process, healthy, settings, synthesizer
from litetts_adapters.cli.serve import run_server
from litetts_adapters.fastapi import create_app

class SlowModel(ToneModel):
    def infer(self, tokens, style, speed):
        time.sleep(1.0)
        return super().infer(tokens, style, speed)

app = create_app(synthesizer(SlowModel()), settings=settings(),
                 health_check=healthy, process_stats=fake_process)
run_server(app, "127.0.0.1", int(sys.argv[1]))
"""


def test_sigterm_ends_the_server_while_it_synthesizes() -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(["src", os.environ.get("PYTHONPATH", "")])}
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE_SLOWLY, str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        whole = threading.Thread(
            target=lambda: httpx.post(
                f"{url}/v1/audio/speech", json={**BODY, "stream": False}, timeout=WAIT
            ),
            daemon=True,
        )
        whole.start()
        with httpx.stream("POST", f"{url}/v1/audio/speech", json=BODY, timeout=WAIT) as stream:
            pieces = stream.iter_bytes()
            next(pieces)  # both requests are synthesizing (about 20 s each)
            signalled = time.monotonic()
            server.send_signal(signal.SIGTERM)
            server.wait(WAIT)
            took = time.monotonic() - signalled
    finally:
        if server.poll() is None:
            server.kill()
        _, errors = server.communicate(timeout=WAIT)

    assert took < 4.0, errors.decode()  # about 20 s of synthesis was in flight
    assert b"Traceback" not in errors
