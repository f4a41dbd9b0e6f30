"""The layers a `ConfigStore` merges, read from their sources: files, environment, values.

Each function reads one source and checks it against the schema; none of them holds
state, so the store decides what to keep, log or fall back to.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import attrs

from litetts.config.backups import BackupManager
from litetts.config.convert import FieldValueError, check_value
from litetts.config.env import parse_environment, parse_text
from litetts.config.fields import FieldInfo, schema_fields
from litetts.config.issues import Issue, ValidationResult
from litetts.config.layers import Layer
from litetts.config.schema import LEGACY_KEYS
from litetts.config.validator import ConfigValidator, parse_json_text
from litetts.errors import ConfigError

__all__ = [
    "environment_layer",
    "explicit_layer",
    "file_layer",
    "read_settings_file",
    "startup_layer",
    "typed_value",
    "with_override",
]

logger = logging.getLogger(__name__)


def read_settings_file(
    path: Path, validator: ConfigValidator
) -> tuple[str | None, ValidationResult]:
    """The text of the settings file at `path` (None when there is none) and its check."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, ValidationResult()
    except (OSError, UnicodeDecodeError) as err:
        return "", ValidationResult((Issue("", f"cannot be read: {err}", source=str(path)),))
    data, problem = parse_json_text(text, str(path))
    if problem is not None:
        return text, ValidationResult((problem,))
    return text, validator.validate_configuration(data, source=path)


def file_layer(path: Path, values: Mapping[str, object], note: str = "") -> Layer:
    """The layer of settings file `path` (``settings`` or ``override``); `note` follows
    the path in its origin."""
    return Layer(path.name.removesuffix(".json"), values, origin=f"{path}{note}", file=path)


def startup_layer(
    path: Path, validator: ConfigValidator, backups: BackupManager
) -> tuple[Layer, str | None, ValidationResult]:
    """The layer of settings file `path` at start-up, the text it was read from, and the
    file's own check.

    A bad file is replaced by its newest good copy among `backups`, else by nothing
    (an empty layer); either way the problem is logged.
    """
    text, result = read_settings_file(path, validator)
    for warning in result.warnings:
        logger.warning("%s", warning)
    if result.ok:
        return file_layer(path, result.values), text, result
    name = path.name
    for backup in backups.list_backups():
        if name not in backup.files:
            continue
        saved = backup.files[name]
        checked = backups.check(attrs.evolve(backup, files={name: saved}))
        if checked.ok:
            logger.error("%s\nusing %s from backup %s instead", result, name, backup.id)
            layer = file_layer(path, checked.values, f" (from backup {backup.id})")
            return layer, saved, result
    logger.error("%s\nusing the other layers and the defaults instead", result)
    return file_layer(path, {}, " (invalid, ignored)"), None, result


def environment_layer(env: Mapping[str, str]) -> tuple[Layer, ConfigError | None]:
    """The layer of the ``LITETTS_*`` variables of `env`, and the error of the bad ones.

    Every issue is logged; a bad variable is left out of the layer.
    """
    result = parse_environment(env)
    for issue in result.issues:
        logger.log(logging.ERROR if issue.severity == "error" else logging.WARNING, "%s", issue)
    fields = schema_fields()
    origins = {key: info.env_var for key, info in fields.items() if key in result.values}
    layer = Layer("environment", result.values, origin="environment", origins=origins)
    return layer, None if result.ok else result.error()


def explicit_layer(validator: ConfigValidator, overrides: Mapping[str, object]) -> Layer:
    """The layer of values passed in code.

    Raises:
        ConfigError: a value is invalid or its key unknown (a typo here is a bug).
    """
    result = validator.validate_configuration(overrides)
    unknown = (_as_error(i) for i in result.warnings if i.message.startswith("unknown"))
    errors = result.errors + tuple(unknown)
    if errors:
        raise ValidationResult(errors).error()
    return Layer("explicit", result.values, origin="explicit value")


def typed_value(info: FieldInfo, value: object) -> object:
    """`value` for `info`'s key, typed and checked; a string is read as the environment
    would read it (``"9000"``, ``"a, b"``).

    Raises:
        ConfigError: the value does not fit the key.
    """
    try:
        raw = parse_text(info, value) if isinstance(value, str) and info.base is not str else value
        return check_value(info, raw)
    except FieldValueError as err:
        issue = Issue(info.key, str(err), value=value, expected=info.expected)
        raise ValidationResult((issue,)).error() from None


def with_override(data: dict[str, object], key: str, value: object) -> dict[str, object]:
    """Parsed override.json `data` with dotted `key` set to the JSON-ready `value`, and
    every other spelling of that key (its legacy names, a dotted top-level key) removed."""
    section, _, name = key.partition(".")
    for old, new in LEGACY_KEYS.items():
        if new == key:
            data.pop(old, None)
            old_section, _, old_name = old.partition(".")
            old_values = data.get(old_section)
            if isinstance(old_values, dict):
                old_values.pop(old_name, None)
    data.pop(key, None)
    values = data.setdefault(section, {})
    if not isinstance(values, dict):
        values = data[section] = {}
    values[name] = value
    return data


def _as_error(issue: Issue) -> Issue:
    return Issue(issue.key, issue.message, source=issue.source, value=issue.value, severity="error")
