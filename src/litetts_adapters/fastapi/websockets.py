"""`WebSocketManager`: every dashboard connection with its own bounded send queue.

`broadcast` never waits: it drops a message into each client's queue, and a client whose
queue is full (it reads slower than we write) is disconnected rather than allowed to slow
the others. Each client has one sender task that also sends a heartbeat when nothing else
was sent for `heartbeat_s`. `disconnect` cancels that task and forgets the client, so
connects and disconnects leave nothing behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from typing import Final

from starlette.websockets import WebSocket, WebSocketState

__all__ = ["Client", "WebSocketManager"]

logger = logging.getLogger(__name__)

Message = dict[str, object]
SLOW_CLIENT_CODE: Final = 1013
"""WebSocket close code for a client dropped because it fell behind ("try again later")."""


class Client:
    """One connection: its socket, send queue and sender task."""

    def __init__(self, websocket: WebSocket, queue_size: int) -> None:
        self.websocket = websocket
        self.queue: asyncio.Queue[str] = asyncio.Queue(queue_size)
        self.sender: asyncio.Task[None] | None = None
        self.dropped = False


class WebSocketManager:
    """Tracks dashboard WebSocket clients and fans messages out to them.

    Args:
        queue_size: messages held per client before it is dropped as too slow;
            a callable is read at each connect (so a config reload applies).
        heartbeat_s: idle seconds before a heartbeat; a callable is read each time.
    """

    def __init__(
        self,
        queue_size: int | Callable[[], int] = 32,
        heartbeat_s: float | Callable[[], float] = 15.0,
    ) -> None:
        self._queue_size = queue_size
        self._heartbeat_s = heartbeat_s
        self._clients: dict[int, Client] = {}
        self._closing: set[asyncio.Task[None]] = set()

    def __len__(self) -> int:
        return len(self._clients)

    @property
    def tasks(self) -> int:
        """Sender tasks alive (for leak checks)."""
        senders = sum(1 for c in self._clients.values() if c.sender and not c.sender.done())
        return senders + len(self._closing)

    def _setting(self, value: float | Callable[[], float]) -> float:
        return value() if callable(value) else value

    async def connect(self, websocket: WebSocket) -> Client:
        """Accept `websocket` (unless already accepted) and start its sender."""
        if websocket.application_state == WebSocketState.CONNECTING:
            await websocket.accept()
        size = int(self._setting(self._queue_size))
        client = Client(websocket, size)
        client.sender = asyncio.create_task(self._send_loop(client))
        self._clients[id(client)] = client
        logger.debug("dashboard client connected (%d now)", len(self._clients))
        return client

    async def disconnect(self, client: Client, code: int = 1000) -> None:
        """Stop `client`'s sender, close its socket if still open, and forget it."""
        self._clients.pop(id(client), None)
        sender = client.sender
        if sender is not None and sender is not asyncio.current_task():
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await sender
        if client.websocket.application_state == WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):
                await client.websocket.close(code)
        logger.debug("dashboard client gone (%d left)", len(self._clients))

    def send(self, client: Client, message: Message) -> bool:
        """Queue `message` for one client; False (and the client dropped) if its queue is full."""
        try:
            client.queue.put_nowait(json.dumps(message))
            return True
        except asyncio.QueueFull:
            self._drop(client)
            return False

    def broadcast(self, message: Message) -> int:
        """Queue `message` for every client; returns how many clients were dropped."""
        if not self._clients:
            return 0
        text = json.dumps(message)
        dropped = 0
        for client in list(self._clients.values()):
            try:
                client.queue.put_nowait(text)
            except asyncio.QueueFull:
                self._drop(client)
                dropped += 1
        return dropped

    async def close_all(self) -> None:
        """Disconnect every client (at shutdown)."""
        for client in list(self._clients.values()):
            await self.disconnect(client, 1001)

    def _drop(self, client: Client) -> None:
        if client.dropped:
            return
        client.dropped = True
        logger.warning(
            "dropping a dashboard client that fell %d messages behind", client.queue.maxsize
        )
        task = asyncio.get_running_loop().create_task(self.disconnect(client, SLOW_CLIENT_CODE))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _send_loop(self, client: Client) -> None:
        last = time.monotonic()
        try:
            while True:
                try:
                    text = client.queue.get_nowait()
                except asyncio.QueueEmpty:
                    idle = time.monotonic() - last
                    wait = max(0.0, self._setting(self._heartbeat_s) - idle)
                    try:
                        text = await asyncio.wait_for(client.queue.get(), timeout=wait)
                    except asyncio.TimeoutError:
                        text = json.dumps({"type": "heartbeat", "time": time.time()})
                await client.websocket.send_text(text)
                last = time.monotonic()
        except asyncio.CancelledError:
            raise
        except Exception as err:  # the socket went away while sending
            logger.debug("dashboard send failed: %s", err)
            self._clients.pop(id(client), None)
