"""The layers of settings, which one wins for a key, and the `Explanation` of a value.

Lowest first: built-in defaults < settings.json < override.json < ``LITETTS_*``
environment variables < explicit values. Each layer holds checked, typed values by
dotted key; a key missing from a layer falls through to the one below.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from attrs import field, frozen

from litetts.config.convert import to_json
from litetts.config.fields import FieldInfo, schema_fields

__all__ = ["LAYERS", "Explanation", "Layer", "explain", "merge"]

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
        text = f"{self.key} = {to_json(self.value)!r} from {self.source} ({self.origin})"
        if self.pending:
            text += f"; {to_json(self.pending_value)!r} after a restart"
        return text


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
