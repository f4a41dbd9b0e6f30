"""The litetts exception hierarchy.

Every error the library raises on purpose is a `LiteTTSError`; subclasses also
inherit the built-in exception they resemble, so ``except ValueError`` keeps
working for callers who do not know litetts::

    LiteTTSError
    ├── AssetError(LiteTTSError, FileNotFoundError)  a model/voice file is missing or corrupt
    ├── InvalidInputError(LiteTTSError, ValueError)  the caller passed something unusable
    │   ├── VoiceNotFoundError(InvalidInputError, KeyError)  unknown voice id or blend part
    │   ├── AudioTooLongError(InvalidInputError)     the request would make too much audio
    │   └── ConfigError(InvalidInputError)            a setting or settings file is invalid
    ├── PhonemizerError(LiteTTSError, RuntimeError)   text could not become phonemes
    ├── ModelError(LiteTTSError, RuntimeError)        the acoustic model failed to load or run
    └── MissingDependencyError(LiteTTSError, ImportError)  an optional extra is not installed
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "AssetError",
    "AudioTooLongError",
    "ConfigError",
    "InvalidInputError",
    "LiteTTSError",
    "MissingDependencyError",
    "ModelError",
    "PhonemizerError",
    "VoiceNotFoundError",
]


class LiteTTSError(Exception):
    """Root of every error litetts raises on purpose."""


class AssetError(LiteTTSError, FileNotFoundError):
    """A model, voice or vocabulary file is missing, incomplete or corrupt.

    The message names the file and the command that provisions it.
    """

    def __init__(self, message: str, *, path: object = None, fix: str | None = None) -> None:
        text = message if fix is None else f"{message}; fix: {fix}"
        super().__init__(text)
        self.path = path
        self.fix = fix

    def __str__(self) -> str:
        return str(self.args[0])


class InvalidInputError(LiteTTSError, ValueError):
    """The caller passed a value litetts cannot use (empty text, bad speed, ...).

    Attributes:
        field: the argument or request field at fault, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class VoiceNotFoundError(InvalidInputError, KeyError):
    """No voice has this id; the message lists close matches."""

    def __init__(self, voice: str, known: Iterable[str]) -> None:
        names = sorted(known)
        close = difflib.get_close_matches(voice, names, n=3, cutoff=0.6)
        hint = (
            f"; close matches: {', '.join(close)}"
            if close
            else "; run `litetts voices` for the list"
        )
        super().__init__(f"unknown voice {voice!r}{hint}", field="voice")
        self.voice = voice
        self.close_matches = close

    def __str__(self) -> str:
        # KeyError would otherwise repr() the message.
        return str(self.args[0])


class AudioTooLongError(InvalidInputError):
    """A request would make more audio than a limit allows; refused before any model work.

    Attributes:
        estimate_seconds: the upper estimate of its audio.
        limit_seconds: the limit.
        setting: the setting that sets the limit (``synthesis.max_audio_seconds``).
        tokens: the phoneme tokens the estimate counted.
    """

    def __init__(
        self, estimate_seconds: float, limit_seconds: float, *, setting: str, tokens: int
    ) -> None:
        super().__init__(
            f"this request would make up to {estimate_seconds:.0f} s of audio "
            f"({tokens} phoneme tokens); the limit is {limit_seconds:g} s ({setting}): "
            "send shorter text or a faster speed",
            field="input",
        )
        self.estimate_seconds = estimate_seconds
        self.limit_seconds = limit_seconds
        self.setting = setting
        self.tokens = tokens


class ConfigError(InvalidInputError):
    """A setting, or a settings file, does not fit the schema.

    The message names the file, the key, the bad value and what was expected;
    `issues` holds every problem found (`litetts.config.Issue` records).
    """

    def __init__(
        self, message: str, *, key: str | None = None, issues: tuple[object, ...] = ()
    ) -> None:
        super().__init__(message, field=key)
        self.key = key
        self.issues = issues


class PhonemizerError(LiteTTSError, RuntimeError):
    """Text could not be turned into phonemes (backend missing, language unsupported)."""


class ModelError(LiteTTSError, RuntimeError):
    """The acoustic model could not be loaded or failed while running."""


class MissingDependencyError(LiteTTSError, ImportError):
    """An optional extra is needed for this feature; the message names it."""

    def __init__(self, feature: str, extra: str, module: str, *, hint: str | None = None) -> None:
        fix = hint if hint is not None else f"install it with: pip install 'litetts[{extra}]'"
        super().__init__(f"{feature} needs the optional dependency {module!r}; {fix}")
        self.extra = extra
        self.module = module
