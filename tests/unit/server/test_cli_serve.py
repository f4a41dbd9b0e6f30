"""``litetts serve``: its options reach the settings and uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from litetts.config import Settings
from litetts_adapters.cli import app
from litetts_adapters.cli.serve import serve_settings


def test_options_override_the_settings() -> None:
    settings = serve_settings(Settings(), "0.0.0.0", 9000, 4, model_path=Path("/m.onnx"))

    assert ("0.0.0.0", 9000, 4) == (
        settings.server.host,
        settings.server.port,
        settings.server.worker_threads,
    )
    assert Path("/m.onnx") == settings.model.model_path
    assert Settings().server.queue_size == settings.server.queue_size


def test_unset_options_keep_the_settings() -> None:
    assert Settings() == serve_settings(Settings(), None, None, None)


def test_serve_runs_uvicorn_with_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run(app: object, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)

    result = CliRunner().invoke(app, ["serve", "--port", "9123", "--workers-threads", "3"])

    assert 0 == result.exit_code, result.output
    assert ("127.0.0.1", 9123) == (calls[0]["host"], calls[0]["port"])
    assert 3 == calls[0]["app"].state.litetts.pool.workers
    assert "9123/dashboard" in result.output


def test_serve_rejects_a_bad_port() -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "70000"])

    assert 2 == result.exit_code
