"""Settings: one attrs schema shared by the library and its adapters."""

from litetts.config.schema import (
    RESTART,
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

__all__ = [
    "RESTART",
    "CacheSettings",
    "DashboardSettings",
    "LoggingSettings",
    "ModelSettings",
    "PerformanceSettings",
    "ServerSettings",
    "Settings",
    "SynthesisSettings",
    "ValidationSettings",
]
