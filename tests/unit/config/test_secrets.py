"""Keys marked secret in the schema (``server.api_keys``) are never printed (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.unit.config.support import write_json
from typer.testing import CliRunner, Result

from litetts.config import ConfigStore
from litetts.config.layers import MASK, is_secret, shown
from litetts_adapters.cli import app

KEY = "sk-very-secret-1234"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture
def config_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    directory = tmp_path / "secret-config"
    monkeypatch.setenv("LITETTS_CONFIG_DIR", str(directory))
    write_json(directory / "settings.json", {"server": {"api_keys": [KEY, "other-key"]}})
    return directory


def test_api_keys_are_marked_secret_and_nothing_else_is() -> None:
    assert (True, False) == (is_secret("server.api_keys"), is_secret("server.host"))


def test_shown_masks_each_key_but_keeps_an_empty_list() -> None:
    masked, empty = shown("server.api_keys", [KEY, "b"]), shown("server.api_keys", [])

    assert ([MASK, MASK], []) == (masked, empty)


@pytest.mark.parametrize(
    "args",
    [
        ("config", "show"),
        ("config", "show", "--explain"),
        ("config", "backups"),
        ("config", "set", "server.api_keys", f"{KEY}, third-key"),
    ],
)
def test_no_command_prints_a_key(config_dir: Path, args: tuple[str, ...]) -> None:
    run("config", "set", "server.port", "9001")  # makes a backup to list

    result = run(*args)

    assert 0 == result.exit_code, result.output
    assert KEY not in result.output
    assert "other-key" not in result.output


def test_keys_from_the_environment_are_masked_too(config_dir: Path) -> None:
    env = {"LITETTS_SERVER__API_KEYS": "env-key-5678"}

    shown_json = run("config", "show", env=env)
    explained = run("config", "show", "--explain", env=env)

    assert "env-key-5678" not in shown_json.output + explained.output
    assert MASK in shown_json.output
    assert "LITETTS_SERVER__API_KEYS" in explained.output


def test_an_explanation_masks_its_value(config_dir: Path) -> None:
    with ConfigStore.load(config_dir) as store:
        text = str(store.explain("server.api_keys"))
        kept = store.config.server.api_keys

    assert KEY not in text
    assert (KEY, "other-key") == kept  # masking is for output only


def test_changing_the_keys_logs_no_key(config_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    with ConfigStore.load(config_dir) as store:
        store.set("server.api_keys", "new-secret-9999", persist=True)

    assert "server.api_keys" in caplog.text
    assert "new-secret-9999" not in caplog.text
    assert KEY not in caplog.text
