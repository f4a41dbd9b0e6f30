"""`Outbox`: one WebSocket's send queue, bounded in bytes.

Putting never waits. A client that stops reading lets the queue fill (its socket's
sends block); once more than `limit_bytes` wait, `put` refuses, the outbox closes and
its owner drops the client, so a stalled reader costs its own connection only.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque

from starlette.websockets import WebSocket

__all__ = ["Outbox"]

logger = logging.getLogger(__name__)


class Outbox:
    """Messages (JSON objects or binary frames) waiting to be sent, in order.

    Args:
        websocket: where `run` sends them.
        limit_bytes: bytes that may wait; one message larger than that is still
            accepted when nothing else waits.
    """

    def __init__(self, websocket: WebSocket, limit_bytes: int) -> None:
        self._websocket = websocket
        self._limit = limit_bytes
        self._items: deque[str | bytes] = deque()
        self._bytes = 0
        self._ready = asyncio.Event()
        self.closed = asyncio.Event()
        """Set when the outbox overflowed or a send failed: the client is gone."""
        self.overflowed = False

    @property
    def waiting_bytes(self) -> int:
        return self._bytes

    def put(self, message: dict[str, object] | bytes) -> bool:
        """Queue `message`; False (and the outbox closed) when the client is too far behind."""
        if self.closed.is_set():
            return False
        item = message if isinstance(message, bytes) else json.dumps(message)
        size = len(item)
        if self._items and self._bytes + size > self._limit:
            logger.warning(
                "dropping a speech WebSocket client with %d bytes unsent", self._bytes + size
            )
            self.overflowed = True
            self.closed.set()
            return False
        self._items.append(item)
        self._bytes += size
        self._ready.set()
        return True

    async def run(self) -> None:
        """Send queued messages until cancelled or a send fails."""
        try:
            while True:
                await self._ready.wait()
                while self._items:
                    item = self._items[0]
                    if isinstance(item, bytes):
                        await self._websocket.send_bytes(item)
                    else:
                        await self._websocket.send_text(item)
                    self._items.popleft()
                    self._bytes -= len(item)
                self._ready.clear()
        except asyncio.CancelledError:
            raise
        except Exception as err:  # the socket went away while sending
            logger.debug("speech WebSocket send failed: %s", err)
            self.closed.set()
