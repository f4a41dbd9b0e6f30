"""What validation finds: `Issue` records gathered in a `ValidationResult`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from attrs import field, frozen

from litetts.errors import ConfigError

__all__ = ["Issue", "ValidationResult"]

Severity = Literal["error", "warning"]


@frozen
class Issue:
    """One problem: where (file or environment), which key, the value and what was expected.

    Errors stop a file from being applied; warnings (an unknown or renamed key) do not.
    """

    key: str
    """Dotted key at fault; empty when the whole file is (not JSON, not an object)."""
    message: str
    source: str | None = None
    """The file, environment variable or ``explicit`` that held the value."""
    value: object = None
    expected: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.source, self.key) if part)
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}; expected {self.expected}" if self.expected else text


@frozen
class ValidationResult:
    """Every problem found at once, plus the values that passed, typed, by dotted key."""

    issues: tuple[Issue, ...] = ()
    values: Mapping[str, object] = field(factory=dict)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues that make the configuration unusable."""
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues that are reported but do not stop it being applied."""
        return tuple(issue for issue in self.issues if issue.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def __str__(self) -> str:
        if not self.issues:
            return "configuration is valid"
        return "\n".join(f"{issue.severity}: {issue}" for issue in self.issues)

    def error(self) -> ConfigError:
        """The errors as one `ConfigError` (naming the first key), for raising or keeping."""
        errors = self.errors
        count = f"{len(errors)} invalid settings: " if len(errors) > 1 else "invalid setting: "
        return ConfigError(
            count + "; ".join(str(issue) for issue in errors),
            key=errors[0].key if errors else None,
            issues=errors,
        )
