"""`ConfigStore`: the layered, validated, hot-reloadable settings of one process.

Layers, lowest first (a higher layer wins, key by key)::

    default < settings.json < override.json < LITETTS_* environment < explicit values

A file is validated before it is applied: a bad file at start-up is replaced by its
newest good copy among the backups (or by nothing), and a bad edit while running
changes nothing; either way the errors are logged and kept in `ConfigStore.last_error`.
Keys marked `RESTART` in the schema keep the value the process started with; a new
value for one is reported as pending restart, never half-applied.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType

import platformdirs
from attrs import frozen

from litetts.config.backups import CONFIG_FILES, BackupManager, write_atomically
from litetts.config.convert import from_flat, to_json
from litetts.config.fields import FieldInfo, field_info, schema_fields
from litetts.config.issues import Issue, ValidationResult
from litetts.config.layers import Explanation, Layer, explain, merge
from litetts.config.schema import Settings
from litetts.config.sources import (
    environment_layer,
    explicit_layer,
    file_layer,
    read_settings_file,
    startup_layer,
    typed_value,
    with_override,
)
from litetts.config.validator import ConfigValidator
from litetts.config.watcher import Backend, DirectoryWatcher
from litetts.errors import ConfigError
from litetts.events import EventHub

__all__ = ["ConfigChange", "ConfigStore", "default_config_dir"]

logger = logging.getLogger(__name__)

SETTINGS_FILE, OVERRIDE_FILE = CONFIG_FILES


def default_config_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$LITETTS_CONFIG_DIR``, else the platform's config folder for litetts."""
    value = (os.environ if env is None else env).get("LITETTS_CONFIG_DIR")
    return Path(value).expanduser() if value else Path(platformdirs.user_config_dir("litetts"))


@frozen
class ConfigChange:
    """What one reload, `set` or restore did."""

    config: Settings
    """The settings now in effect."""
    previous: Settings
    changed: tuple[str, ...] = ()
    """Dotted keys whose new value is in effect."""
    pending_restart: tuple[str, ...] = ()
    """Dotted keys whose new value waits for a restart."""


Subscriber = Callable[[ConfigChange], None]


