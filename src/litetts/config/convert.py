"""Settings <-> JSON-ready data, with cattrs, and the check of one value for one key.

The converter is strict where Python is lenient: ``true`` is not an integer, ``"1"``
is not a number and ``1.5`` is not silently truncated to ``1``. Values are checked by
building the field's section, so attrs' own validators and converters decide.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import cattrs

from litetts.config.fields import FieldInfo, schema_fields, suggest
from litetts.config.issues import Issue, ValidationResult
from litetts.config.schema import Settings

__all__ = [
    "FieldValueError",
    "check_value",
    "check_values",
    "converter",
    "flatten",
    "from_flat",
    "structure_settings",
    "to_json",
    "unstructure_settings",
]

JSONValue = Any
"""A value `json` can write: None, bool, int, float, str, list, dict."""


class FieldValueError(ValueError):
    """A value does not fit its key; the message says what was wrong."""


def _int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldValueError(f"{value!r} is not an integer")
    return value


def _float(value: object, _: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldValueError(f"{value!r} is not a number")
    if not math.isfinite(value):
        raise FieldValueError(f"{value!r} is not a finite number")
    return float(value)


def _bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise FieldValueError(f"{value!r} is not true or false")
    return value


def _str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise FieldValueError(f"{value!r} is not a string")
    return value


def _path(value: object, _: object) -> Path:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value:
        raise FieldValueError(f"{value!r} is not a path")
    return Path(value)


def _strings(value: object, _: object) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise FieldValueError(f"{value!r} is not a list of strings")
    return tuple(value)


converter = cattrs.Converter()
"""The cattrs converter for `Settings` and its sections."""
for _type, _hook in (
    (int, _int),
    (float, _float),
    (bool, _bool),
    (str, _str),
    (Path, _path),
):
    converter.register_structure_hook(_type, _hook)
converter.register_structure_hook_func(lambda cls: cls == tuple[str, ...], _strings)
converter.register_unstructure_hook(Path, str)
converter.register_unstructure_hook_func(lambda cls: cls == tuple[str, ...], list)


def structure_settings(data: Mapping[str, object]) -> Settings:
    """`Settings` from nested JSON-ready data (missing keys take their defaults).

    Raises:
        cattrs.BaseValidationError: a value does not fit; use `ConfigValidator` for
            messages that name every bad key.
    """
    return converter.structure(data, Settings)


def unstructure_settings(settings: Settings) -> dict[str, dict[str, JSONValue]]:
    """`settings` as nested JSON-ready data: paths as strings, tuples as lists."""
    data: dict[str, dict[str, JSONValue]] = converter.unstructure(settings)
    return data


def to_json(value: object) -> JSONValue:
    """One typed setting value as JSON-ready data."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def check_value(info: FieldInfo, raw: object) -> object:
    """`raw` as the typed value of `info`'s key, after the schema's own checks.

    Raises:
        FieldValueError: wrong type or out of range; the message names the value.
    """
    if raw is None or (raw == "" and info.base is Path):
        if not info.optional:
            raise FieldValueError("null is not allowed")
        value: object = None
    else:
        base: object = tuple[str, ...] if info.base is tuple else info.base
        try:
            value = converter.structure(raw, base)  # type: ignore[arg-type]  # a type form
        except FieldValueError:
            raise
        except (TypeError, ValueError) as err:  # pragma: no cover - hooks raise ours
            raise FieldValueError(str(err)) from err
    try:
        section = info.section_type(**{info.name: value})
    except (TypeError, ValueError) as err:
        detail = err.args[0] if err.args and isinstance(err.args[0], str) else str(err)
        if detail.startswith(f"'{info.name}'"):  # attrs' own wording: say it plainly
            detail = f"{raw!r} is out of range"
        raise FieldValueError(detail) from err
    return getattr(section, info.name)


def check_values(
    values: Mapping[str, object],
    *,
    source: str | None = None,
    issues: list[Issue] | None = None,
) -> ValidationResult:
    """Check raw values by dotted key (already flat, current names).

    Args:
        values: raw values by dotted key.
        source: where they came from, named in each issue.
        issues: earlier issues of the same source; this list is extended and reported.
    """
    found = [] if issues is None else issues
    infos = schema_fields()
    checked: dict[str, object] = {}
    for key, raw in values.items():
        info = infos.get(key)
        if info is None:
            found.append(
                Issue(key, f"unknown key{suggest(key)}", source=source, severity="warning")
            )
            continue
        try:
            checked[key] = check_value(info, raw)
        except FieldValueError as err:
            found.append(Issue(key, str(err), source=source, value=raw, expected=info.expected))
    return ValidationResult(tuple(found), checked)


def flatten(settings: Settings) -> dict[str, object]:
    """Every typed value of `settings` by dotted key."""
    return {
        key: getattr(getattr(settings, info.section), info.name)
        for key, info in schema_fields().items()
    }


def from_flat(values: Mapping[str, object]) -> Settings:
    """`Settings` from checked, typed values by dotted key; the others take defaults."""
    grouped: dict[str, dict[str, object]] = {}
    infos = schema_fields()
    for key, value in values.items():
        info = infos[key]
        grouped.setdefault(info.section, {})[info.name] = value
    sections = {
        name: infos[f"{name}.{next(iter(fields_))}"].section_type(**fields_)
        for name, fields_ in grouped.items()
    }
    return Settings(**sections)
