"""Settings: one attrs schema, and the `ConfigStore` that layers, validates and reloads it.

    >>> from litetts.config import ConfigStore
    >>> store = ConfigStore.load()                     # doctest: +SKIP
    >>> store.get("server.port"), store.explain("server.port").source  # doctest: +SKIP
    (8354, 'default')

See docs/configuration.md for every key, the layers and the environment variables.
"""

from litetts.config.backups import Backup, BackupManager
from litetts.config.convert import structure_settings, unstructure_settings
from litetts.config.fields import FieldInfo, schema_fields
from litetts.config.issues import Issue, ValidationResult
from litetts.config.layers import LAYERS, MASK, Explanation, is_secret, shown, shown_settings
from litetts.config.reference import render_markdown, schema_records
from litetts.config.schema import (
    LEGACY_KEYS,
    RESTART,
    SECRET,
    CacheSettings,
    DashboardSettings,
    LoggingSettings,
    ModelSettings,
    PerformanceSettings,
    ServerSettings,
    Settings,
    SynthesisSettings,
    ValidationSettings,
)
from litetts.config.store import ConfigChange, ConfigStore, default_config_dir
from litetts.config.validator import ConfigValidator
from litetts.errors import ConfigError

__all__ = [
    "LAYERS",
    "LEGACY_KEYS",
    "MASK",
    "RESTART",
    "SECRET",
    "Backup",
    "BackupManager",
    "CacheSettings",
    "ConfigChange",
    "ConfigError",
    "ConfigStore",
    "ConfigValidator",
    "DashboardSettings",
    "Explanation",
    "FieldInfo",
    "Issue",
    "LoggingSettings",
    "ModelSettings",
    "PerformanceSettings",
    "ServerSettings",
    "Settings",
    "SynthesisSettings",
    "ValidationResult",
    "ValidationSettings",
    "default_config_dir",
    "is_secret",
    "render_markdown",
    "schema_fields",
    "schema_records",
    "shown",
    "shown_settings",
    "structure_settings",
    "unstructure_settings",
]
