"""What a Wyoming ``describe`` answers: litetts as one TTS program, with every voice
the synthesizer can speak and its language, and the choice of voice for a request."""

from __future__ import annotations

from typing import Final

from wyoming.info import Attribution, Info, TtsProgram, TtsVoice
from wyoming.tts import SynthesizeVoice

from litetts import __version__
from litetts.kokoro import VoiceBank, catalogue

__all__ = ["LOCALES", "describe", "pick_voice"]

LOCALES: Final = {
    "a": "en_US",
    "b": "en_GB",
    "e": "es_ES",
    "f": "fr_FR",
    "h": "hi_IN",
    "i": "it_IT",
    "j": "ja_JP",
    "p": "pt_BR",
    "z": "zh_CN",
}
"""Kokoro's voice-id first letter -> the locale Home Assistant lists the voice under
(the form wyoming-piper uses)."""

_KOKORO: Final = Attribution(name="hexgrad", url="https://huggingface.co/hexgrad/Kokoro-82M")
_LITETTS: Final = Attribution(name="litetts", url="https://github.com/litetts/litetts")


def _locale(voice: str) -> str | None:
    return LOCALES.get(voice[:1])


def describe(voices: VoiceBank) -> Info:
    """The ``info`` event's content: one program, each voice with its language."""
    known = {info.id: info for info in catalogue()}
    listed = []
    for name in voices.names():
        locale = _locale(name)
        if locale is None:
            continue  # not a Kokoro voice id: no language to list it under
        info = known.get(name)
        description = f"{info.language_name}, {info.gender}" if info else name
        listed.append(
            TtsVoice(
                name=name,
                description=description,
                attribution=_KOKORO,
                installed=True,
                version=None,
                languages=[locale],
            )
        )
    program = TtsProgram(
        name="litetts",
        description="Kokoro-82M text to speech on the CPU",
        attribution=_LITETTS,
        installed=True,
        version=__version__,
        voices=listed,
        supports_synthesize_streaming=True,
    )
    return Info(tts=[program])


def _same_language(locale: str, wanted: str) -> bool:
    norm = wanted.replace("-", "_").lower()
    return locale.lower() == norm or locale.split("_", maxsplit=1)[0].lower() == norm


def pick_voice(request: SynthesizeVoice | None, voices: VoiceBank, default: str) -> str:
    """The voice a request names, else the default when it speaks the requested
    language, else the first voice that does, else the default.

    Raises:
        VoiceNotFoundError: the request names a voice the bank does not have.
    """
    if request is not None and request.name:
        voices.resolve(request.name)  # raises VoiceNotFoundError with close matches
        return request.name
    if request is None or not request.language:
        return default
    wanted = request.language
    default_locale = _locale(default)
    if default_locale is not None and _same_language(default_locale, wanted):
        return default
    for name in voices.names():
        locale = _locale(name)
        if locale is not None and _same_language(locale, wanted):
            return name
    return default
