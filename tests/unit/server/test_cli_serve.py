"""``litetts serve``: its options reach the settings and uvicorn."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from litetts_adapters.cli import app
from litetts_adapters.cli import serve as serve_module


def test_serve_reads_the_settings_files_and_flags_win(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # tests/conftest.py points LITETTS_CONFIG_DIR at a fresh folder for every test.
    (Path(os.environ["LITETTS_CONFIG_DIR"]) / "settings.json").write_text(
        json.dumps({"server": {"port": 9555, "queue_size": 3, "worker_threads": 2}}),
        encoding="utf-8",
    )
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        serve_module,
        "run_server",
        lambda app, host, port: calls.append({"app": app, "host": host, "port": port}),
    )

    result = CliRunner().invoke(app, ["serve", "--worker-threads", "1"])

    assert 0 == result.exit_code, result.output
    assert 9555 == calls[0]["port"]
    state = calls[0]["app"].state.litetts
    assert 1 == state.pool.workers
    assert 3 == state.source.config.server.queue_size


def test_serve_runs_uvicorn_with_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run(app: object, host: str, port: int) -> None:
        calls.append({"app": app, "host": host, "port": port})

    monkeypatch.setattr(serve_module, "run_server", fake_run)

    result = CliRunner().invoke(app, ["serve", "--port", "9123", "--workers-threads", "3"])

    assert 0 == result.exit_code, result.output
    assert ("127.0.0.1", 9123) == (calls[0]["host"], calls[0]["port"])
    assert 3 == calls[0]["app"].state.litetts.pool.workers
    assert "9123/dashboard" in result.output


def test_serve_rejects_a_bad_port() -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "70000"])

    assert 2 == result.exit_code


def test_serve_wyoming_shares_one_synthesizer_with_the_http_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import asyncio

    from tests.fakes import install_fake_parts
    from tests.live_server import free_port
    from wyoming.client import AsyncTcpClient
    from wyoming.info import Describe, Info

    install_fake_parts(monkeypatch, tmp_path)
    calls: list[Any] = []
    monkeypatch.setattr(serve_module, "run_server", lambda *args: calls.append(args))
    port = free_port()

    result = CliRunner().invoke(app, ["serve", "--wyoming", f"tcp://127.0.0.1:{port}"])

    assert 0 == result.exit_code, result.output
    web_app, _host, _port, also = calls[0]

    async def describe() -> Info:
        async with also(), AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Describe().event())
            event = await client.read_event()
            assert event is not None
            return Info.from_event(event)

    info = asyncio.run(describe())
    assert {"af_heart", "bf_emma"} <= {v.name for v in info.tts[0].voices}
    assert web_app.state.litetts.synthesizer is not None  # loaded once, before serving


def test_serve_wyoming_rejects_an_address_it_cannot_listen_on() -> None:
    result = CliRunner().invoke(app, ["serve", "--wyoming", "http://127.0.0.1:10200"])

    assert 1 == result.exit_code
    assert "tcp://127.0.0.1:10200" in result.output


def test_serve_wyoming_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "litetts_adapters.wyoming", None)  # not installed

    result = CliRunner().invoke(app, ["serve", "--wyoming", "tcp://127.0.0.1:10200"])

    assert 1 == result.exit_code
    assert "litetts[wyoming]" in result.output
