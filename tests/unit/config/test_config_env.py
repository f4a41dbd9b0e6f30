"""``LITETTS_SECTION__FIELD`` variables: every field type, nulls, lists, bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from litetts.config.env import env_key, parse_environment
from litetts.config.validator import ConfigValidator


def values(env: dict[str, str]) -> dict[str, object]:
    result = parse_environment(env)
    assert result.ok, str(result)
    return dict(result.values)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("FALSE", False), ("1", True), ("0", False), ("yes", True), ("no", False),
     ("on", True), ("off", False), (" Yes ", True)],
)  # fmt: skip
def test_booleans(text: str, expected: bool) -> None:
    assert {"cache.enabled": expected} == values({"LITETTS_CACHE__ENABLED": text})


def test_integers() -> None:
    assert {"server.port": 9000} == values({"LITETTS_SERVER__PORT": " 9000 "})


def test_floats() -> None:
    assert {"synthesis.speed": 1.25} == values({"LITETTS_SYNTHESIS__SPEED": "1.25"})


def test_strings_are_kept_as_written() -> None:
    assert {"synthesis.voice": "af_bella(2)+af_sky(1)"} == values(
        {"LITETTS_SYNTHESIS__VOICE": "af_bella(2)+af_sky(1)"}
    )


def test_choices() -> None:
    assert {"performance.optimizer": "off"} == values({"LITETTS_PERFORMANCE__OPTIMIZER": "off"})


def test_paths(tmp_path: Path) -> None:
    assert {"cache.directory": tmp_path} == values({"LITETTS_CACHE__DIRECTORY": str(tmp_path)})


@pytest.mark.parametrize("text", ["", "none", "NULL"])
def test_an_empty_or_null_value_clears_an_optional_key(text: str) -> None:
    env = {"LITETTS_MODEL__THREADS": text, "LITETTS_MODEL__MODEL_PATH": text}

    assert {"model.threads": None, "model.model_path": None} == values(env)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a, b ,c", ("a", "b", "c")), ('["a,1", "b"]', ("a,1", "b")), ("", ()), ("[]", ())],
)
def test_lists_are_comma_separated_or_json(text: str, expected: tuple[str, ...]) -> None:
    assert {"server.cors_origins": expected} == values({"LITETTS_SERVER__CORS_ORIGINS": text})


def test_variable_names_are_case_insensitive() -> None:
    assert {"server.port": 9001} == values({"litetts_server__port": "9001"})


def test_plain_litetts_variables_are_not_settings() -> None:
    env = {"LITETTS_HOME": "/x", "LITETTS_CONFIG_DIR": "/y", "PATH": "/bin"}

    assert (None, None) == (env_key("LITETTS_HOME"), env_key("LITETTS_CONFIG_DIR"))
    assert () == parse_environment(env).issues


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("LITETTS_SERVER__PORT", "ninety"),
        ("LITETTS_SERVER__PORT", "70000"),
        ("LITETTS_CACHE__ENABLED", "maybe"),
        ("LITETTS_SYNTHESIS__SPEED", "fast"),
        ("LITETTS_SERVER__API_KEYS", "[1, 2]"),
        ("LITETTS_SERVER__API_KEYS", "[unclosed"),
        ("LITETTS_SYNTHESIS__VOICE", ""),
    ],
)
def test_a_bad_value_is_an_error_naming_the_variable_and_key(name: str, text: str) -> None:
    result = parse_environment({name: text, "LITETTS_SERVER__HOST": "0.0.0.0"})

    [error] = result.errors
    assert (name, env_key(name)) == (error.source, error.key)
    assert {"server.host": "0.0.0.0"} == dict(result.values)


def test_an_unknown_variable_is_a_warning_with_a_suggestion() -> None:
    result = ConfigValidator().validate_environment({"LITETTS_SERVER__PROT": "1"})

    [warning] = result.warnings
    assert result.ok
    assert "did you mean LITETTS_SERVER__PORT" in warning.message


def test_a_legacy_variable_is_read_under_its_new_name() -> None:
    result = parse_environment({"LITETTS_SERVER__WORKERS": "3"})

    assert {"server.worker_threads": 3} == dict(result.values)
    assert "LITETTS_SERVER__WORKER_THREADS" in result.warnings[0].message
