"""`litetts say --captions`: captions beside the audio, format from the suffix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.unit.test_captions import parse_srt, parse_vtt
from tests.unit.test_cli import default_calls, run, runner, workdir  # noqa: F401  (fixtures)
from typer.testing import CliRunner

TEXT = "Hello there. Paid $3.50 today."


@pytest.mark.usefixtures("default_calls")
@pytest.mark.parametrize("suffix", ["srt", "vtt", "json"])
def test_say_writes_captions_in_the_suffixs_format(
    runner: CliRunner,  # noqa: F811
    workdir: Path,  # noqa: F811
    suffix: str,
) -> None:
    result = run(runner, "say", TEXT, "-o", "out.wav", "--captions", f"out.{suffix}")

    assert 0 == result.exit_code, result.output
    content = (workdir / f"out.{suffix}").read_text(encoding="utf-8")
    if suffix == "json":
        assert [w["text"] for w in json.loads(content)["words"]] == [
            "Hello", "there.", "Paid", "$3.50", "today.",
        ]  # fmt: skip
    else:
        parsed = (parse_srt if suffix == "srt" else parse_vtt)(content)
        assert [c.text for c in parsed] == ["Hello there.", "Paid $3.50 today."]
        assert parsed[0].end <= parsed[1].start


@pytest.mark.usefixtures("default_calls")
def test_say_refuses_an_unknown_caption_suffix_before_speaking(
    runner: CliRunner,  # noqa: F811
    workdir: Path,  # noqa: F811
) -> None:
    result = run(runner, "say", TEXT, "-o", "out.wav", "--captions", "out.txt")

    assert 0 != result.exit_code
    assert ".srt, .vtt or .json" in result.stderr
    assert not (workdir / "out.wav").exists()
