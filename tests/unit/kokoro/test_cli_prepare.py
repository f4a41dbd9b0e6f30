"""``litetts assets prepare`` on the tiny Kokoro-shaped model, with fake assets."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.fakes import LetterPhonemizer, fake_voices
from typer.testing import CliRunner

import litetts
from litetts_adapters.cli.app import app


@pytest.fixture
def fake_assets(tiny_int8: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A model of one's own: its variants are kept beside it.
    monkeypatch.setenv("LITETTS_MODEL__MODEL_PATH", str(tiny_int8))
    monkeypatch.setattr(litetts.Assembly, "voices", property(lambda self: fake_voices()))
    monkeypatch.setattr(litetts.Assembly, "phonemizer", property(lambda self: LetterPhonemizer()))
    return tiny_int8


def test_prepare_writes_the_variant_and_reports_it(fake_assets: Path) -> None:
    result = CliRunner().invoke(app, ["assets", "prepare", "--variant", "float"])

    assert (0, 1) == (result.exit_code, len(list((fake_assets.parent / "variants").glob("*.onnx"))))
    assert result.stdout.startswith("float: ready")


def test_prepare_twice_reuses_the_cached_file(fake_assets: Path) -> None:
    CliRunner().invoke(app, ["assets", "prepare", "--variant", "float"])

    result = CliRunner().invoke(app, ["assets", "prepare", "--variant", "float"])

    assert result.stdout.startswith("float: cached")


def test_prepare_exits_1_when_a_variant_falls_back(
    fake_assets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "onnx", None)

    result = CliRunner().invoke(app, ["assets", "prepare", "--variant", "float"])

    assert 1 == result.exit_code
    assert "litetts[optimize]" in result.stderr


def test_prepare_refuses_an_unknown_variant() -> None:
    result = CliRunner().invoke(app, ["assets", "prepare", "--variant", "fp4"])

    assert 1 == result.exit_code
    assert "unknown model variant 'fp4'" in result.stderr
