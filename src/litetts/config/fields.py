"""The schema as data: one `FieldInfo` per dotted key (``server.port``).

Types come from the annotations, constraints from the attrs validators, descriptions
from the docstring under each field in the schema's source, restart flags from the
field metadata. Everything else in `litetts.config` (validation, environment parsing,
the generated reference) reads the schema through here.
"""

from __future__ import annotations

import ast
import difflib
import functools
import inspect
import itertools
import textwrap
import types
import typing
from collections.abc import Mapping
from pathlib import Path

import attrs
from attrs import frozen

from litetts.config.schema import LEGACY_KEYS, Settings

__all__ = [
    "Constraints",
    "FieldInfo",
    "canonical_key",
    "field_info",
    "schema_fields",
    "sections",
    "suggest",
]

_BASES: tuple[type, ...] = (bool, int, float, str, Path, tuple)


@frozen
class Constraints:
    """Bounds and choices a value must meet, read from the field's validators."""

    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    choices: tuple[object, ...] | None = None
    min_len: int | None = None

    def describe(self) -> str:
        """The constraints in words, such as ``>= 1 and <= 65535``; empty for none."""
        parts = [
            f"{op} {_number(bound)}"
            for op, bound in ((">=", self.ge), (">", self.gt), ("<=", self.le), ("<", self.lt))
            if bound is not None
        ]
        if self.choices is not None:
            parts.append("one of " + ", ".join(str(choice) for choice in self.choices))
        if self.min_len:
            parts.append("not empty" if self.min_len == 1 else f"at least {self.min_len} long")
        return " and ".join(parts)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else str(value)


@frozen
class FieldInfo:
    """One setting: where it lives, its type, default, constraints and meaning."""

    key: str
    """Dotted key, ``section.name``."""
    section: str
    name: str
    section_type: type
    base: type
    """The value's type without ``None``: bool, int, float, str, Path or tuple (of str)."""
    optional: bool
    """None (JSON null) is allowed."""
    default: object
    description: str
    restart: bool
    """The key takes effect only when the process restarts."""
    constraints: Constraints

    @property
    def env_var(self) -> str:
        """The environment variable that sets this key: ``LITETTS_SERVER__PORT``."""
        return f"LITETTS_{self.section.upper()}__{self.name.upper()}"

    @property
    def type_name(self) -> str:
        """The JSON type in words: ``integer``, ``number or null``, ``list of strings``."""
        name = {
            bool: "boolean",
            int: "integer",
            float: "number",
            str: "string",
            Path: "path",
            tuple: "list of strings",
        }[self.base]
        return f"{name} or null" if self.optional else name

    @property
    def expected(self) -> str:
        """What a valid value looks like, e.g. ``an integer >= 1 and <= 65535``."""
        if self.constraints.choices is not None:
            choices = ", ".join(str(choice) for choice in self.constraints.choices)
            return f"one of {choices}" + (" or null" if self.optional else "")
        article = "an" if self.type_name[0] in "aeiou" else "a"
        rule = self.constraints.describe()
        return f"{article} {self.type_name}" + (f", {rule}" if rule else "")


def _validators(validator: object) -> list[object]:
    """Flatten and_/optional wrappers into the plain validators they hold."""
    if validator is None:
        return []
    kind = type(validator).__name__
    if kind == "_AndValidator":
        return [v for inner in getattr(validator, "_validators", ()) for v in _validators(inner)]
    if kind == "_OptionalValidator":
        return _validators(getattr(validator, "validator", None))
    if isinstance(validator, (list, tuple)):
        return [v for inner in validator for v in _validators(inner)]
    return [validator]


def _constraints(attribute: attrs.Attribute[object]) -> Constraints:
    bounds: dict[str, object] = {}
    names = {">=": "ge", ">": "gt", "<=": "le", "<": "lt"}
    for validator in _validators(attribute.validator):
        kind = type(validator).__name__
        if kind == "_NumberValidator":
            bounds[names[validator.compare_op]] = validator.bound  # type: ignore[attr-defined]
        elif kind == "_InValidator":
            bounds["choices"] = tuple(validator.options)  # type: ignore[attr-defined]
        elif kind == "_MinLengthValidator":
            bounds["min_len"] = validator.min_length  # type: ignore[attr-defined]
    return Constraints(**bounds)  # type: ignore[arg-type]


def _split_optional(annotation: object) -> tuple[type, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if len(args) == 1:
            base, _ = _split_optional(args[0])
            return base, optional
    if origin is tuple:
        return tuple, False
    if isinstance(annotation, type) and issubclass(annotation, _BASES):
        return next(base for base in _BASES if issubclass(annotation, base)), False
    raise TypeError(f"settings field type {annotation!r} is not supported")


def _docstrings(cls: type) -> dict[str, str]:
    """The docstring written under each field of `cls`, whitespace collapsed."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # no source shipped: descriptions stay empty
        return {}
    body = ast.parse(source).body[0]
    found: dict[str, str] = {}
    statements = body.body if isinstance(body, ast.ClassDef) else []
    for statement, following in itertools.pairwise(statements):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = " ".join(following.value.value.split())
    return found


def sections() -> dict[str, type]:
    """Section name -> its attrs class, in schema order."""
    hints = typing.get_type_hints(Settings)
    return {field.name: hints[field.name] for field in attrs.fields(Settings)}


@functools.cache
def schema_fields() -> Mapping[str, FieldInfo]:
    """Every setting by dotted key, in schema order."""
    infos: dict[str, FieldInfo] = {}
    for section, cls in sections().items():
        hints = typing.get_type_hints(cls)
        docs = _docstrings(cls)
        defaults = cls()
        for attribute in attrs.fields(cls):
            base, optional = _split_optional(hints[attribute.name])
            key = f"{section}.{attribute.name}"
            infos[key] = FieldInfo(
                key=key,
                section=section,
                name=attribute.name,
                section_type=cls,
                base=base,
                optional=optional,
                default=getattr(defaults, attribute.name),
                description=docs.get(attribute.name, ""),
                restart=bool(attribute.metadata.get("restart", False)),
                constraints=_constraints(attribute),
            )
    return types.MappingProxyType(infos)


def canonical_key(key: str) -> str:
    """`key` lower-cased, with a legacy name replaced by its current one."""
    lowered = key.strip().lower()
    return LEGACY_KEYS.get(lowered, lowered)


def suggest(key: str, known: typing.Iterable[str] | None = None) -> str:
    """A ``; did you mean ...?`` hint for an unknown `key`, or an empty string."""
    names = list(known) if known is not None else list(schema_fields())
    name = key.rsplit(".", 1)[-1]
    close = [k for k in names if "." in key and k.rsplit(".", 1)[-1] == name][:3]  # moved
    if not close:
        close = difflib.get_close_matches(key, names, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def field_info(key: str) -> FieldInfo:
    """The `FieldInfo` for `key` (legacy names accepted).

    Raises:
        KeyError: no such setting; the message suggests close matches.
    """
    infos = schema_fields()
    try:
        return infos[canonical_key(key)]
    except KeyError:
        raise KeyError(f"unknown setting {key!r}{suggest(key)}") from None
