"""Settings: one attrs schema shared by the library and its adapters."""

from litetts.config.schema import ModelSettings, Settings, SynthesisSettings

__all__ = ["ModelSettings", "Settings", "SynthesisSettings"]
