"""``/dashboard/ws`` and `WebSocketManager`: snapshots, events, heartbeats, slow clients
and clean-up over many connects."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from fastapi.testclient import TestClient
from starlette.websockets import WebSocketState
from tests.server_fakes import fake_process, healthy, synthesizer

from litetts.config import DashboardSettings, Settings
from litetts.performance import MetricsRecorder
from litetts_adapters.fastapi import RealtimeMetrics, WebSocketManager, create_app
from litetts_adapters.fastapi.workers import WorkerPool


def receive_until(ws: Any, kind: str, limit: int = 200) -> dict[str, Any]:
    for _ in range(limit):
        message: dict[str, Any] = ws.receive_json()
        if message["type"] == kind:
            return message
    raise AssertionError(f"no {kind!r} message in {limit}")


def test_a_snapshot_arrives_on_connect_and_then_repeatedly(client: TestClient) -> None:
    with client.websocket_connect("/dashboard/ws") as ws:
        snapshots = [receive_until(ws, "snapshot") for _ in range(3)]

    assert 3 == len(snapshots)
    assert snapshots[0]["time"] <= snapshots[1]["time"] <= snapshots[2]["time"]
    assert {"latency", "rtf", "time_to_first_audio", "process", "server", "cache"} <= set(
        snapshots[0]
    )


def test_generation_events_are_pushed(client: TestClient) -> None:
    with client.websocket_connect("/dashboard/ws") as ws:
        client.post("/v1/audio/speech", json={"input": "Hi.", "voice": "af_bella"})
        started = receive_until(ws, "generation_started")
        finished = receive_until(ws, "generation_finished")

    assert ("af_bella", 3) == (started["voice"], started["chars"])
    assert ("af_bella", True) == (finished["voice"], finished["completed"])
    assert finished["audio_seconds"] > 0


def test_an_idle_socket_gets_heartbeats() -> None:
    dashboard = DashboardSettings(snapshot_interval_s=10, heartbeat_s=0.05)
    quiet = Settings(dashboard=dashboard)
    app = create_app(
        synthesizer(), settings=quiet, health_check=healthy, process_stats=fake_process
    )
    with TestClient(app) as client, client.websocket_connect("/dashboard/ws") as ws:
        first = ws.receive_json()
        heartbeat = ws.receive_json()

    assert ("snapshot", "heartbeat") == (first["type"], heartbeat["type"])


def test_snapshots_follow_the_configured_interval() -> None:
    pool = WorkerPool(1)
    manager = WebSocketManager()
    realtime = RealtimeMetrics(MetricsRecorder(), pool, manager, process=fake_process)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) == 3:
            raise asyncio.CancelledError

    async def main() -> None:
        with contextlib.suppress(asyncio.CancelledError):
            await realtime.run(lambda: 0.5, sleep=sleep)

    asyncio.run(main())

    assert [0.5, 0.5, 0.5] == slept
    assert DashboardSettings().snapshot_interval_s <= 0.5


def test_two_hundred_connects_leave_no_clients_or_tasks(client: TestClient) -> None:
    state = client.app.state.litetts  # type: ignore[attr-defined]

    async def task_count() -> int:
        return len(asyncio.all_tasks())

    with client.websocket_connect("/dashboard/ws") as ws:
        ws.receive_json()
    baseline = client.portal.call(task_count)  # type: ignore[union-attr]
    for _ in range(200):
        with client.websocket_connect("/dashboard/ws") as ws:
            ws.receive_json()
    after = client.portal.call(task_count)  # type: ignore[union-attr]

    assert (0, 0) == (len(state.manager), state.manager.tasks)
    assert after <= baseline


class FakeSocket:
    """Enough of a Starlette WebSocket for the manager; `stuck` sockets never finish a send."""

    def __init__(self, stuck: bool = False) -> None:
        self.stuck = stuck
        self.sent: list[str] = []
        self.closed_with: int | None = None
        self.application_state = WebSocketState.CONNECTING

    async def accept(self) -> None:
        self.application_state = WebSocketState.CONNECTED

    async def send_text(self, text: str) -> None:
        if self.stuck:
            await asyncio.Event().wait()
        self.sent.append(text)

    async def close(self, code: int = 1000) -> None:
        self.closed_with = code
        self.application_state = WebSocketState.DISCONNECTED


def test_a_slow_client_is_dropped_and_never_slows_the_others() -> None:
    async def main() -> tuple[FakeSocket, FakeSocket, WebSocketManager]:
        manager = WebSocketManager(queue_size=4, heartbeat_s=60)
        slow, fast = FakeSocket(stuck=True), FakeSocket()
        await manager.connect(slow)  # type: ignore[arg-type]
        await manager.connect(fast)  # type: ignore[arg-type]
        for n in range(20):
            manager.broadcast({"type": "snapshot", "n": n})
            for _ in range(10):  # the fast client's sender gets its turns
                await asyncio.sleep(0)
        for _ in range(50):
            await asyncio.sleep(0)
        return slow, fast, manager

    slow, fast, manager = asyncio.run(main())

    assert 1013 == slow.closed_with
    assert 20 == len(fast.sent)
    assert 1 == len(manager)


def test_disconnect_cancels_the_sender_and_forgets_the_client() -> None:
    async def main() -> tuple[int, int, bool]:
        manager = WebSocketManager()
        socket = FakeSocket()
        client = await manager.connect(socket)  # type: ignore[arg-type]
        assert client.sender is not None
        await manager.disconnect(client)
        return len(manager), manager.tasks, client.sender.cancelled()

    assert (0, 0, True) == asyncio.run(main())
