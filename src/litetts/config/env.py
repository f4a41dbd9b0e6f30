"""Settings from ``LITETTS_SECTION__FIELD`` environment variables, and text to typed values.

``LITETTS_SERVER__PORT=9000`` sets ``server.port``. Only names with a double underscore
after the prefix are settings: ``LITETTS_HOME`` and ``LITETTS_CONFIG_DIR`` are plain
variables with their own meaning. Text is read by the field's type:

- booleans: ``true/false``, ``1/0``, ``yes/no``, ``on/off`` (any case);
- lists of strings: a JSON list (``["a", "b"]``) or comma-separated (``a, b``);
- an empty value, ``none`` or ``null`` is null where the key allows it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from pathlib import Path

from litetts.config.convert import FieldValueError, check_values
from litetts.config.fields import FieldInfo, canonical_key, schema_fields
from litetts.config.issues import Issue, ValidationResult

__all__ = ["ENV_PREFIX", "env_key", "parse_environment", "parse_text"]

ENV_PREFIX = "LITETTS_"

_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


def env_key(name: str) -> str | None:
    """The dotted key an environment variable names, or None when it names none."""
    if not name.upper().startswith(ENV_PREFIX):
        return None
    section, separator, field = name[len(ENV_PREFIX) :].partition("__")
    if not separator or not section or not field:
        return None
    return canonical_key(f"{section}.{field}")


def parse_text(info: FieldInfo, text: str) -> object:
    """`text` (from the environment or the command line) as a raw value for `info`.

    Raises:
        FieldValueError: the text cannot be read as the field's type.
    """
    stripped = text.strip()
    if info.optional and stripped.lower() in ("", "none", "null"):
        return None
    if info.base is bool:
        if stripped.lower() in _TRUE:
            return True
        if stripped.lower() in _FALSE:
            return False
        raise FieldValueError(f"{text!r} is not true or false")
    if info.base is int:
        try:
            return int(stripped)
        except ValueError:
            raise FieldValueError(f"{text!r} is not an integer") from None
    if info.base is float:
        try:
            return float(stripped)
        except ValueError:
            raise FieldValueError(f"{text!r} is not a number") from None
    if info.base is tuple:
        if stripped.startswith("["):
            try:
                return json.loads(stripped)
            except json.JSONDecodeError as err:
                raise FieldValueError(f"{text!r} is not a JSON list: {err.msg}") from None
        return [item.strip() for item in stripped.split(",") if item.strip()]
    if info.base is Path:
        return stripped
    return text


def parse_environment(env: Mapping[str, str]) -> ValidationResult:
    """The settings `env` holds, checked; each bad variable is an issue naming it."""
    infos = schema_fields()
    issues: list[Issue] = []
    raw: dict[str, object] = {}
    sources: dict[str, str] = {}
    for name in sorted(env):
        key = env_key(name)
        if key is None:
            continue
        info = infos.get(key)
        if info is None:
            hint = _suggest_variable(name)
            issues.append(Issue(key, f"unknown setting{hint}", source=name, severity="warning"))
            continue
        if name.upper() != info.env_var:
            issues.append(
                Issue(
                    key,
                    f"legacy variable, read as {info.env_var}; rename it",
                    source=name,
                    severity="warning",
                )
            )
        try:
            raw[key] = parse_text(info, env[name])
        except FieldValueError as err:
            issues.append(
                Issue(key, str(err), source=name, value=env[name], expected=info.expected)
            )
        else:
            sources[key] = name
    checked: dict[str, object] = {}
    for key, value in raw.items():
        result = check_values({key: value}, source=sources[key])
        issues.extend(result.issues)
        checked.update(result.values)
    return ValidationResult(tuple(issues), checked)


def _suggest_variable(name: str) -> str:
    names = [info.env_var for info in schema_fields().values()]
    close = difflib.get_close_matches(name.upper(), names, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(close)}?" if close else ""
