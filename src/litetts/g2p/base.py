"""The `Phonemizer` protocol: speakable text in, Kokoro phoneme string out."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = ["NamedBackend", "Phonemizer", "backend_name"]


@runtime_checkable
class Phonemizer(Protocol):
    """Turns speakable text into a phoneme string in Kokoro's symbol set.

    Implementations keep stress marks and punctuation. Symbols outside Kokoro's
    vocabulary may remain; the vocabulary drops them before the model sees them.
    Implementations that are not thread-safe hold their own lock.
    """

    def phonemize(self, text: str, lang: str) -> str:
        """Phonemes for `text` spoken in `lang` (a code from `litetts.g2p.LANGUAGES`)."""
        ...


@runtime_checkable
class NamedBackend(Protocol):
    """A phonemizer that says which backend speaks now (`AutoPhonemizer` switches
    between espeak-ng and CMUdict, which say words differently)."""

    @property
    def backend(self) -> str:
        """The backend's name, e.g. ``"espeak"``."""
        ...


def backend_name(phonemizer: Phonemizer) -> str:
    """What tells `phonemizer`'s pronunciations apart in cache keys: its declared
    `NamedBackend.backend`, else its class name."""
    if isinstance(phonemizer, NamedBackend):
        return phonemizer.backend
    return type(phonemizer).__qualname__
