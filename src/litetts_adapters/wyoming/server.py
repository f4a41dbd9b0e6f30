"""`WyomingServer`: litetts on the Wyoming protocol, for Home Assistant."""

from __future__ import annotations

from functools import partial
from types import TracebackType

from wyoming.server import AsyncServer

from litetts.errors import InvalidInputError
from litetts_adapters.live_speech import LiveSpeaker
from litetts_adapters.wyoming.handler import SpeechHandler
from litetts_adapters.wyoming.info import describe

__all__ = ["WyomingServer", "check_uri"]


def check_uri(uri: str) -> str:
    """`uri` if the Wyoming server can listen there (``tcp://HOST:PORT``, ``unix://PATH``).

    Raises:
        InvalidInputError: any other form.
    """
    if uri.startswith("stdio:"):
        raise InvalidInputError(
            f"cannot serve Wyoming on {uri!r} beside the HTTP server; use tcp://HOST:PORT",
            field="wyoming",
        )
    try:
        AsyncServer.from_uri(uri)
    except ValueError as err:
        raise InvalidInputError(
            f"bad Wyoming address {uri!r}: {err}; e.g. tcp://127.0.0.1:10200", field="wyoming"
        ) from err
    return uri


class WyomingServer:
    """Listens at `uri` while entered (``async with``); one `SpeechHandler` per
    connection, all sharing `speaker`.

    Args:
        speaker: the synthesizer (thread-safe; shared with the HTTP server).
        uri: ``tcp://HOST:PORT`` or ``unix://PATH``.
        default_voice: spoken when a request names no voice.
    """

    def __init__(self, speaker: LiveSpeaker, uri: str, default_voice: str) -> None:
        self._server = AsyncServer.from_uri(check_uri(uri))
        self._factory = partial(
            SpeechHandler,
            speaker=speaker,
            info=describe(speaker.voices),
            default_voice=default_voice,
        )
        self.uri = uri

    async def __aenter__(self) -> WyomingServer:
        await self._server.start(self._factory)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self._server.stop()
