"""A request reads the settings once: an edit mid-request cannot mix old and new values
(issue 17, item 9)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.server_fakes import fake_process, healthy, synthesizer

from litetts.config import DashboardSettings, ServerSettings, Settings
from litetts_adapters.fastapi import create_app

OPEN = Settings(dashboard=DashboardSettings(snapshot_interval_s=10, heartbeat_s=10))
LOCKED = Settings(
    server=ServerSettings(api_keys=("k",), max_input_chars=1),
    dashboard=DashboardSettings(snapshot_interval_s=10, heartbeat_s=10),
)


class EditedAfterFirstRead:
    """Serves `OPEN` to the first read after `arm()`, `LOCKED` to every later one."""

    def __init__(self) -> None:
        self.armed = False
        self.reads = 0

    def arm(self) -> None:
        self.armed, self.reads = True, 0

    @property
    def config(self) -> Settings:
        if not self.armed:
            return OPEN
        self.reads += 1
        return OPEN if self.reads == 1 else LOCKED


def test_a_config_edit_during_a_request_does_not_reach_it() -> None:
    store = EditedAfterFirstRead()
    app = create_app(synthesizer(), store=store, health_check=healthy, process_stats=fake_process)
    with TestClient(app) as client:
        store.arm()
        response = client.post(
            "/v1/audio/speech", json={"input": "Hello there.", "response_format": "pcm"}
        )

    assert (200, 1) == (response.status_code, store.reads)