class ConfigStore:
    """The settings in effect, their sources, and the changes to them.

    Build one with `ConfigStore.load`. Thread-safe; `config` is a frozen `Settings`
    swapped whole on each change, so a reader never sees half of one.
    """

    def __init__(
        self,
        config_dir: Path,
        *,
        env: Mapping[str, str],
        overrides: Mapping[str, object],
        keep_backups: int = 20,
    ) -> None:
        self.config_dir = config_dir
        self.validator = ConfigValidator()
        self.backups = BackupManager(config_dir, keep=keep_backups, validator=self.validator)
        self.last_error: ConfigError | None = None
        """The problems of the last rejected file or variable; None after a clean load."""
        self._lock = threading.RLock()
        self._changes: EventHub[ConfigChange] = EventHub()
        self._watcher: DirectoryWatcher | None = None
        explicit = explicit_layer(self.validator, overrides)
        environment, env_error = environment_layer(env)
        if env_error is not None:
            self.last_error = env_error
        self._texts: dict[str, str | None] = {}
        self._layers = {
            "settings": self._startup_file(SETTINGS_FILE),
            "override": self._startup_file(OVERRIDE_FILE),
            "environment": environment,
            "explicit": explicit,
        }
        self._desired = merge(self._layers)
        self._started = {
            key: self._desired[key] for key, info in schema_fields().items() if info.restart
        }
        self._config = from_flat(self._desired)

    @classmethod
    def load(
        cls,
        config_dir: Path | str | None = None,
        *,
        overrides: Mapping[str, object] | None = None,
        env: Mapping[str, str] | None = None,
        watch: bool = False,
        debounce_s: float = 0.25,
        keep_backups: int = 20,
        watch_backend: Backend = "auto",
    ) -> ConfigStore:
        """Read the settings of `config_dir` and the environment; never fails on a bad file.

        Args:
            config_dir: folder of settings.json and override.json; default
                ``$LITETTS_CONFIG_DIR`` or the platform config folder.
            overrides: explicit values, the top layer: ``{"server.port": 9000}`` or
                ``{"server": {"port": 9000}}``.
            env: the environment to read ``LITETTS_*`` variables from; default
                `os.environ` (read once, now).
            watch: reload when the files change (stop it with `close`).
            debounce_s: quiet time after the last write before a reload.
            keep_backups: how many backups `backups` keeps.
            watch_backend: ``auto`` (watchfiles when installed), ``watchfiles`` or ``poll``.

        Raises:
            ConfigError: an explicit value is invalid (a bad file or variable is
                logged and kept in `last_error` instead).
        """
        environment = dict(os.environ if env is None else env)
        directory = Path(config_dir).expanduser() if config_dir else default_config_dir(environment)
        store = cls(
            directory,
            env=environment,
            overrides=overrides or {},
            keep_backups=keep_backups,
        )
        if watch:
            store.watch(debounce_s=debounce_s, backend=watch_backend)
        return store

    # -- reading -------------------------------------------------------------------

    @property
    def config(self) -> Settings:
        """The settings in effect now."""
        return self._config

    def get(self, key: str) -> object:
        """The value in effect for a dotted key such as ``server.port``."""
        info = _info(key)
        return getattr(getattr(self._config, info.section), info.name)

    @property
    def pending_restart(self) -> dict[str, object]:
        """Dotted key -> the value it will have after a restart, for each pending change."""
        with self._lock:
            return {k: self._desired[k] for k, v in self._started.items() if self._desired[k] != v}

    def explain(self, key: str) -> Explanation:
        """The value of `key`, the layer and file it came from, and its default."""
        info = _info(key)
        with self._lock:
            return explain(info, self._layers, self.get(info.key), self._desired[info.key])

    # -- changing ------------------------------------------------------------------

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call `callback` with each `ConfigChange`; returns a function that unsubscribes.

        Callbacks run on the thread that made the change (the watcher's, for a file
        edit); their exceptions are logged, never raised.
        """
        return self._changes.subscribe(callback)

    def set(self, key: str, value: object, persist: bool = False) -> ConfigChange:
        """Change one setting now; with `persist`, also write it to override.json.

        A string is read as the environment would read it (``"9000"``, ``"a, b"``).
        Without `persist` the value joins the explicit layer of this process only.

        Raises:
            ConfigError: unknown key or invalid value (nothing changes), or
                override.json is invalid and cannot be updated safely.
        """
        info = _info(key)
        typed = typed_value(info, value)
        with self._lock:
            layers = dict(self._layers)
            if not persist:
                old = layers["explicit"]
                layers["explicit"] = Layer(
                    "explicit", {**old.values, info.key: typed}, origin="explicit value"
                )
                return self._apply(layers)
            text, values = self._updated_override(info, typed)
            self._backup(f"before set {info.key}", required=True)
            try:
                write_atomically(self.config_dir / OVERRIDE_FILE, text)
            except OSError as err:
                target = self.config_dir / OVERRIDE_FILE
                raise ConfigError(f"cannot write {target}: {err}", key=info.key) from err
            self._texts[OVERRIDE_FILE] = text
            layers["override"] = self._file_layer(OVERRIDE_FILE, values)
            return self._apply(layers)

    def reload(self) -> ConfigChange | None:
        """Read the files again and apply them if they are valid.

        Returns:
            The change (possibly empty), or None when a file is invalid: then nothing
            changed and `last_error` says why.
        """
        return self._reload("before reload")

    def _reload(self, backup_reason: str | None) -> ConfigChange | None:
        with self._lock:
            layers = dict(self._layers)
            texts: dict[str, str | None] = {}
            issues: list[Issue] = []
            for layer_name, name in zip(("settings", "override"), CONFIG_FILES, strict=True):
                texts[name], result = self._read(name)
                issues.extend(result.issues)
                layers[layer_name] = self._file_layer(name, result.values)
            result = ValidationResult(tuple(issues))
            fresh = {name for name, text in texts.items() if text != self._texts.get(name)}
            if not result.ok:
                self.last_error = result.error()
                if fresh:
                    logger.error("%s\nkeeping the last good configuration", result)
                return None
            self.last_error = None
            if fresh:
                for warning in result.warnings:
                    logger.warning("%s", warning)
            if all(layers[n].values == self._layers[n].values for n in ("settings", "override")):
                self._texts.update(texts)
                return ConfigChange(self._config, self._config)
            if backup_reason is not None:
                self._backup(backup_reason)
            self._texts.update(texts)
            return self._apply(layers)

    def restore(self, backup_id: str) -> ConfigChange:
        """Put backup `backup_id`'s files back and apply them (after validating them).

        Raises:
            ConfigError: no such backup, or it does not validate (nothing changes).
        """
        with self._lock:
            self.backups.restore_backup(backup_id, current=self._texts)
            change = self._reload(None)  # restore_backup saved the state before it
            if change is None:  # pragma: no cover - the backup was validated
                raise self.last_error or ConfigError("restore failed")
            return change

    # -- watching ------------------------------------------------------------------

    def watch(self, *, debounce_s: float = 0.25, backend: Backend = "auto") -> None:
        """Reload whenever settings.json or override.json changes, until `close`."""
        with self._lock:
            if self._watcher is not None:
                return
            self.config_dir.mkdir(parents=True, exist_ok=True)
            self._watcher = DirectoryWatcher(
                self.config_dir,
                CONFIG_FILES,
                self._files_changed,
                debounce_s=debounce_s,
                backend=backend,
            )
        self._watcher.start()
        logger.info("watching %s (%s)", self.config_dir, self._watcher.backend)

    @property
    def watching(self) -> bool:
        """True while a watcher reloads the files on change."""
        return self._watcher is not None

    def close(self) -> None:
        """Stop watching the files (the settings stay readable)."""
        with self._lock:
            watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.close()

    def __enter__(self) -> ConfigStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals -----------------------------------------------------------------

    def _files_changed(self) -> None:
        self.reload()

    def _read(self, name: str) -> tuple[str | None, ValidationResult]:
        return read_settings_file(self.config_dir / name, self.validator)

    def _file_layer(self, name: str, values: Mapping[str, object], note: str = "") -> Layer:
        return file_layer(self.config_dir / name, values, note)

    def _startup_file(self, name: str) -> Layer:
        layer, text, result = startup_layer(self.config_dir / name, self.validator, self.backups)
        self._texts[name] = text
        if not result.ok:
            self.last_error = result.error()
        return layer

    def _updated_override(self, info: FieldInfo, typed: object) -> tuple[str, Mapping[str, object]]:
        """The text of override.json with `info`'s key set, and its checked values."""
        text, result = self._read(OVERRIDE_FILE)
        if not result.ok:
            raise ConfigError(
                f"{OVERRIDE_FILE} is invalid; fix it or restore a backup first: "
                + "; ".join(str(issue) for issue in result.errors),
                key=info.key,
                issues=result.errors,
            )
        data = with_override(json.loads(text) if text else {}, info.key, to_json(typed))
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        source = self.config_dir / OVERRIDE_FILE
        return text, self.validator.validate_configuration(data, source=source).values

    def _backup(self, reason: str, *, required: bool = False) -> None:
        try:
            self.backups.create_backup(reason, self._texts)
        except OSError as err:
            if required:
                raise ConfigError(
                    f"cannot back up the settings before changing them: {err}"
                ) from err
            logger.warning("cannot back up the settings (%s); applying the change anyway", err)

    def _apply(self, layers: dict[str, Layer]) -> ConfigChange:
        """Make `layers` current and tell the subscribers what changed (lock held)."""
        desired = merge(layers)
        running = {**desired, **self._started}
        before = {**self._desired, **self._started}
        changed = tuple(key for key in running if running[key] != before[key])
        pending = tuple(
            key
            for key, value in self._started.items()
            if desired[key] != self._desired[key] and desired[key] != value
        )
        previous = self._config
        self._layers = layers
        self._desired = desired
        if changed:
            self._config = from_flat(running)
        change = ConfigChange(self._config, previous, changed, pending)
        if changed or pending:
            logger.info(
                "settings changed: %s; pending restart: %s",
                ", ".join(changed) or "none",
                ", ".join(pending) or "none",
            )
            self._changes.emit(change)  # under the lock: changes arrive in order
        return change


def _info(key: str) -> FieldInfo:
    try:
        return field_info(key)
    except KeyError as err:
        raise ConfigError(str(err.args[0]), key=key) from None
