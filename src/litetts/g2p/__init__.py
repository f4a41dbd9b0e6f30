"""Speakable text -> phonemes: the `Phonemizer` protocol and its backends."""

from litetts.g2p.auto import AutoPhonemizer, Backend, default_phonemizer
from litetts.g2p.base import Phonemizer
from litetts.g2p.cmudict import CmudictPhonemizer
from litetts.g2p.espeak import EspeakPhonemizer
from litetts.g2p.japanese import JapanesePhonemizer
from litetts.g2p.languages import LANGUAGE_NAMES, LANGUAGES, language_for_voice, resolve_language
from litetts.g2p.mandarin import MandarinPhonemizer

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "AutoPhonemizer",
    "Backend",
    "CmudictPhonemizer",
    "EspeakPhonemizer",
    "JapanesePhonemizer",
    "MandarinPhonemizer",
    "Phonemizer",
    "default_phonemizer",
    "language_for_voice",
    "resolve_language",
]
