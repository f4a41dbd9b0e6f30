"""Speakable text -> phonemes: the `Phonemizer` protocol and its backends."""

from litetts.g2p.base import Phonemizer
from litetts.g2p.espeak import EspeakPhonemizer
from litetts.g2p.languages import LANGUAGE_NAMES, LANGUAGES, language_for_voice, resolve_language

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "EspeakPhonemizer",
    "Phonemizer",
    "language_for_voice",
    "resolve_language",
]
