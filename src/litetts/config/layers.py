"""The layers of settings, which one wins for a key, and the `Explanation` of a value.

Lowest first: built-in defaults < settings.json < override.json < ``LITETTS_*``
environment variables < explicit values. Each layer holds checked, typed values by
dotted key; a key missing from a layer falls through to the one below.

A key marked ``metadata=SECRET`` in the schema (``server.api_keys``) keeps its real value
here, for the code that needs it; whatever shows a value to a person goes through
`shown` (or `shown_settings`), which masks it as ``***``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs
from attrs import field, frozen

from litetts.config.convert import JSONValue, to_json
from litetts.config.fields import FieldInfo, schema_fields

__all__ = [
    "LAYERS",
    "MASK",
    "Explanation",
    "Layer",
    "explain",
    "is_secret",
    "merge",
    "shown",
    "shown_settings",
]

MASK: Final = "***"
"""What a secret value is shown as."""

LAYERS = ("default", "settings", "override", "environment", "explicit")
"""The layers, lowest first."""


@frozen
class Layer:
    """The values one layer sets, and where they came from."""

    name: str
    values: Mapping[str, object] = field(factory=dict)
    origin: str = ""
    """The file (or ``environment``, ``explicit value``) the values came from."""
    file: Path | None = None
    origins: Mapping[str, str] = field(factory=dict)
    """Per-key origin, where keys come from different places (environment variables)."""


@frozen
class Explanation:
    """Where a setting's value comes from."""

    key: str
    value: object
    """The value in effect."""
    source: str
    """The layer that set it: one of `LAYERS`."""
    origin: str
    """The file, environment variable, ``explicit value`` or ``built-in default``."""
    default: object
    description: str
    restart: bool
    pending_value: object
    """The value after a restart; equal to `value` unless a change is pending."""
    layers: tuple[tuple[str, object], ...] = ()
    """Each layer that sets the key, lowest first, with its value."""
    file: Path | None = None

    @property
    def pending(self) -> bool:
        """A new value waits for a restart."""
        return bool(self.pending_value != self.value)

    def __str__(self) -> str:
        value = shown(self.key, self.value)
        text = f"{self.key} = {value!r} from {self.source} ({self.origin})"
        if self.pending:
            text += f"; {shown(self.key, self.pending_value)!r} after a restart"
        return text


def is_secret(key: str) -> bool:
    """The schema marks `key` (a current dotted key) ``SECRET``: never show its value."""
    info = schema_fields()[key]
    attribute = attrs.fields_dict(info.section_type)[info.name]
    return bool(attribute.metadata.get("secret", False))


def shown(key: str, value: object) -> JSONValue:
    """`value` as JSON-ready data that may be shown: a secret's masked, each item of a
    list on its own (so that "none set" and "two keys" still read as such)."""
    value = to_json(value)
    if not is_secret(key) or value in (None, "", [], ()):
        return value
    if isinstance(value, list | tuple):
        return [MASK for _ in value]
    return MASK


def shown_settings(data: Mapping[str, Mapping[str, JSONValue]]) -> dict[str, dict[str, JSONValue]]:
    """Nested settings data (``unstructure_settings``) with every secret masked."""
    return {
        section: {name: shown(f"{section}.{name}", value) for name, value in values.items()}
        for section, values in data.items()
    }


def merge(layers: Mapping[str, Layer]) -> dict[str, object]:
    """Every key's value from the highest layer that sets it (`layers` lowest first)."""
    merged = {key: info.default for key, info in schema_fields().items()}
    for layer in layers.values():
        merged.update(layer.values)
    return merged


def explain(
    info: FieldInfo, layers: Mapping[str, Layer], value: object, desired: object
) -> Explanation:
    """Why `info`'s key has `value` (in effect) and `desired` (after a restart)."""
    setting = [(name, layer) for name, layer in layers.items() if info.key in layer.values]
    source, origin, file = "default", "built-in default", None
    if setting:
        source, layer = setting[-1]
        origin, file = layer.origins.get(info.key, layer.origin), layer.file
    return Explanation(
        key=info.key,
        value=value,
        source=source,
        origin=origin,
        default=info.default,
        description=info.description,
        restart=info.restart,
        pending_value=desired,
        layers=tuple((name, layer.values[info.key]) for name, layer in setting),
        file=file,
    )
