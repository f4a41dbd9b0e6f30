"""``litetts config show | validate | set | backups | restore | schema``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.unit.config.support import write_json
from typer.testing import CliRunner, Result

from litetts.config import render_markdown
from litetts_adapters.cli import app


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture
def config_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    directory = tmp_path / "cli-config"
    monkeypatch.setenv("LITETTS_CONFIG_DIR", str(directory))
    return directory


def test_show_prints_the_settings_as_json(config_dir: Path) -> None:
    write_json(config_dir / "settings.json", {"server": {"port": 9000}})

    result = run("config", "show")

    assert 0 == result.exit_code, result.output
    assert 9000 == json.loads(result.stdout)["server"]["port"]


def test_show_explain_names_each_source(config_dir: Path) -> None:
    write_json(config_dir / "settings.json", {"server": {"port": 9000}})

    result = run("config", "show", "--explain", env={"LITETTS_SERVER__HOST": "0.0.0.0"})

    assert 0 == result.exit_code, result.output
    lines = result.stdout.splitlines()
    [port] = [line for line in lines if "server.port " in line]
    [host] = [line for line in lines if "server.host " in line]
    assert "settings" in port
    assert "9000" in port
    assert "environment" in host
    assert "LITETTS_SERVER__HOST" in host


def test_set_writes_override_json_and_backs_up(config_dir: Path) -> None:
    first = run("config", "set", "synthesis.voice", "bf_emma")
    second = run("config", "set", "cache.warm_voices", "af_heart, bf_emma")

    assert (0, 0) == (first.exit_code, second.exit_code), first.output + second.output
    written = json.loads((config_dir / "override.json").read_text(encoding="utf-8"))
    assert {"voice": "bf_emma"} == written["synthesis"]
    assert ["af_heart", "bf_emma"] == written["cache"]["warm_voices"]
    assert 2 == len(list((config_dir / "backups").glob("*.json")))


def test_set_says_when_a_restart_is_needed(config_dir: Path) -> None:
    result = run("config", "set", "server.port", "9000")

    assert 0 == result.exit_code
    assert "restart" in result.stderr


def test_set_says_when_a_higher_layer_still_wins(config_dir: Path) -> None:
    result = run("config", "set", "server.port", "9000", env={"LITETTS_SERVER__PORT": "9100"})

    assert "LITETTS_SERVER__PORT still sets it to 9100" in result.stderr


@pytest.mark.usefixtures("config_dir")
def test_set_an_invalid_value_is_one_error_line() -> None:
    result = run("config", "set", "server.port", "http")

    assert 1 == result.exit_code
    assert result.stderr.startswith("error: invalid setting: server.port: 'http' is not an")
    assert 1 == result.stderr.count("\n")


@pytest.mark.usefixtures("config_dir")
def test_set_an_unknown_key_suggests_one() -> None:
    result = run("config", "set", "server.prot", "1")

    assert 1 == result.exit_code
    assert "did you mean server.port" in result.stderr


def test_validate_a_file_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "candidate.json"
    write_json(path, {"server": {"port": 0, "queue_size": "x", "hots": "h"}})

    result = run("config", "validate", str(path))

    assert 1 == result.exit_code
    assert "server.port" in result.stderr
    assert "server.queue_size" in result.stderr
    assert "did you mean server.host" in result.stdout


def test_validate_strict_fails_on_warnings(tmp_path: Path) -> None:
    path = tmp_path / "candidate.json"
    write_json(path, {"server": {"hots": "h"}})

    assert (0, 1) == (
        run("config", "validate", str(path)).exit_code,
        run("config", "validate", "--strict", str(path)).exit_code,
    )


def test_validate_checks_the_config_folder_and_environment(config_dir: Path) -> None:
    write_json(config_dir / "settings.json", {"server": {"port": 9000}})

    good = run("config", "validate")
    bad = run("config", "validate", env={"LITETTS_SERVER__PORT": "x"})

    assert 0 == good.exit_code
    assert "ok:" in good.stdout
    assert 1 == bad.exit_code
    assert "LITETTS_SERVER__PORT" in bad.stderr


def test_backups_and_restore(config_dir: Path) -> None:
    run("config", "set", "server.queue_size", "3")
    run("config", "set", "server.queue_size", "4")
    listing = run("config", "backups")
    newest, oldest = re.findall(r"\d{8}T\d{12}Z", listing.stdout)  # newest first

    restored = run("config", "restore", newest)

    assert 0 == restored.exit_code, restored.output
    assert 3 == json.loads(run("config", "show").stdout)["server"]["queue_size"]
    assert 0 == run("config", "restore", oldest).exit_code
    assert 16 == json.loads(run("config", "show").stdout)["server"]["queue_size"]
    assert not (config_dir / "override.json").exists()


@pytest.mark.usefixtures("config_dir")
def test_restore_an_unknown_id_is_an_error() -> None:
    result = run("config", "restore", "nope")

    assert 1 == result.exit_code
    assert result.stderr.startswith("error: no config backup 'nope'")


@pytest.mark.usefixtures("config_dir")
def test_backups_with_none_says_so() -> None:
    assert "no backups yet" in run("config", "backups").stdout


def test_schema_prints_the_reference_page() -> None:
    assert render_markdown() == run("config", "schema").stdout


def test_schema_json_is_a_list_of_records() -> None:
    records = json.loads(run("config", "schema", "--json").stdout)

    assert "server.port" in [record["key"] for record in records]


KEY = "sk-very-secret-1234"


def write_keys(config_dir: Path) -> None:
    write_json(config_dir / "settings.json", {"server": {"api_keys": [KEY, "other-key"]}})


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
    write_keys(config_dir)
    run("config", "set", "server.port", "9001")  # makes a backup to list

    result = run(*args)

    assert 0 == result.exit_code, result.output
    assert KEY not in result.output
    assert "other-key" not in result.output


def test_keys_from_the_environment_are_masked_too(config_dir: Path) -> None:
    write_keys(config_dir)
    env = {"LITETTS_SERVER__API_KEYS": "env-key-5678"}

    shown_json = run("config", "show", env=env)
    explained = run("config", "show", "--explain", env=env)

    assert "env-key-5678" not in shown_json.output + explained.output
    assert "***" in shown_json.output
    assert "LITETTS_SERVER__API_KEYS" in explained.output
