"""A bad settings file at start-up: the store still works, on the last good config."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.unit.config.support import write_json

from litetts.config import ConfigError, ConfigStore, Settings

Load = Callable[..., ConfigStore]


@pytest.mark.parametrize(
    "content",
    [
        b'{"server": {"queue_size": 3',  # truncated
        b"",  # truncated to nothing
        b"queue_size = 3\n",  # not JSON
        b"\xff\xfe\x00garbage",  # not even UTF-8
        b"[1, 2]",  # JSON, not an object
    ],
    ids=["truncated", "empty", "toml", "binary", "list"],
)
def test_a_broken_settings_file_leaves_a_working_store(
    config_dir: Path, load: Load, content: bytes
) -> None:
    (config_dir / "settings.json").write_bytes(content)
    write_json(config_dir / "override.json", {"server": {"max_body_bytes": 10}})

    store = load(env={"LITETTS_SERVER__HOST": "0.0.0.0"})

    assert Settings().server.queue_size == store.config.server.queue_size
    assert (10, "0.0.0.0") == (store.config.server.max_body_bytes, store.config.server.host)
    assert store.last_error is not None
    assert str(config_dir / "settings.json") in str(store.last_error)


def test_a_broken_file_falls_back_to_its_newest_good_backup(config_dir: Path, load: Load) -> None:
    write_json(config_dir / "settings.json", {"server": {"queue_size": 3}})
    load().set("server.max_body_bytes", 4, persist=True)  # backs up settings.json as it is
    (config_dir / "settings.json").write_text('{"server": ', encoding="utf-8")

    store = load()

    assert 3 == store.config.server.queue_size
    assert "from backup" in store.explain("server.queue_size").origin


def test_an_invalid_value_at_start_up_is_logged_with_its_key(
    config_dir: Path, load: Load, caplog: pytest.LogCaptureFixture
) -> None:
    write_json(config_dir / "settings.json", {"server": {"port": 0, "queue_size": 2}})

    store = load()

    assert (8354, 16) == (store.config.server.port, store.config.server.queue_size)
    assert "server.port" in caplog.text
    assert "expected an integer, >= 1 and <= 65535" in caplog.text


def test_a_bad_environment_variable_is_skipped_and_reported(load: Load) -> None:
    store = load(env={"LITETTS_SERVER__QUEUE_SIZE": "many", "LITETTS_SERVER__PORT": "9000"})

    assert (16, 9000) == (store.config.server.queue_size, store.config.server.port)
    assert "LITETTS_SERVER__QUEUE_SIZE" in str(store.last_error)


def test_a_missing_config_folder_gives_the_defaults(tmp_path: Path) -> None:
    store = ConfigStore.load(tmp_path / "absent", env={})

    assert (Settings(), None) == (store.config, store.last_error)
    assert not (tmp_path / "absent").exists()


def test_set_refuses_to_overwrite_a_broken_override_file(config_dir: Path, load: Load) -> None:
    store = load()
    (config_dir / "override.json").write_text("{oops", encoding="utf-8")

    with pytest.raises(ConfigError, match=r"override\.json is invalid"):
        store.set("server.queue_size", 2, persist=True)
    assert "{oops" == (config_dir / "override.json").read_text(encoding="utf-8")


def test_set_into_an_unwritable_folder_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    store = ConfigStore.load(blocker, env={})

    with pytest.raises(ConfigError, match="cannot"):
        store.set("server.queue_size", 2, persist=True)
    assert 16 == store.config.server.queue_size
