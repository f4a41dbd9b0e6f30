"""Every entry point honours every setting that concerns it, from any layer.

The table below walks the entry points a user calls (the library's front doors, each
CLI command and the server) against the settings keys each one depends on, with
each key set once in settings.json and once in a ``LITETTS_*`` variable. The real
composition root runs; only the heavy parts underneath are fakes
(`tests.fakes.install_fake_parts`).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.fakes import FakeParts, install_fake_parts
from tests.server_fakes import healthy
from typer.testing import CliRunner

import litetts
from litetts.config import ConfigStore
from litetts_adapters.cli import app
from litetts_adapters.fastapi import create_app

Check = Callable[[FakeParts, Path], object]


def _synthesizer(parts: FakeParts, _: Path) -> Any:
    return parts.synthesizers[-1]


# key -> (value in settings.json, what the entry point must show for it)
KEYS: dict[str, tuple[object, Check, object]] = {
    "model.home": ("{tmp}/assets", lambda parts, tmp: parts.last.assets.home, "{tmp}/assets"),
    "model.offline": (True, lambda parts, tmp: parts.last.assets.offline, True),
    "model.variant": ("float", lambda parts, tmp: parts.variants[-1], "float"),
    "cache.enabled": (False, lambda parts, tmp: _synthesizer(parts, tmp).cache, None),
    "synthesis.voice": (
        "bf_emma",
        lambda parts, tmp: _synthesizer(parts, tmp).settings.voice,
        "bf_emma",
    ),
    "validation.whisper_model": ("tiny.en", lambda parts, tmp: parts.whisper[-1][0], "tiny.en"),
}
WHISPER_HOME: Check = lambda parts, tmp: parts.whisper[-1][1]  # noqa: E731


def _cli(*args: str) -> Callable[[Path], object]:
    """Run the ``litetts`` command with `args` ({tmp} stands for the test's folder)."""

    def run(tmp: Path) -> object:
        argv = [arg.replace("{tmp}", str(tmp)) for arg in args]
        return CliRunner().invoke(app, argv, catch_exceptions=False).exit_code

    return run


def _speak_with_whisper(tmp: Path) -> None:
    litetts.WhisperValidator().transcribe(litetts.Audio.silence(0.5))


def _default_whisper(tmp: Path) -> None:
    litetts.WhisperValidator.default().transcribe(litetts.Audio.silence(0.5))


def _serve(tmp: Path) -> None:
    application = create_app(store=ConfigStore.load(), health_check=healthy)
    with TestClient(application):
        deadline = time.monotonic() + 30
        while application.state.litetts.synthesizer is None:
            assert application.state.litetts.load_error is None, (
                application.state.litetts.load_error
            )
            assert time.monotonic() < deadline, "the server never loaded its synthesizer"
            time.sleep(0.02)


SYNTHESIS = ("model.home", "model.offline", "model.variant", "cache.enabled", "synthesis.voice")
# entry point -> (how to call it, the keys it depends on)
ENTRY_POINTS: dict[str, tuple[Callable[[Path], object], tuple[str, ...]]] = {
    "Synthesizer.default()": (lambda tmp: litetts.Synthesizer.default(), SYNTHESIS),
    "litetts say": (_cli("say", "Hi.", "-o", "{tmp}/hi.wav"), SYNTHESIS),
    "litetts serve (create_app)": (_serve, SYNTHESIS),
    "litetts validate": (
        _cli("validate", "Hello there."),
        (*SYNTHESIS, "validation.whisper_model"),
    ),
    "litetts baseline create": (
        _cli("baseline", "create", "-v", "af_heart", "-o", "{tmp}/baseline.json"),
        (*SYNTHESIS, "validation.whisper_model"),
    ),
    "litetts assets prepare": (_cli("assets", "prepare"), ("model.home", "model.variant")),
    "litetts assets status": (_cli("assets", "status"), ("model.home",)),
    "litetts assets verify": (_cli("assets", "verify"), ("model.home",)),
    "litetts assets fetch": (_cli("assets", "fetch"), ("model.home",)),
    "WhisperValidator()": (_speak_with_whisper, ("model.home", "validation.whisper_model")),
    "WhisperValidator.default()": (_default_whisper, ("model.home", "validation.whisper_model")),
}

CASES = [
    (entry, key, source)
    for entry, (_, keys) in ENTRY_POINTS.items()
    for key in keys
    for source in ("settings.json", "environment")
]


def _fill(value: object, tmp: Path) -> object:
    return value.replace("{tmp}", str(tmp)) if isinstance(value, str) else value


@pytest.mark.parametrize(("entry", "key", "source"), CASES)
def test_the_entry_point_honours_the_setting(
    entry: str,
    key: str,
    source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parts = install_fake_parts(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)
    if entry == "litetts assets fetch":  # fetching for real is not a unit test
        monkeypatch.setattr(litetts.AssetStore, "fetch", lambda self, **_: self.status())
    call, _ = ENTRY_POINTS[entry]
    raw, check, expected = KEYS[key]
    value = _fill(raw, tmp_path)
    section, name = key.split(".")
    if source == "settings.json":
        (Path(os.environ["LITETTS_CONFIG_DIR"]) / "settings.json").write_text(
            json.dumps({section: {name: value}})
        )
    else:
        text = str(value).lower() if isinstance(value, bool) else str(value)
        monkeypatch.setenv(f"LITETTS_{section.upper()}__{name.upper()}", text)
    if key != "model.offline":
        monkeypatch.setenv("LITETTS_OFFLINE", "0")  # the fakes fetch nothing anyway

    call(tmp_path)

    seen = (
        WHISPER_HOME(parts, tmp_path)
        if (key == "model.home" and entry.startswith("WhisperValidator"))
        else check(parts, tmp_path)
    )
    wanted = _fill(expected, tmp_path)
    assert (Path(wanted) if key == "model.home" else wanted) == seen
