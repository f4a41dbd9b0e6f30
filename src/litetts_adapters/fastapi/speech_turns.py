"""One turn of the speech WebSocket: its checked options and the text it receives.

A `Turn` holds the text pieces of one ``start`` ... ``end`` in a queue. `Turn.segment`
hands them to the synthesizer up to the next flush or the end: a flush closes the
segment, so the synthesizer speaks what it holds, and the text after it opens the next.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Final

from attrs import frozen

from litetts.errors import InvalidInputError
from litetts.kokoro import VoiceBank
from litetts_adapters.fastapi.encoders import STREAM_FORMATS
from litetts_adapters.fastapi.errors import ApiError, from_library_error
from litetts_adapters.fastapi.requests import check_speed

__all__ = ["DEFAULT_FORMAT", "Turn", "TurnOptions", "parse_start"]

DEFAULT_FORMAT: Final = "pcm"
"""Raw 16-bit little-endian samples at 24 kHz: a player can start on any frame."""


@frozen
class TurnOptions:
    """The checked fields of a ``start`` message."""

    voice: str
    speed: float | None
    response_format: str
    language: str | None
    words: bool = False
    """Send an ``audio.words`` event after each frame that carries words."""


def _optional_string(message: dict[str, object], name: str) -> str | None:
    value = message.get(name)
    if value is not None and not isinstance(value, str):
        raise ApiError(
            400,
            f"'{name}' must be a string, got {type(value).__name__}",
            param=name,
            code="invalid_type",
        )
    return value or None


def parse_start(message: dict[str, object], default_voice: str, voices: VoiceBank) -> TurnOptions:
    """Check a ``start`` message (its missing fields take their defaults).

    Raises:
        ApiError: 400 naming the field (``voice``, ``speed``, ``response_format``,
            ``language``, ``words``).
    """
    voice = _optional_string(message, "voice") or default_voice
    try:
        voices.resolve(voice)
    except InvalidInputError as err:
        raise from_library_error(err) from err
    fmt = _optional_string(message, "response_format") or DEFAULT_FORMAT
    if fmt not in STREAM_FORMATS:
        raise ApiError(
            400,
            f"unknown response_format {fmt!r}; use one of: {', '.join(STREAM_FORMATS)}",
            param="response_format",
            code="invalid_value",
        )
    speed = message.get("speed")
    if speed is not None:
        speed = check_speed(speed)
    language = _optional_string(message, "language")
    words = message.get("words", False)
    if not isinstance(words, bool):
        raise ApiError(
            400,
            f"'words' must be true or false, got {words!r}",
            param="words",
            code="invalid_type",
        )
    return TurnOptions(voice, None if speed is None else float(speed), fmt, language, words)


class _Mark:
    def __init__(self, name: str) -> None:
        self.name = name


_FLUSH: Final = _Mark("flush")
_END: Final = _Mark("end")


class Turn:
    """One turn's text as it arrives, and what became of it.

    Args:
        number: counts the connection's turns from 1.
        options: voice, speed, format and language.
        max_chars: text the turn may hold in all.
    """

    def __init__(self, number: int, options: TurnOptions, max_chars: int) -> None:
        self.number = number
        self.options = options
        self.max_chars = max_chars
        self.chars = 0
        self.audio_seconds = 0.0
        self.cancelled = False
        self.failed = False
        self.finished = False
        """The end was read: no text follows."""
        self.read_chars = 0
        """Characters handed to the synthesizer so far (where the next segment starts)."""
        self._queue: asyncio.Queue[str | _Mark] = asyncio.Queue()

    def add(self, text: str) -> None:
        """Queue a piece of text.

        Raises:
            ApiError: 400 ``input_too_long`` when the turn would exceed `max_chars`.
        """
        if self.chars + len(text) > self.max_chars:
            raise ApiError(
                400,
                f"this turn would hold {self.chars + len(text)} characters; the maximum is"
                f" {self.max_chars}; end the turn and start another",
                param="text",
                code="input_too_long",
            )
        if text:
            self.chars += len(text)
            self._queue.put_nowait(text)

    def flush(self) -> None:
        """Speak what was sent so far without waiting for the clause to end."""
        self._queue.put_nowait(_FLUSH)

    def end(self) -> None:
        """No more text: speak the rest."""
        self._queue.put_nowait(_END)

    def cancel(self) -> None:
        self.cancelled = True
        self._queue.put_nowait(_END)

    async def segment(self) -> AsyncIterator[str]:
        """The pieces up to the next flush or the end."""
        while True:
            item = await self._queue.get()
            if item is _FLUSH:
                return
            if item is _END:
                self.finished = True
                return
            assert isinstance(item, str)
            self.read_chars += len(item)
            yield item
