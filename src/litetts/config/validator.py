"""`ConfigValidator`: a raw settings dict (a parsed settings.json) checked against the schema.

Every problem is found in one pass; nothing stops at the first bad key. Unknown keys
are warnings with a "did you mean" hint, legacy names are read under their new name
with a warning, and each bad value is an error naming the key, the value and what
the schema expects.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path

from litetts.config.convert import check_values
from litetts.config.env import parse_environment
from litetts.config.fields import canonical_key, sections, suggest
from litetts.config.issues import Issue, ValidationResult

__all__ = ["ConfigValidator", "parse_json_text"]

logger = logging.getLogger(__name__)


def parse_json_text(text: str, source: str | None = None) -> tuple[object, Issue | None]:
    """`text` parsed as JSON, or None and the issue that says where it broke."""
    if not text.strip():
        return None, Issue("", "the file is empty; write {} for no settings", source=source)
    try:
        return json.loads(text), None
    except json.JSONDecodeError as err:
        return None, Issue(
            "",
            f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}",
            source=source,
        )


def _flatten(
    data: Mapping[str, object], source: str | None, issues: list[Issue]
) -> dict[str, object]:
    """Nested ``{"server": {"port": 1}}`` (or ``{"server.port": 1}``) as dotted keys."""
    known_sections = sections()
    flat: dict[str, object] = {}
    for name, content in data.items():
        if "." in name:
            flat[name] = content
        elif isinstance(content, Mapping):
            for field_name, value in content.items():
                flat[f"{name}.{field_name}"] = value
        elif name.lower() in known_sections:
            issues.append(
                Issue(
                    name,
                    f"{content!r} is not a section",
                    source=source,
                    value=content,
                    expected="an object of settings",
                )
            )
        else:
            issues.append(
                Issue(
                    name,
                    f"unknown section{suggest(name, known_sections)}",
                    source=source,
                    value=content,
                    severity="warning",
                )
            )
    return flat


class ConfigValidator:
    """Checks raw settings against the schema and reports every problem at once."""

    def validate_configuration(
        self, config_dict: object, *, source: str | Path | None = None
    ) -> ValidationResult:
        """Check `config_dict`, the parsed content of a settings file.

        Args:
            config_dict: ``{"section": {"field": value}}``; dotted top-level keys
                (``{"server.port": 9000}``) are accepted too.
            source: the file it came from, named in each issue.

        Returns:
            The issues (errors and warnings) and the typed values that passed.
        """
        where = None if source is None else str(source)
        if not isinstance(config_dict, Mapping):
            issue = Issue(
                "",
                f"the top level is {type(config_dict).__name__}, not an object",
                source=where,
                expected='an object such as {"server": {"port": 8354}}',
            )
            return ValidationResult((issue,))
        issues: list[Issue] = []
        raw = self._migrate(_flatten(config_dict, where, issues), where, issues)
        return self.validate_values(raw, source=where, issues=issues)

    def validate_file(self, path: Path | str) -> ValidationResult:
        """Read, parse and check one settings file (a missing file is an error)."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            reason = getattr(err, "strerror", None) or err
            return ValidationResult((Issue("", f"cannot be read: {reason}", source=str(path)),))
        data, problem = parse_json_text(text, str(path))
        if problem is not None:
            return ValidationResult((problem,))
        return self.validate_configuration(data, source=path)

    def validate_environment(self, env: Mapping[str, str]) -> ValidationResult:
        """Check the ``LITETTS_SECTION__FIELD`` variables of `env`."""
        return parse_environment(env)

    def validate_values(
        self,
        values: Mapping[str, object],
        *,
        source: str | None = None,
        issues: list[Issue] | None = None,
    ) -> ValidationResult:
        """Check raw values by dotted key (already flat, current names)."""
        return check_values(values, source=source, issues=issues)

    @staticmethod
    def _migrate(
        flat: dict[str, object], source: str | None, issues: list[Issue]
    ) -> dict[str, object]:
        migrated: dict[str, object] = {}
        renamed: list[tuple[str, str]] = []
        for key, value in flat.items():
            current = canonical_key(key)
            if current != key.lower():
                renamed.append((key, current))
                if current in flat:
                    continue  # the new name wins over the old one
            migrated[current] = value
        for old, new in renamed:
            message = f"legacy key, read as {new!r}; rename it in the file"
            logger.warning("%s: %s: %s", source or "settings", old, message)
            issues.append(Issue(old, message, source=source, severity="warning"))
        return migrated
