"""Hot reload in a real temporary folder: applied quickly, bursts coalesced, bad edits kept out."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.unit.config.support import wait_until, write_json

from litetts.config import ConfigChange, ConfigStore

Load = Callable[..., ConfigStore]

BACKENDS = ["watchfiles", "poll"]


class Changes:
    """Records every `ConfigChange`; `wait_for` blocks until one matches."""

    def __init__(self, store: ConfigStore) -> None:
        self.seen: list[ConfigChange] = []
        self._arrived = threading.Condition()
        store.subscribe(self._record)

    def _record(self, change: ConfigChange) -> None:
        with self._arrived:
            self.seen.append(change)
            self._arrived.notify_all()

    def wait_for(self, predicate: Callable[[ConfigChange], bool], timeout: float = 2.0) -> bool:
        with self._arrived:
            return self._arrived.wait_for(lambda: any(map(predicate, self.seen)), timeout)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_valid_edit_is_applied_within_two_seconds(
    config_dir: Path, load: Load, backend: str
) -> None:
    store = load(watch=True, watch_backend=backend)
    changes = Changes(store)

    write_json(config_dir / "settings.json", {"synthesis": {"voice": "bf_emma"}})

    assert changes.wait_for(lambda c: c.config.synthesis.voice == "bf_emma", timeout=2.0)
    assert ("synthesis.voice",) == changes.seen[0].changed
    assert "af_heart" == changes.seen[0].previous.synthesis.voice


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_burst_of_twenty_writes_is_applied_once(
    config_dir: Path, load: Load, backend: str
) -> None:
    store = load(watch=True, watch_backend=backend)
    changes = Changes(store)

    for size in range(1, 21):
        write_json(config_dir / "settings.json", {"server": {"queue_size": size}})

    # A burst split in two would have applied an earlier size before the last one.
    assert changes.wait_for(lambda c: c.config.server.queue_size == 20)
    assert [20] == [change.config.server.queue_size for change in changes.seen]


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_invalid_edit_keeps_the_last_good_config(
    config_dir: Path, load: Load, backend: str
) -> None:
    write_json(config_dir / "settings.json", {"server": {"queue_size": 5}})
    store = load(watch=True, watch_backend=backend)
    changes = Changes(store)

    write_json(config_dir / "settings.json", {"server": {"queue_size": -1, "port": "x"}})

    assert wait_until(lambda: store.last_error is not None)
    assert 5 == store.config.server.queue_size
    assert [] == changes.seen
    error = store.last_error
    assert error is not None
    assert {"server.queue_size", "server.port"} == {issue.key for issue in error.issues}  # type: ignore[attr-defined]

    write_json(config_dir / "settings.json", {"server": {"queue_size": 6}})

    assert changes.wait_for(lambda c: c.config.server.queue_size == 6)
    assert store.last_error is None


def test_an_unparsable_edit_keeps_the_last_good_config(config_dir: Path, load: Load) -> None:
    write_json(config_dir / "settings.json", {"server": {"queue_size": 5}})
    store = load(watch=True)

    (config_dir / "settings.json").write_text('{"server": {"queue_si', encoding="utf-8")

    assert wait_until(lambda: store.last_error is not None)
    assert "not valid JSON" in str(store.last_error)
    assert 5 == store.config.server.queue_size


def test_a_restart_key_is_reported_pending_not_applied(config_dir: Path, load: Load) -> None:
    store = load()
    changes = Changes(store)

    write_json(config_dir / "settings.json", {"server": {"port": 9000, "queue_size": 3}})
    change = store.reload()

    assert change is not None
    assert (("server.queue_size",), ("server.port",)) == (change.changed, change.pending_restart)
    assert 8354 == store.config.server.port
    assert {"server.port": 9000} == store.pending_restart
    assert store.explain("server.port").pending
    assert [change] == changes.seen


def test_a_restart_key_set_back_is_no_longer_pending(config_dir: Path, load: Load) -> None:
    store = load()
    store.set("server.port", 9000, persist=True)

    store.set("server.port", 8354, persist=True)

    assert {} == store.pending_restart


def test_reload_without_a_change_notifies_nobody(config_dir: Path, load: Load) -> None:
    write_json(config_dir / "settings.json", {"server": {"queue_size": 5}})
    store = load()
    changes = Changes(store)
    (config_dir / "settings.json").write_text('{"server":  {"queue_size": 5}}', encoding="utf-8")

    change = store.reload()

    assert change is not None
    assert () == change.changed
    assert [] == changes.seen


def test_a_failing_subscriber_does_not_stop_the_others(load: Load) -> None:
    store = load()
    changes = Changes(store)

    def broken(_: ConfigChange) -> None:
        raise RuntimeError("subscriber bug")

    store.subscribe(broken)
    Changes(store)  # subscribed after the broken one

    store.set("server.queue_size", 3)

    assert 1 == len(changes.seen)


def test_unsubscribe_stops_the_calls(load: Load) -> None:
    store = load()
    seen: list[ConfigChange] = []
    unsubscribe = store.subscribe(seen.append)

    unsubscribe()
    store.set("server.queue_size", 3)

    assert [] == seen


def test_close_stops_watching(config_dir: Path, load: Load) -> None:
    with load(watch=True) as store:
        assert store.watching

    assert not store.watching
