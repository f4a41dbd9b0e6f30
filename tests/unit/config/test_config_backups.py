"""BackupManager and the store's backups: made before changes, restored exactly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.unit.config.support import write_json

from litetts.config import BackupManager, ConfigError, ConfigStore

Load = Callable[..., ConfigStore]


def test_restore_returns_exactly_the_backed_up_config(config_dir: Path, load: Load) -> None:
    write_json(config_dir / "settings.json", {"synthesis": {"voice": "bf_emma", "speed": 1.2}})
    store = load()
    store.set("server.queue_size", 4, persist=True)
    saved = store.config
    backup = store.backups.create_backup("known good", store.backups.read_current())
    store.set("synthesis.speed", 0.8, persist=True)
    write_json(config_dir / "settings.json", {"cache": {"enabled": False}})
    store.reload()

    change = store.restore(backup.id)

    assert saved == store.config
    assert saved == change.config
    assert saved == load().config


def test_a_persisted_set_backs_up_the_previous_files(config_dir: Path, load: Load) -> None:
    write_json(config_dir / "settings.json", {"server": {"queue_size": 2}})
    store = load()

    store.set("server.queue_size", 3, persist=True)

    [backup] = store.backups.list_backups()
    assert "before set server.queue_size" == backup.reason
    assert {"settings.json": '{"server": {"queue_size": 2}}', "override.json": None} == dict(
        backup.files
    )


def test_an_applied_reload_backs_up_the_previous_files(config_dir: Path, load: Load) -> None:
    store = load()
    write_json(config_dir / "settings.json", {"server": {"queue_size": 2}})

    store.reload()

    [backup] = store.backups.list_backups()
    assert ("before reload", None) == (backup.reason, backup.files["settings.json"])


def test_a_rejected_reload_makes_no_backup(config_dir: Path, load: Load) -> None:
    store = load()
    write_json(config_dir / "settings.json", {"server": {"queue_size": -2}})

    assert store.reload() is None
    assert [] == store.backups.list_backups()


def test_restoring_a_backup_can_itself_be_undone(config_dir: Path, load: Load) -> None:
    store = load()
    store.set("server.queue_size", 3, persist=True)
    first = store.backups.list_backups()[0]
    store.set("server.queue_size", 4, persist=True)

    store.restore(first.id)
    undo = store.backups.list_backups()[0]
    store.restore(undo.id)

    assert 4 == store.config.server.queue_size


def test_backups_are_listed_newest_first_and_pruned(config_dir: Path) -> None:
    manager = BackupManager(config_dir, keep=3)

    made = [manager.create_backup(f"change {n}") for n in range(5)]

    assert [b.id for b in reversed(made[2:])] == [b.id for b in manager.list_backups()]


def test_a_backup_that_does_not_validate_is_not_restored(config_dir: Path) -> None:
    manager = BackupManager(config_dir)
    write_json(config_dir / "settings.json", {"server": {"port": 70000}})
    backup = manager.create_backup("bad")
    write_json(config_dir / "settings.json", {"server": {"port": 9000}})

    with pytest.raises(ConfigError, match=r"server\.port"):
        manager.restore_backup(backup.id)
    assert {"server": {"port": 9000}} == json.loads((config_dir / "settings.json").read_text())


def test_an_unknown_backup_id_is_an_error_listing_the_newest(config_dir: Path) -> None:
    manager = BackupManager(config_dir)
    backup = manager.create_backup("one")

    with pytest.raises(ConfigError, match=backup.id):
        manager.restore_backup("20200101T000000000000Z")


def test_an_unreadable_backup_file_is_skipped(config_dir: Path) -> None:
    manager = BackupManager(config_dir)
    good = manager.create_backup("one")
    (manager.directory / "29990101T000000000000Z.json").write_text("{", encoding="utf-8")

    assert [good.id] == [b.id for b in manager.list_backups()]


def test_backups_are_written_without_temporary_files_left(config_dir: Path) -> None:
    manager = BackupManager(config_dir)

    manager.create_backup("one")

    assert [".json"] == [p.suffix for p in manager.directory.iterdir()]
