"""Properties: valid settings survive JSON + cattrs; invalid values are rejected by key."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from tests.strategies import invalid_settings, settings_dicts

from litetts.config import (
    ConfigValidator,
    Settings,
    schema_fields,
    structure_settings,
    unstructure_settings,
)
from litetts.config.convert import from_flat
from litetts.config.env import parse_environment


@settings(suppress_health_check=[HealthCheck.too_slow])  # a whole document per example
@given(settings_dicts())
def test_a_valid_document_validates_and_round_trips(document: dict[str, dict[str, object]]) -> None:
    result = ConfigValidator().validate_configuration(json.loads(json.dumps(document)))
    assert result.ok, str(result)
    settings = from_flat(result.values)

    text = json.dumps(unstructure_settings(settings))

    assert settings == structure_settings(json.loads(text))
    assert settings == structure_settings(document)


@given(invalid_settings())
def test_an_invalid_value_is_rejected_naming_its_key(
    case: tuple[str, dict[str, dict[str, object]]],
) -> None:
    key, document = case

    result = ConfigValidator().validate_configuration(document, source="settings.json")

    assert [key] == [issue.key for issue in result.errors]
    assert f"settings.json: {key}: " in str(result.errors[0])


def _env_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value)
    return str(value)


@given(settings_dicts())
def test_every_field_reads_the_same_from_the_environment(
    document: dict[str, dict[str, object]],
) -> None:
    infos = schema_fields()
    env = {
        infos[f"{section}.{name}"].env_var: _env_text(value)
        for section, fields in document.items()
        for name, value in fields.items()
    }

    from_env = parse_environment(env)

    assert from_env.ok, str(from_env)
    assert dict(ConfigValidator().validate_configuration(document).values) == dict(from_env.values)


def test_the_defaults_round_trip() -> None:
    assert Settings() == structure_settings(
        json.loads(json.dumps(unstructure_settings(Settings())))
    )
