"""`litetts validate`: speak, listen (a fake Whisper here), print the report, exit by verdict."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from tests.fakes import FakeWhisper, install_fake_parts
from typer.testing import CliRunner

from litetts import Audio
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


def test_an_english_only_whisper_cannot_judge_japanese(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["validate", "こんにちは", "--lang", "ja", "--model-size", "tiny.en"]
    )

    assert 1 == result.exit_code
    assert "hears only English" in result.stderr


def test_a_recording_is_scored_in_the_language_given(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("pypinyin")
    clip = tmp_path / "clip.wav"
    seconds = np.arange(24_000 * 2) / 24_000
    Audio((0.3 * np.sin(2 * np.pi * 220 * seconds)).astype(np.float32)).save(clip)
    FakeWhisper.heard = "我們明天去北京"  # traditional characters for the simplified text

    result = runner.invoke(
        app, ["validate", "我们明天去北京。", "--audio", str(clip), "--lang", "zh", "--json"]
    )

    report = json.loads(result.stdout)
    accuracy = next(check for check in report["checks"] if check["name"] == "accuracy")
    assert 0.0 == report["cer"]
    assert "'wo men ming tian qu bei jing'" in accuracy["detail"]
