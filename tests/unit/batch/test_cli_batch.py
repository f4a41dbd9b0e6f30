"""``litetts batch`` on the fake composition root (in one process: ``--workers 1``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.fakes import install_fake_parts
from typer.testing import CliRunner

from litetts_adapters.batch import MANIFEST_NAME
from litetts_adapters.cli import app


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    install_fake_parts(monkeypatch, tmp_path)
    return CliRunner()


def test_batch_renders_a_csv_and_a_rerun_skips_it(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "jobs.csv"
    source.write_text("id,text,voice\none,Hello.,bf_emma\ntwo,Goodbye.,\n", encoding="utf-8")
    out = tmp_path / "out"
    command = ["batch", str(source), "-o", str(out), "--workers", "1", "--format", "flac"]

    first = runner.invoke(app, command)
    second = runner.invoke(app, command)

    assert 0 == first.exit_code, first.output
    assert "rendered 2, skipped 0, failed 0" in first.stderr
    assert "rendered 0, skipped 2, failed 0" in second.stderr
    records = [json.loads(line) for line in (out / MANIFEST_NAME).read_text().splitlines()]
    assert [("one.flac", "bf_emma"), ("two.flac", "af_heart")] == [
        (r["file"], r["voice"]) for r in records
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,words\na,Hi.\n", "error: jobs.csv row 1: missing column 'text'"),
        ("id,text\na,Hi.\na,Ho.\n", "error: jobs.csv row 3: duplicate id 'a'"),
        ("id,text,voice\na,Hi.,af_nobody\n", "error: jobs.csv row 2: "),
    ],
)
def test_bad_input_is_one_error_line_naming_the_row(
    runner: CliRunner, tmp_path: Path, content: str, message: str
) -> None:
    source = tmp_path / "jobs.csv"
    source.write_text(content, encoding="utf-8")

    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out")])

    assert 1 == result.exit_code
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_refused_item_fails_the_run_after_the_others(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "jobs.jsonl"
    source.write_text(
        '{"id": "ok", "text": "Fine."}\n{"id": "bad", "text": "[pause:never]"}\n',
        encoding="utf-8",
    )

    result = runner.invoke(
        app, ["batch", str(source), "-o", str(tmp_path / "out"), "--workers", "1"]
    )

    assert 1 == result.exit_code
    assert "error: jobs.jsonl line 2 (id bad): " in result.stderr
    assert "rendered 1, skipped 0, failed 1" in result.stderr


def test_a_dead_worker_process_is_one_error_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.batch_fakes import FakeFactory

    from litetts_adapters.batch import local_engine
    from litetts_adapters.cli import batch as batch_command

    log = tmp_path / "log"
    log.mkdir()
    dying = local_engine(FakeFactory(log=str(log), die_at=1), workers=2)
    monkeypatch.setattr(batch_command, "local_engine", lambda *args: dying)
    source = tmp_path / "jobs.csv"
    source.write_text("id,text\na,Hello.\nb,There.\n", encoding="utf-8")

    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out")])

    assert 1 == result.exit_code
    # The item that finished first may have printed its progress line before the death.
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: a worker process died")
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.output


def test_captions_option_writes_a_caption_file_per_item(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "jobs.csv"
    source.write_text("id,text\none,Hello there.\n", encoding="utf-8")
    out = tmp_path / "out"

    result = runner.invoke(
        app, ["batch", str(source), "-o", str(out), "--workers", "1", "--captions", "SRT"]
    )
    bad = runner.invoke(app, ["batch", str(source), "-o", str(out), "--captions", "ass"])

    assert 0 == result.exit_code, result.output
    assert "00:00:00,000 -->" in (out / "one.srt").read_text(encoding="utf-8")
    assert "one.srt" == json.loads((out / MANIFEST_NAME).read_text())["captions"]
    assert 0 != bad.exit_code
    assert "unknown caption format 'ass'" in bad.stderr
