"""True streaming: a worker thread pulls the Synthesizer's stream and encodes each chunk;
the event loop sends it the moment it is ready; a client that goes away stops synthesis.

    worker:  stream() -> chunk -> encoder.encode -> Channel.put  (blocks while the client
                                                                  is behind: back-pressure)
    loop:    Channel.get -> send              watch receive() -> http.disconnect -> cancel

After a cancel the worker closes the generator as soon as the chunk in progress is done,
which ends the model's work (the Synthesizer's cleanup sits in ``finally``). A cancel also
wakes the loop side: `Channel.get` then answers `StreamCancelledError` instead of waiting for
a worker that has stopped (the server is shutting down).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Callable, Generator, Mapping
from typing import Final

import anyio
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from litetts.audio import Audio
from litetts_adapters.fastapi.encoders import StreamEncoder

__all__ = ["END", "AudioStreamResponse", "Channel", "StreamCancelledError", "pump"]

logger = logging.getLogger(__name__)

END: Final = b""
"""Marks the end of a stream (data items are never empty)."""

Item = bytes | BaseException
_POLL_SECONDS: Final = 0.05


class StreamCancelledError(Exception):
    """What `Channel.get` answers once the stream was cancelled and nothing is left."""


class Channel:
    """Carries a stream's items from one worker thread to the event loop, bounded."""

    def __init__(self, loop: asyncio.AbstractEventLoop, maxsize: int = 4) -> None:
        self._loop = loop
        self._queue: asyncio.Queue[Item] = asyncio.Queue(maxsize)
        self._cancelled = threading.Event()
        self._woken = asyncio.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Tell the worker to stop and wake `get`; safe from any thread, any number of times."""
        if self._cancelled.is_set():
            return
        self._cancelled.set()
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits in get()
            self._loop.call_soon_threadsafe(self._woken.set)

    def put(self, item: Item) -> bool:
        """Hand `item` to the loop, waiting while the queue is full; False once cancelled."""
        if self.cancelled or self._loop.is_closed():
            return False
        put = self._queue.put(item)
        try:
            future = asyncio.run_coroutine_threadsafe(put, self._loop)
        except RuntimeError:  # the loop closed meanwhile: the server is shutting down
            put.close()
            self.cancel()
            return False
        while not self.cancelled:
            try:
                future.result(timeout=_POLL_SECONDS)
            except concurrent.futures.TimeoutError:
                continue
            except concurrent.futures.CancelledError:  # the loop is shutting down
                break
            return True
        future.cancel()
        self.cancel()
        return False

    async def get(self) -> Item:
        """The next item; `StreamCancelledError` once cancelled with nothing left."""
        if not self._queue.empty():
            return self._queue.get_nowait()
        if self.cancelled:
            return StreamCancelledError()
        getter = asyncio.ensure_future(self._queue.get())
        woken = asyncio.ensure_future(self._woken.wait())
        try:
            await asyncio.wait({getter, woken}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            woken.cancel()
            if not getter.done():
                getter.cancel()
        return (
            getter.result() if getter.done() and not getter.cancelled() else StreamCancelledError()
        )


def pump(
    start: Callable[[], Generator[Audio, None, None]],
    encoder: StreamEncoder,
    channel: Channel,
) -> None:
    """Worker side of a stream: start it, encode each piece, hand the bytes over.

    The first item put is the first audio (or the error that prevented it); `END`
    closes a complete stream. Never raises: errors travel through the channel.
    """
    stream: Generator[Audio, None, None] | None = None
    try:
        stream = start()
        for piece in stream:
            data = encoder.encode(piece.samples)
            if data and not channel.put(data):
                return
            if channel.cancelled:
                return
        tail = encoder.finish()
        if tail and not channel.put(tail):
            return
        channel.put(END)
    except Exception as err:
        channel.put(err)
    finally:
        if stream is not None:
            stream.close()
        encoder.close()


class AudioStreamResponse(Response):
    """Sends a stream's items as they arrive and cancels it when the client disconnects.

    Args:
        first: the first audio bytes (already received, so the status is known).
        channel: where the rest comes from.
        on_error: called with an error that ends the stream after it started.
        on_close: called once when the response ends, however it ends.
    """

    def __init__(
        self,
        first: bytes,
        channel: Channel,
        *,
        media_type: str,
        headers: Mapping[str, str],
        on_error: Callable[[BaseException], None],
        on_close: Callable[[], None],
    ) -> None:
        # Not Response.__init__: that would set a body, and with it a Content-Length.
        self.status_code = 200
        self.media_type = media_type
        self.background = None
        self.init_headers(headers)
        self._first = first
        self._channel = channel
        self._on_error = on_error
        self._on_close = on_close

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            async with anyio.create_task_group() as group:

                async def watch() -> None:
                    while (await receive())["type"] != "http.disconnect":
                        pass
                    self._channel.cancel()
                    group.cancel_scope.cancel()

                group.start_soon(watch)
                await self._send_all(send)
                group.cancel_scope.cancel()
        finally:
            self._channel.cancel()
            self._on_close()

    async def _send_all(self, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        item: Item = self._first
        while item != END:
            if isinstance(item, StreamCancelledError):
                logger.debug("stream cancelled (its client left or the server is stopping)")
                break
            if isinstance(item, BaseException):
                self._on_error(item)
                break
            await send({"type": "http.response.body", "body": item, "more_body": True})
            item = await self._channel.get()
        await send({"type": "http.response.body", "body": b"", "more_body": False})
