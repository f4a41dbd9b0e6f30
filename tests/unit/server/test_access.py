"""Who may read what: the dashboard WebSocket's Origin check and `server.protect_metrics`
(issue 17, item 6)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect
from tests.server_fakes import FakeStore, settings

KEY = {"authorization": "Bearer k"}
MONITORING = ["/metrics", "/dashboard/metrics", "/openapi.json", "/docs"]


def snapshot_type(client: TestClient, **headers: str) -> str:
    with client.websocket_connect("/dashboard/ws", headers=headers) as ws:
        return str(ws.receive_json()["type"])


def test_websocket_from_the_servers_own_origin_is_accepted(client: TestClient) -> None:
    assert "snapshot" == snapshot_type(client, origin="http://testserver")


def test_websocket_without_origin_is_accepted(client: TestClient) -> None:
    assert "snapshot" == snapshot_type(client)


def test_websocket_from_another_site_is_refused(client: TestClient) -> None:
    with pytest.raises(WebSocketDisconnect) as refused:
        snapshot_type(client, origin="https://evil.example")

    assert 1008 == refused.value.code


def test_websocket_from_a_cors_origin_is_accepted(client: TestClient, store: FakeStore) -> None:
    store.config = settings(cors_origins=("https://app.example",))

    assert "snapshot" == snapshot_type(client, origin="https://app.example")


@pytest.mark.parametrize("path", MONITORING)
def test_monitoring_needs_the_key_when_keys_are_set(
    client: TestClient, store: FakeStore, path: str
) -> None:
    store.config = settings(api_keys=("k",))

    without, with_key = client.get(path), client.get(path, headers=KEY)

    assert (401, 200) == (without.status_code, with_key.status_code)


@pytest.mark.parametrize("path", MONITORING)
def test_protect_metrics_false_leaves_monitoring_open(
    client: TestClient, store: FakeStore, path: str
) -> None:
    store.config = settings(api_keys=("k",), protect_metrics=False)

    assert 200 == client.get(path).status_code


@pytest.mark.parametrize("path", ["/health", "/dashboard"])
def test_health_and_the_dashboard_page_stay_open(
    client: TestClient, store: FakeStore, path: str
) -> None:
    store.config = settings(api_keys=("k",))

    assert 200 == client.get(path).status_code


def test_protected_websocket_takes_the_key_in_a_header(
    client: TestClient, store: FakeStore
) -> None:
    store.config = settings(api_keys=("k",))

    assert "snapshot" == snapshot_type(client, **KEY)


def answer_to_key(client: TestClient, key: str) -> str | int:
    """The first message's type after sending `key` first, or the close code."""
    with client.websocket_connect("/dashboard/ws") as ws:
        ws.send_json({"type": "auth", "key": key})
        try:
            return str(ws.receive_json()["type"])
        except WebSocketDisconnect as closed:
            return closed.code


@pytest.mark.parametrize(("key", "answer"), [("k", "snapshot"), ("wrong", 1008), ("", 1008)])
def test_protected_websocket_takes_the_key_as_first_message(
    client: TestClient, store: FakeStore, key: str, answer: str | int
) -> None:
    store.config = settings(api_keys=("k",))

    assert answer == answer_to_key(client, key)
