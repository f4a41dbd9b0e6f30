"""``/v1/models``, ``/v1/audio/voices``, ``/health``, ``/metrics`` and the dashboard page."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient
from tests.server_fakes import fake_process, healthy, settings, synthesizer

from litetts import AssetError, Synthesizer
from litetts.health import Capability
from litetts_adapters.fastapi import create_app, info


def test_models_lists_the_accepted_names(client: TestClient) -> None:
    body = client.get("/v1/models").json()

    assert "list" == body["object"]
    assert {"kokoro", "tts-1", "tts-1-hd"} == {m["id"] for m in body["data"]}


def test_voices_lists_the_bank_with_openai_names(client: TestClient) -> None:
    body = client.get("/v1/audio/voices").json()

    ids = [v["id"] for v in body["voices"]]
    assert ["af", "af_bella", "af_heart", "af_sarah", "bf_emma"] == ids
    heart = next(v for v in body["voices"] if v["id"] == "af_heart")
    assert ("coral", "female", "en-us") == (
        heart["openai_names"][0],
        heart["gender"],
        heart["language"],
    )
    assert "af_heart" == body["openai_names"]["coral"]


def test_health_is_ok_with_the_model_loaded(client: TestClient) -> None:
    response = client.get("/health")

    assert 200 == response.status_code
    assert ("ok", True) == (response.json()["status"], response.json()["model_loaded"])
    assert "phonemizer" == response.json()["capabilities"][0]["name"]


def test_health_reports_a_degraded_capability() -> None:
    def degraded() -> list[Capability]:
        return [Capability("mp3", "missing", "no mp3", "pip install soundfile")]

    app = create_app(
        synthesizer(), settings=settings(), health_check=degraded, process_stats=fake_process
    )
    with TestClient(app) as client:
        body = _eventually(client, lambda b: b["capabilities"])

    assert "degraded" == body["status"]
    assert "pip install soundfile" == body["capabilities"][0]["fix"]


def test_health_checks_a_missing_capability_again_and_sees_it_recover(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = [
        [Capability("phonemizer", "degraded", "espeak-ng failed", "pip install espeakng-loader")],
        [Capability("phonemizer", "available", "espeak-ng")],
    ]
    calls: list[int] = []

    def recovering() -> list[Capability]:
        calls.append(1)
        return results[min(len(calls), 2) - 1]

    monkeypatch.setattr(info, "RECHECK_S", 0.0)
    app = create_app(
        synthesizer(), settings=settings(), health_check=recovering, process_stats=fake_process
    )
    with TestClient(app) as client:
        body = _eventually(client, lambda b: b["status"] == "ok")

    assert "available" == body["capabilities"][0]["status"]
    assert len(calls) >= 2


def test_a_missing_gpu_does_not_make_the_server_degraded() -> None:
    def no_gpu() -> list[Capability]:
        return [
            Capability("phonemizer", "available", "espeak-ng"),
            Capability("cuda", "missing", "no GPU", "install CUDA"),
        ]

    app = create_app(
        synthesizer(), settings=settings(), health_check=no_gpu, process_stats=fake_process
    )
    with TestClient(app) as client:
        body = _eventually(client, lambda b: len(b["capabilities"]) == 2)

    assert "ok" == body["status"]


def test_the_default_health_report_comes_from_dependency_health() -> None:
    app = create_app(synthesizer(), settings=settings(), process_stats=fake_process)
    with TestClient(app) as client:
        body = _eventually(client, lambda b: b["capabilities"])

    names = {c["name"] for c in body["capabilities"]}
    assert {"phonemizer", "whisper", "aac", "mp3", "opus", "cuda"} <= names


def _eventually(client: TestClient, ready: object) -> dict[str, object]:
    for _ in range(500):  # the capability check runs in the background at start
        body = client.get("/health").json()
        if ready(body):  # type: ignore[operator]
            return body  # type: ignore[no-any-return]
        time.sleep(0.01)
    raise AssertionError("health never became ready")


def test_health_is_503_while_loading_and_200_once_loaded() -> None:
    import threading

    release = threading.Event()

    def slow_loader(_settings: object) -> Synthesizer:
        release.wait(30)
        return synthesizer()

    app = create_app(
        settings=settings(), loader=slow_loader, health_check=healthy, process_stats=fake_process
    )
    with TestClient(app) as client:
        loading = client.get("/health")
        speech = client.post("/v1/audio/speech", json={"input": "Hi.", "voice": "af_heart"})
        release.set()
        loaded = _eventually(client, lambda b: b["model_loaded"])

    assert (503, "loading") == (loading.status_code, loading.json()["status"])
    assert (503, "model_not_ready") == (speech.status_code, speech.json()["error"]["code"])
    assert "5" == speech.headers["retry-after"]
    assert "ok" == loaded["status"]


def test_a_failed_load_is_reported_by_health() -> None:
    def missing(_settings: object) -> Synthesizer:
        raise AssetError("Kokoro model is missing", fix="litetts assets fetch")

    app = create_app(
        settings=settings(), loader=missing, health_check=healthy, process_stats=fake_process
    )
    with TestClient(app) as client:
        body = _eventually(client, lambda b: b["status"] == "error")

    assert "litetts assets fetch" in str(body["error"])


def test_metrics_are_prometheus_text_with_request_counts(client: TestClient) -> None:
    client.post("/v1/audio/speech", json={"input": "Hi.", "voice": "af_bella"})

    # The worker finishes its bookkeeping just after the last byte is sent.
    for _ in range(500):
        response = client.get("/metrics")
        if "litetts_in_flight 0.0" in response.text:
            break
        time.sleep(0.01)

    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'litetts_requests_total{voice="af_bella"} 1.0' in text
    assert re.search(r'litetts_latency_seconds\{quantile="0.5"\} \d', text)
    assert "litetts_process_resident_memory_mib 123.0" in text
    assert "litetts_in_flight 0.0" in text


def test_dashboard_page_is_self_contained(client: TestClient) -> None:
    response = client.get("/dashboard")

    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "/dashboard/ws" in page
    assert "/dashboard/metrics" in page
    assert [] == re.findall(r'(?:src|href)="(?:https?:)?//', page)
    assert [] == re.findall(r"<script src|<link|@import|url\(http", page)


def test_dashboard_metrics_is_the_snapshot(client: TestClient) -> None:
    client.post("/v1/audio/speech", json={"input": "Hi.", "voice": "af_heart"})

    body = client.get("/dashboard/metrics").json()

    assert "snapshot" == body["type"]
    assert 1 == body["requests"]["total"]
    assert {"af_heart": 1} == body["voices"]
    assert 123.0 == body["process"]["rss_mb"]
    assert {"in_flight", "queued", "workers", "clients"} <= set(body["server"])


@pytest.mark.parametrize("path", ["/dashboard", "/dashboard/metrics"])
def test_a_disabled_dashboard_is_a_404(path: str) -> None:
    from litetts.config import DashboardSettings, Settings

    app = create_app(
        synthesizer(),
        settings=Settings(dashboard=DashboardSettings(enabled=False)),
        health_check=healthy,
        process_stats=fake_process,
    )
    with TestClient(app) as client:
        assert 404 == client.get(path).status_code


def test_a_reloaded_history_window_applies_without_a_restart(client: TestClient) -> None:
    from litetts.config import DashboardSettings, Settings

    store = client.app.state.litetts.source  # type: ignore[attr-defined]
    store.config = Settings(dashboard=DashboardSettings(history_seconds=42))

    assert 42 == client.get("/dashboard/metrics").json()["window_s"]


def test_the_memory_monitor_runs_while_serving_and_stops_after() -> None:
    app = create_app(
        synthesizer(), settings=settings(), health_check=healthy, process_stats=fake_process
    )
    with TestClient(app) as client:
        monitor = app.state.litetts.monitor
        assert monitor is not None
        assert monitor.running
        assert "memory" in client.get("/dashboard/metrics").json()

    assert not monitor.running
