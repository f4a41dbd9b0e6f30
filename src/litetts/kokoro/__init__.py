"""Phonemes -> audio: the Kokoro model session, its vocabulary and its voices."""

from litetts.kokoro.blends import OPENAI_VOICES, BlendPart, format_blend, parse_voice
from litetts.kokoro.model import (
    MAX_SPEED,
    MIN_SPEED,
    AcousticModel,
    KokoroModel,
    Style,
    check_speed,
    default_threads,
)
from litetts.kokoro.vocabulary import MAX_TOKENS, Vocabulary
from litetts.kokoro.voices import LEGACY_BLENDS, VoiceBank, VoiceInfo, VoiceTable, catalogue

__all__ = [
    "LEGACY_BLENDS",
    "MAX_SPEED",
    "MAX_TOKENS",
    "MIN_SPEED",
    "OPENAI_VOICES",
    "AcousticModel",
    "BlendPart",
    "KokoroModel",
    "Style",
    "Vocabulary",
    "VoiceBank",
    "VoiceInfo",
    "VoiceTable",
    "catalogue",
    "check_speed",
    "default_threads",
    "format_blend",
    "parse_voice",
]
