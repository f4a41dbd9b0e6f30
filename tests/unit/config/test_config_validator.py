"""ConfigValidator: every problem at once, each naming file, key, value and expectation."""

from __future__ import annotations

from pathlib import Path

import pytest

from litetts.config import ConfigValidator, schema_fields


def test_every_problem_is_reported_at_once() -> None:
    document = {
        "server": {"port": 70000, "queue_size": "many", "hots": "x"},
        "synthesis": {"speed": 0.1},
        "performance": {"optimizer": "turbo"},
    }

    result = ConfigValidator().validate_configuration(document, source="settings.json")

    assert ["server.port", "server.queue_size", "synthesis.speed", "performance.optimizer"] == [
        issue.key for issue in result.errors
    ]
    assert ["server.hots"] == [issue.key for issue in result.warnings]


def test_an_error_names_the_file_key_value_and_expectation() -> None:
    result = ConfigValidator().validate_configuration(
        {"server": {"port": 70000}}, source="/etc/litetts/settings.json"
    )

    [issue] = result.errors
    assert (70000, "an integer, >= 1 and <= 65535") == (issue.value, issue.expected)
    assert (
        "/etc/litetts/settings.json: server.port: 70000 is out of range;"
        " expected an integer, >= 1 and <= 65535"
    ) == str(issue)


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("server.prot", "server.port"),
        ("synthesis.voise", "synthesis.voice"),
        ("server.voice", "synthesis.voice"),
    ],
)
def test_an_unknown_key_suggests_the_closest(key: str, hint: str) -> None:
    section, name = key.split(".")

    result = ConfigValidator().validate_configuration({section: {name: 1}})

    assert result.ok
    assert f"did you mean {hint}" in result.warnings[0].message


def test_an_unknown_section_suggests_the_closest() -> None:
    result = ConfigValidator().validate_configuration({"sever": 1})

    assert "did you mean server" in result.warnings[0].message


def test_a_section_that_is_not_an_object_is_an_error() -> None:
    result = ConfigValidator().validate_configuration({"server": 9000})

    assert ["server"] == [issue.key for issue in result.errors]


def test_dotted_top_level_keys_are_accepted() -> None:
    result = ConfigValidator().validate_configuration({"server.port": 9000})

    assert {"server.port": 9000} == dict(result.values)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("server.port", True),
        ("server.port", 90.0),
        ("synthesis.normalize", 1),
        ("synthesis.voice", 7),
    ],
)
def test_json_types_are_not_coerced(key: str, value: object) -> None:
    assert not ConfigValidator().validate_configuration({key: value}).ok


def test_both_legacy_and_new_names_keep_the_new_value() -> None:
    result = ConfigValidator().validate_configuration(
        {"server": {"workers": 3, "worker_threads": 5}}
    )

    assert {"server.worker_threads": 5} == dict(result.values)


def test_validate_file_reports_invalid_json_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"server": {"port": 1,}}', encoding="utf-8")

    [issue] = ConfigValidator().validate_file(path).errors

    assert "not valid JSON" in issue.message
    assert "line 1" in issue.message


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    assert not ConfigValidator().validate_file(tmp_path / "absent.json").ok


def test_every_setting_has_a_description() -> None:
    assert [] == [key for key, info in schema_fields().items() if not info.description]
