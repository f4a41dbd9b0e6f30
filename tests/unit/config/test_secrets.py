"""Keys marked secret in the schema (``server.api_keys``) are never printed (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.unit.config.support import write_json

from litetts.config import MASK, ConfigStore, is_secret, shown

KEY = "sk-very-secret-1234"


@pytest.fixture
def keyed_dir(config_dir: Path) -> Path:
    write_json(config_dir / "settings.json", {"server": {"api_keys": [KEY, "other-key"]}})
    return config_dir


def test_api_keys_are_marked_secret_and_nothing_else_is() -> None:
    assert (True, False) == (is_secret("server.api_keys"), is_secret("server.host"))


def test_shown_masks_each_key_but_keeps_an_empty_list() -> None:
    masked, empty = shown("server.api_keys", [KEY, "b"]), shown("server.api_keys", [])

    assert ([MASK, MASK], []) == (masked, empty)


def test_an_explanation_masks_its_value(keyed_dir: Path) -> None:
    with ConfigStore.load(keyed_dir, env={}) as store:
        text = str(store.explain("server.api_keys"))
        kept = store.config.server.api_keys

    assert KEY not in text
    assert (KEY, "other-key") == kept  # masking is for output only


def test_changing_the_keys_logs_no_key(keyed_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    with ConfigStore.load(keyed_dir, env={}) as store:
        store.set("server.api_keys", "new-secret-9999", persist=True)

    assert "server.api_keys" in caplog.text
    assert "new-secret-9999" not in caplog.text
    assert KEY not in caplog.text
