"""`litetts baseline create|check` with a tone model and a fake Whisper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.fakes import FakeWhisper, install_fake_parts
from typer.testing import CliRunner

from litetts.validation import Baseline
from litetts_adapters.cli import app


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    install_fake_parts(monkeypatch, tmp_path)
    # Hears the first standard phrase, unless a test says otherwise.
    monkeypatch.setattr(FakeWhisper, "heard", "the quick brown fox jumps over the lazy dog")
    return CliRunner()


def create(runner: CliRunner, tmp_path: Path, *extra: str) -> Path:
    path = tmp_path / "baseline.json"
    result = runner.invoke(
        app, ["baseline", "create", "-v", "af_heart,bf_emma", "-o", str(path), *extra]
    )
    assert 0 == result.exit_code, result.output
    return path


def test_create_records_every_voice_and_prints_a_summary(runner: CliRunner, tmp_path: Path) -> None:
    path = create(runner, tmp_path, "--json", "--markdown", str(tmp_path / "table.md"))

    summary = json.loads(
        runner.invoke(
            app, ["baseline", "create", "-v", "af_heart", "-o", str(path), "--json"]
        ).stdout
    )
    baseline = Baseline.load(tmp_path / "baseline.json")
    assert [row["voice"] for row in summary["voices"]] == ["af_heart"]
    assert summary["voices"][0]["clips"] == 6
    assert baseline.whisper_model == "base"
    assert "| af_heart | en-us | 6 |" in (tmp_path / "table.md").read_text(encoding="utf-8")


def test_an_unchanged_check_passes(runner: CliRunner, tmp_path: Path) -> None:
    path = create(runner, tmp_path)

    result = runner.invoke(app, ["baseline", "check", "--baseline", str(path)])

    assert 0 == result.exit_code, result.output
    assert "0 of 12 clips degraded" in result.stdout


def test_a_degraded_voice_fails_with_status_one(runner: CliRunner, tmp_path: Path) -> None:
    path = create(runner, tmp_path)
    FakeWhisper.heard = "a completely different sentence"

    result = runner.invoke(app, ["baseline", "check", "-b", str(path), "-v", "af_heart", "--json"])

    assert 1 == result.exit_code
    checks = json.loads(result.stdout)
    assert len(checks) == 6
    # Only the first phrase was heard right when the baseline was made.
    assert checks[0]["phrase"].startswith("The quick brown fox")
    assert checks[0]["degraded"]


def test_a_missing_baseline_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["baseline", "check", "-b", str(tmp_path / "none.json")])

    assert 1 == result.exit_code
    assert "cannot read baseline" in result.output
    assert "Traceback" not in result.output


def test_an_unreadable_format_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["baseline", "create", "--format", "aac", "-o", str(tmp_path / "b")]
    )

    assert 1 == result.exit_code
    assert "cannot be read back" in result.output


def test_max_phrases_keeps_each_voices_first_phrases(runner: CliRunner, tmp_path: Path) -> None:
    path = create(runner, tmp_path, "--max-phrases", "2")

    baseline = Baseline.load(path)
    assert [(row.voice, row.clips) for row in baseline.summary()] == [
        ("af_heart", 2),
        ("bf_emma", 2),
    ]
    assert baseline.entries[0].phrase == "The quick brown fox jumps over the lazy dog."


def test_max_phrases_below_one_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["baseline", "create", "--max-phrases", "0"])

    assert 2 == result.exit_code
