"""`BackupManager`: timestamped copies of the settings files, kept next to them.

A backup is one JSON file in ``<config dir>/backups/`` holding the exact text of each
settings file at that moment (or null where the file did not exist), the time and the
reason. Files are written atomically (temporary file, then rename); the oldest are
deleted beyond the retention limit.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path

from attrs import field, frozen

from litetts.config.issues import Issue, ValidationResult
from litetts.config.validator import ConfigValidator, parse_json_text
from litetts.errors import ConfigError
from litetts.files import atomic_write

__all__ = ["CONFIG_FILES", "Backup", "BackupManager", "write_atomically"]

logger = logging.getLogger(__name__)

CONFIG_FILES = ("settings.json", "override.json")
"""The settings files of a config folder, lowest layer first."""

DEFAULT_KEEP = 20
PRIVATE_MODE = 0o600


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old or the new file, never half.

    Settings files may hold API keys, so they are readable by their owner only.
    """
    atomic_write(path, text, mode=PRIVATE_MODE)


@frozen
class Backup:
    """One saved state of the settings files."""

    id: str
    created: datetime
    reason: str
    files: Mapping[str, str | None] = field(factory=dict)
    """File name -> its exact text, or None where the file did not exist."""


def _stem(path: Path) -> str:
    return path.stem


def read_files(directory: Path, names: Iterable[str] = CONFIG_FILES) -> dict[str, str | None]:
    """The text of each settings file in `directory`, None where one is missing."""
    texts: dict[str, str | None] = {}
    for name in names:
        try:
            texts[name] = (directory / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            texts[name] = None
    return texts


class BackupManager:
    """Creates, lists and restores backups of the settings files in `config_dir`.

    Args:
        config_dir: the folder holding settings.json and override.json.
        keep: how many backups to keep; older ones are deleted.
        validator: checks a backup before it is restored.
    """

    def __init__(
        self,
        config_dir: Path | str,
        *,
        keep: int = DEFAULT_KEEP,
        validator: ConfigValidator | None = None,
    ) -> None:
        if keep < 1:
            raise ConfigError(f"keep must be at least 1, got {keep}", key="keep")
        self.config_dir = Path(config_dir)
        self.directory = self.config_dir / "backups"
        self.keep = keep
        self.validator = validator if validator is not None else ConfigValidator()
        self._lock = threading.Lock()

    def create_backup(self, reason: str, files: Mapping[str, str | None] | None = None) -> Backup:
        """Save `files` (default: the settings files as they are on disk now).

        Returns:
            The backup; its `id` is what `restore_backup` takes.
        """
        texts = dict(files) if files is not None else read_files(self.config_dir)
        created = datetime.now(timezone.utc)
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            stem = created.strftime("%Y%m%dT%H%M%S%fZ")
            backup_id, number = stem, 0
            while (self.directory / f"{backup_id}.json").exists():
                number += 1
                backup_id = f"{stem}-{number}"
            backup = Backup(backup_id, created, reason, texts)
            record = {
                "id": backup_id,
                "created": created.isoformat(),
                "reason": reason,
                "files": texts,
            }
            write_atomically(self.directory / f"{backup_id}.json", json.dumps(record, indent=2))
            self._prune()
        logger.info("config backup %s: %s", backup_id, reason)
        return backup

    def read_current(self) -> dict[str, str | None]:
        """The text of each settings file on disk now, None where one is missing."""
        return read_files(self.config_dir)

    def list_backups(self) -> list[Backup]:
        """Every readable backup, newest first (an unreadable one is logged and skipped)."""
        if not self.directory.is_dir():
            return []
        backups = []
        for path in sorted(self.directory.glob("*.json"), key=_stem, reverse=True):
            try:
                backups.append(self._read(path))
            except ConfigError as err:
                logger.warning("skipping backup %s: %s", path, err)
        return backups

    def get(self, backup_id: str) -> Backup:
        """The backup with this id.

        Raises:
            ConfigError: there is none, or it cannot be read.
        """
        path = self.directory / f"{backup_id}.json"
        if "/" in backup_id or "\\" in backup_id or not path.is_file():
            known = [backup.id for backup in self.list_backups()[:5]]
            hint = f"; newest: {', '.join(known)}" if known else "; there are no backups"
            raise ConfigError(f"no config backup {backup_id!r}{hint}", key="backup")
        return self._read(path)

    def check(self, backup: Backup) -> ValidationResult:
        """Validate every file a backup holds, as if it were on disk."""
        issues: list[Issue] = []
        values: dict[str, object] = {}
        for name, text in backup.files.items():
            if text is None:
                continue
            source = f"backup {backup.id}: {name}"
            data, problem = parse_json_text(text, source)
            if problem is not None:
                issues.append(problem)
                continue
            result = self.validator.validate_configuration(data, source=source)
            issues.extend(result.issues)
            values.update(result.values)
        return ValidationResult(tuple(issues), values)

    def restore_backup(
        self, backup_id: str, *, current: Mapping[str, str | None] | None = None
    ) -> Backup:
        """Put the files of backup `backup_id` back, after validating them.

        The current files (or `current`, the state in use) are backed up first, so a
        restore can itself be undone.

        Raises:
            ConfigError: no such backup, or it does not validate (nothing is written).
        """
        backup = self.get(backup_id)
        result = self.check(backup)
        if not result.ok:
            raise result.error()
        self.create_backup(f"before restoring {backup_id}", current)
        for name, text in backup.files.items():
            if name not in CONFIG_FILES:
                continue
            path = self.config_dir / name
            if text is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, text)
        logger.info("restored config backup %s (%s)", backup_id, backup.reason)
        return backup

    def _read(self, path: Path) -> Backup:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            files = record["files"]
            if not isinstance(files, dict) or not all(
                isinstance(text, (str, type(None))) for text in files.values()
            ):
                raise TypeError("files must map names to text")
            return Backup(
                str(record["id"]),
                datetime.fromisoformat(record["created"]),
                str(record["reason"]),
                files,
            )
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ConfigError(f"config backup {path} is unreadable: {err}", key="backup") from err

    def _prune(self) -> None:
        paths = sorted(self.directory.glob("*.json"), key=_stem, reverse=True)
        for path in paths[self.keep :]:
            path.unlink(missing_ok=True)
