"""litetts: lightweight, CPU-first text-to-speech with Kokoro-82M on ONNX Runtime.

    >>> import litetts
    >>> tts = litetts.Synthesizer.default()          # doctest: +SKIP
    >>> tts.synthesize("Hello there.").save("hello.wav")  # doctest: +SKIP

Names are loaded on first use, so ``import litetts`` stays cheap and works
without optional extras.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from litetts.version import __version__

if TYPE_CHECKING:
    from litetts.assembly import Assembly
    from litetts.assets import AssetStore
    from litetts.audio import Audio
    from litetts.captions import write_captions
    from litetts.config import ConfigStore, Settings
    from litetts.errors import (
        AssetError,
        AudioTooLongError,
        ConfigError,
        InvalidInputError,
        LiteTTSError,
        MissingDependencyError,
        ModelError,
        PhonemizerError,
        VoiceNotFoundError,
    )
    from litetts.events import SynthesisEvent
    from litetts.kokoro import VoiceInfo
    from litetts.kokoro import catalogue as voices
    from litetts.live_text import FLUSH
    from litetts.performance import ConservativeOptimizer
    from litetts.phonemes import phonemize
    from litetts.synthesizer import Synthesizer
    from litetts.validation import AudioQualityValidator, QualityReport, WhisperValidator
    from litetts.words import Word


__all__ = [  # noqa: RUF022 (plain sorted, as test_exported_members pins it)
    "Assembly",
    "AssetError",
    "AssetStore",
    "Audio",
    "AudioQualityValidator",
    "AudioTooLongError",
    "ConfigError",
    "ConfigStore",
    "ConservativeOptimizer",
    "FLUSH",
    "InvalidInputError",
    "LiteTTSError",
    "MissingDependencyError",
    "ModelError",
    "PhonemizerError",
    "QualityReport",
    "Settings",
    "SynthesisEvent",
    "Synthesizer",
    "VoiceInfo",
    "VoiceNotFoundError",
    "WhisperValidator",
    "Word",
    "__version__",
    "phonemize",
    "voices",
    "write_captions",
]

_LAZY: dict[str, tuple[str, str]] = {
    "FLUSH": ("litetts.live_text", "FLUSH"),
    "Assembly": ("litetts.assembly", "Assembly"),
    "AssetError": ("litetts.errors", "AssetError"),
    "AssetStore": ("litetts.assets", "AssetStore"),
    "Audio": ("litetts.audio", "Audio"),
    "AudioQualityValidator": ("litetts.validation", "AudioQualityValidator"),
    "AudioTooLongError": ("litetts.errors", "AudioTooLongError"),
    "ConfigError": ("litetts.errors", "ConfigError"),
    "ConfigStore": ("litetts.config", "ConfigStore"),
    "ConservativeOptimizer": ("litetts.performance", "ConservativeOptimizer"),
    "InvalidInputError": ("litetts.errors", "InvalidInputError"),
    "LiteTTSError": ("litetts.errors", "LiteTTSError"),
    "MissingDependencyError": ("litetts.errors", "MissingDependencyError"),
    "ModelError": ("litetts.errors", "ModelError"),
    "PhonemizerError": ("litetts.errors", "PhonemizerError"),
    "QualityReport": ("litetts.validation", "QualityReport"),
    "Settings": ("litetts.config", "Settings"),
    "SynthesisEvent": ("litetts.events", "SynthesisEvent"),
    "Synthesizer": ("litetts.synthesizer", "Synthesizer"),
    "VoiceInfo": ("litetts.kokoro", "VoiceInfo"),
    "VoiceNotFoundError": ("litetts.errors", "VoiceNotFoundError"),
    "WhisperValidator": ("litetts.validation", "WhisperValidator"),
    "Word": ("litetts.words", "Word"),
    "phonemize": ("litetts.phonemes", "phonemize"),
    "voices": ("litetts.kokoro", "catalogue"),
    "write_captions": ("litetts.captions", "write_captions"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'litetts' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
