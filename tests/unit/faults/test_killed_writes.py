"""Issue 17's fault tests: a kill -9, a full disk or a corrupt file never leaves anything
half-written in use.

A child process is stopped with SIGKILL while it writes (after the content is in the
temporary file, before the rename that publishes it: the moment a plain write would
leave half a file under the real name); the parent then reads what is on disk.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from litetts.config import ConfigStore
from litetts.config.backups import BackupManager
from litetts.errors import ConfigError, InvalidInputError
from litetts.files import TEMPORARY_SUFFIX, atomic_write
from litetts.validation.baseline import Baseline

SRC = Path(__file__).resolve().parents[3] / "src"

_STALL = """
import sys, time
import litetts.files as files
ready, target = sys.argv[1], sys.argv[2]
real = files._fsync
def stall(path):
    real(path)
    if path.name.startswith(f".{target}."):
        open(ready, "w").close()
        time.sleep(120)
files._fsync = stall
"""


def kill_while_writing(action: str, tmp_path: Path, target: str) -> None:
    """Run `action` in a child that stalls inside its atomic write of a file named
    `target`; kill -9 it there."""
    ready = tmp_path / "ready"
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    code = _STALL + textwrap.dedent(action)
    child = subprocess.Popen([sys.executable, "-c", code, str(ready), target], env=env)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, f"the child exited with {child.returncode} before writing"
            assert time.monotonic() < deadline, "the child never reached its write"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(30)
    assert -signal.SIGKILL == child.returncode


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f".*{TEMPORARY_SUFFIX}"))


def baseline() -> Baseline:
    return Baseline(
        entries=(),
        litetts_version="0",
        model_sha256=None,
        whisper_model="tiny.en",
        phrases_version=1,
        created="2026-01-01T00:00:00Z",
    )


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[Callable[[], ConfigStore]]:
    made: list[ConfigStore] = []

    def load() -> ConfigStore:
        store = ConfigStore.load(tmp_path / "config", env={})
        made.append(store)
        return store

    yield load
    for store in made:
        store.close()


# --- kill -9 ------------------------------------------------------------------------------


def test_a_config_write_killed_midway_leaves_the_old_settings(
    tmp_path: Path, stores: Callable[[], ConfigStore]
) -> None:
    stores().set("server.queue_size", 5, persist=True)
    config = tmp_path / "config"

    kill_while_writing(
        f"""
        from litetts.config import ConfigStore
        ConfigStore.load({str(config)!r}, env={{}}).set("server.queue_size", 6, persist=True)
        """,
        tmp_path,
        "override.json",
    )

    assert leftovers(config)  # the kill came mid-write
    store = stores()
    assert 5 == store.config.server.queue_size
    assert store.last_error is None
    assert all(TEMPORARY_SUFFIX not in b.id for b in BackupManager(config).list_backups())


def test_a_baseline_write_killed_midway_leaves_the_old_baseline(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    old = baseline()
    old.save(path)

    kill_while_writing(
        f"""
        import attrs
        from litetts.validation.baseline import Baseline
        old = Baseline.load({str(path)!r})
        attrs.evolve(old, created="later").save({str(path)!r})
        """,
        tmp_path,
        "baseline.json",
    )

    assert leftovers(tmp_path)
    assert old == Baseline.load(path)


def test_a_first_baseline_write_killed_midway_leaves_no_baseline(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"

    kill_while_writing(
        f"""
        from litetts.validation.baseline import Baseline
        Baseline(entries=(), litetts_version="0", model_sha256=None, whisper_model="tiny.en",
                 phrases_version=1, created="now").save({str(path)!r})
        """,
        tmp_path,
        "baseline.json",
    )

    assert not path.exists()
    with pytest.raises(InvalidInputError, match="cannot read baseline"):
        Baseline.load(path)


# --- a full disk --------------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every atomic write fails as a full disk does: after some bytes, at the flush."""

    def no_space(path: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("litetts.files._fsync", no_space)


@pytest.mark.usefixtures("full_disk")
def test_a_full_disk_leaves_the_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "file.json"
    path.write_text("old")

    with pytest.raises(OSError, match="No space left") as info:
        atomic_write(path, "new")

    assert errno.ENOSPC == info.value.errno
    assert ("old", []) == (path.read_text(), leftovers(tmp_path))


def test_a_full_disk_during_config_set_is_a_config_error_and_changes_nothing(
    tmp_path: Path, stores: Callable[[], ConfigStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = stores()
    store.set("server.queue_size", 5, persist=True)
    request_full_disk = monkeypatch.setattr  # the disk fills after the first write
    request_full_disk(
        "litetts.files._fsync",
        lambda path: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")),
    )

    with pytest.raises(ConfigError, match="No space left"):
        store.set("server.queue_size", 6, persist=True)

    assert 5 == store.config.server.queue_size
    monkeypatch.undo()
    assert 5 == stores().config.server.queue_size
    assert [] == leftovers(tmp_path / "config")


@pytest.mark.usefixtures("full_disk")
def test_a_full_disk_during_a_baseline_save_keeps_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(baseline().to_dict()))
    before = path.read_bytes()

    with pytest.raises(OSError, match="No space left"):
        baseline().save(path)

    assert before == path.read_bytes()
    assert [] == leftovers(tmp_path)


# --- corrupt files ------------------------------------------------------------------------


def test_a_truncated_settings_file_is_not_used_and_the_error_names_it(
    tmp_path: Path, stores: Callable[[], ConfigStore], caplog: pytest.LogCaptureFixture
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text('{"server": {"queue_size": 7, "port": 90')

    store = stores()  # starts on the other layers and the defaults, as designed

    assert 16 == store.config.server.queue_size
    assert "settings.json: not valid JSON" in caplog.text


def test_a_settings_file_truncated_while_running_is_not_applied(
    tmp_path: Path, stores: Callable[[], ConfigStore]
) -> None:
    store = stores()
    store.set("server.queue_size", 5, persist=True)
    (tmp_path / "config" / "override.json").write_text('{"server": {"port": 90')

    assert store.reload() is None

    assert 5 == store.config.server.queue_size
    assert store.last_error is not None


def test_a_truncated_baseline_is_an_invalid_input_error(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    baseline().save(path)
    path.write_bytes(path.read_bytes()[:40])

    with pytest.raises(InvalidInputError, match="not JSON") as info:
        Baseline.load(path)

    assert "baseline" == info.value.field


def test_a_full_disk_while_fetching_on_first_use_is_an_asset_error(tmp_path: Path) -> None:
    from tests.asset_fakes import MANIFEST, FakeRegistry

    from litetts.assets import AssetStore
    from litetts.errors import AssetError

    class FullDisk(FakeRegistry):
        def __call__(self, argv: object, cwd: Path) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(cwd))

    store = AssetStore(
        tmp_path / "home", MANIFEST, runner=FullDisk(), offline=False, progress=lambda _: None
    )

    with pytest.raises(AssetError, match=r"could not fetch the Kokoro model.*No space left"):
        store.ensure_model()

    assert not store.model_path.exists()
    assert [] == leftovers(tmp_path)
