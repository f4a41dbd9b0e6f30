"""Where the server reads its settings: anything with a ``.config`` attribute.

A `litetts.config.ConfigStore` is one (its ``.config`` is replaced on hot reload);
`FixedConfig` wraps a plain `Settings`. The server reads ``source.config`` on every
request, so a reloaded limit, API key or CORS origin applies without a restart; only
keys marked restart-only (host, port, worker threads) wait for the next start.
"""

from __future__ import annotations

from typing import Protocol

from litetts.config import Settings

__all__ = ["ConfigSource", "FixedConfig"]


class ConfigSource(Protocol):
    """An object whose ``config`` is the current `Settings`."""

    @property
    def config(self) -> Settings: ...


class FixedConfig:
    """Settings that never change."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings if settings is not None else Settings()

    @property
    def config(self) -> Settings:
        return self._settings
