"""The five layers: default < settings.json < override.json < environment < explicit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.unit.config.support import write_json

from litetts.config import ConfigError, ConfigStore, Settings

Load = Callable[..., ConfigStore]


@pytest.fixture
def layered(config_dir: Path, load: Load) -> ConfigStore:
    """queue_size set by all four layers above the default, max_body_bytes by three,
    max_input_chars by two, cors_origins by one; heartbeat_s left at its default."""
    write_json(
        config_dir / "settings.json",
        {
            "server": {
                "queue_size": 1,
                "max_body_bytes": 1,
                "max_input_chars": 1,
                "cors_origins": ["https://settings"],
            }
        },
    )
    write_json(
        config_dir / "override.json",
        {"server": {"queue_size": 2, "max_body_bytes": 2, "max_input_chars": 2}},
    )
    env = {"LITETTS_SERVER__QUEUE_SIZE": "3", "LITETTS_SERVER__MAX_BODY_BYTES": "3"}
    return load(env=env, overrides={"server.queue_size": 4})


def test_each_key_takes_the_highest_layer_that_sets_it(layered: ConfigStore) -> None:
    server = layered.config.server

    assert (4, 3, 2, ("https://settings",)) == (
        server.queue_size,
        server.max_body_bytes,
        server.max_input_chars,
        server.cors_origins,
    )
    assert Settings().dashboard.heartbeat_s == layered.get("dashboard.heartbeat_s")


def test_explain_names_the_layer_of_each_key(layered: ConfigStore) -> None:
    keys = ["queue_size", "max_body_bytes", "max_input_chars", "cors_origins", "host"]

    sources = [layered.explain(f"server.{key}").source for key in keys]

    assert ["explicit", "environment", "override", "settings", "default"] == sources


def test_explain_gives_the_file_the_variable_and_the_default(
    layered: ConfigStore, config_dir: Path
) -> None:
    from_file = layered.explain("server.max_input_chars")
    from_env = layered.explain("server.max_body_bytes")

    assert config_dir / "override.json" == from_file.file
    assert str(config_dir / "override.json") == from_file.origin
    assert "LITETTS_SERVER__MAX_BODY_BYTES" == from_env.origin
    assert 1024 * 1024 == from_env.default
    assert (("settings", 1), ("override", 2), ("environment", 3)) == from_env.layers


def test_explicit_overrides_may_be_nested(load: Load) -> None:
    store = load(overrides={"synthesis": {"voice": "bf_emma"}})

    assert "bf_emma" == store.config.synthesis.voice


def test_an_invalid_explicit_value_raises_naming_the_key(load: Load) -> None:
    with pytest.raises(ConfigError, match=r"synthesis\.speed") as caught:
        load(overrides={"synthesis.speed": 9})

    assert "synthesis.speed" == caught.value.key


def test_an_unknown_explicit_key_raises_with_a_suggestion(load: Load) -> None:
    with pytest.raises(ConfigError, match=r"did you mean server\.port"):
        load(overrides={"server.prot": 9000})


def test_set_without_persist_is_the_explicit_layer_of_this_process(
    load: Load, config_dir: Path
) -> None:
    store = load()

    change = store.set("synthesis.normalize", "false")

    assert ("synthesis.normalize",) == change.changed
    assert False is store.config.synthesis.normalize
    assert "explicit" == store.explain("synthesis.normalize").source
    assert not (config_dir / "override.json").exists()


def test_set_with_persist_writes_override_json(load: Load, config_dir: Path) -> None:
    store = load()

    store.set("synthesis.voice", "bf_emma", persist=True)

    assert "bf_emma" == load().config.synthesis.voice
    assert "override" == store.explain("synthesis.voice").source


def test_set_rejects_an_invalid_value_and_changes_nothing(load: Load) -> None:
    store = load()

    with pytest.raises(ConfigError, match=r"server\.queue_size.*-1"):
        store.set("server.queue_size", -1, persist=True)
    assert Settings() == store.config


def test_config_dir_defaults_to_litetts_config_dir(config_dir: Path) -> None:
    write_json(config_dir / "settings.json", {"server": {"queue_size": 7}})

    store = ConfigStore.load(env={"LITETTS_CONFIG_DIR": str(config_dir)})

    assert (config_dir, 7) == (store.config_dir, store.config.server.queue_size)


def test_a_legacy_key_is_read_under_its_new_name(
    config_dir: Path, load: Load, caplog: pytest.LogCaptureFixture
) -> None:
    write_json(config_dir / "settings.json", {"server": {"workers": 3}})

    store = load()

    assert 3 == store.config.server.worker_threads
    assert "server.workers" in caplog.text
    assert "server.worker_threads" in caplog.text
