"""`litetts validate`: speak, listen (a fake Whisper here), print the report, exit by verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.fakes import FakeWhisper, install_fake_parts
from typer.testing import CliRunner

from litetts_adapters.cli import app


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    install_fake_parts(monkeypatch, tmp_path)
    monkeypatch.setattr(FakeWhisper, "heard", FakeWhisper.heard)
    return CliRunner()


def test_a_faithful_reading_passes(runner: CliRunner) -> None:
    FakeWhisper.heard = "hello there"

    result = runner.invoke(app, ["validate", "Hello there.", "--json"])

    assert 0 == result.exit_code, result.output
    report = json.loads(result.stdout)
    assert report["passed"]
    assert 0.0 == report["wer"]


def test_a_misheard_reading_fails_with_status_one(runner: CliRunner) -> None:
    FakeWhisper.heard = "yellow bear"

    result = runner.invoke(app, ["validate", "Hello there."])

    assert 1 == result.exit_code
    assert "FAILED" in result.stdout


def test_text_and_file_together_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    text_file = tmp_path / "t.txt"
    text_file.write_text("Hello there.", encoding="utf-8")

    result = runner.invoke(app, ["validate", "Hello there.", "--file", str(text_file)])

    assert 2 == result.exit_code


def test_an_unreadable_text_file_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    text_file = tmp_path / "latin1.txt"
    text_file.write_bytes("café".encode("latin-1"))

    result = runner.invoke(app, ["validate", "--file", str(text_file)])

    assert 1 == result.exit_code
    assert result.stderr.startswith("error: cannot read")
    assert "Traceback" not in result.output
