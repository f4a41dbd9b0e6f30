"""``litetts doctor``: the dependency report as a table or JSON, exit status by health."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from litetts.health import Capability, DependencyHealth, HealthReport
from litetts_adapters.cli import app
from litetts_adapters.cli import doctor as doctor_module


def fake_health(monkeypatch: pytest.MonkeyPatch, *caps: Capability) -> None:
    class Fake(DependencyHealth):
        def validate_and_recover(self) -> HealthReport:
            return HealthReport(caps, (), 1.0)

    monkeypatch.setattr(doctor_module, "DependencyHealth", Fake)


OK = (
    Capability("phonemizer", "available", "espeak-ng"),
    Capability("cuda", "missing", "no CUDA", "install onnxruntime-gpu"),
)


def test_doctor_prints_a_table_and_succeeds_when_healthy(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_health(monkeypatch, *OK)

    result = CliRunner().invoke(app, ["doctor"])

    assert 0 == result.exit_code
    assert "phonemizer" in result.output
    assert "CPU:" in result.output


def test_doctor_json_holds_the_report_and_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_health(monkeypatch, *OK)

    result = CliRunner().invoke(app, ["doctor", "--json"])
    data = json.loads(result.output)

    assert "ok" == data["status"]
    assert ["phonemizer", "cuda"] == [c["name"] for c in data["capabilities"]]
    assert data["cpu"]["intra_op_threads"] >= 1


def test_doctor_fails_and_names_the_fix_when_degraded(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_health(
        monkeypatch,
        Capability("phonemizer", "degraded", "CMUdict only", "pip install 'litetts[espeak]'"),
    )

    result = CliRunner().invoke(app, ["doctor"], env={"COLUMNS": "200"})

    assert 1 == result.exit_code
    assert "pip install 'litetts[espeak]'" in result.output
