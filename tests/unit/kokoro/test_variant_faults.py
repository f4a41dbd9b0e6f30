"""Issue 17's fault tests for prepared variants: a preparation killed midway, a full disk
and a truncated file never leave a variant that gets used."""

from __future__ import annotations

import errno
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from litetts.files import TEMPORARY_SUFFIX
from litetts.kokoro.variants import VariantCache, load_variant
from litetts.kokoro.variants.prepare import FeedSource

SRC = Path(__file__).resolve().parents[3] / "src"

# The child writes half the rewritten model, says so, and waits to be killed.
_CHILD = """
import sys, time
from pathlib import Path
import onnx
from litetts.kokoro.variants import VariantCache
source, folder, ready = sys.argv[1:4]
def save_half(model, path):
    data = model.SerializeToString()
    with open(path, "wb") as out:
        out.write(data[: len(data) // 2])
        out.flush()
    Path(ready).touch()
    time.sleep(120)
onnx.save = save_half
VariantCache(Path(source), Path(folder)).prepare("float", lambda: iter(()))
"""


def test_a_preparation_killed_midway_leaves_nothing_that_is_used(
    tiny_int8: Path, feeds: FeedSource, tmp_path: Path
) -> None:
    folder = tiny_int8.parent / "variants"
    ready = tmp_path / "ready"
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(tiny_int8), str(folder), str(ready)], env=env
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(30)
    cache = VariantCache(tiny_int8, folder)
    target = cache.path("float")

    assert list(folder.glob(f".*{TEMPORARY_SUFFIX}"))  # the half-written file, hidden
    assert not target.exists()
    assert not cache.cached("float")
    prepared = cache.prepare("float", feeds)
    assert ("float", target) == (prepared.variant, prepared.path)
    assert prepared.check is not None  # made afresh and checked
    assert "float" == load_variant(tiny_int8, "float", feeds, folder=folder, threads=1).variant


def test_a_full_disk_while_preparing_falls_back_to_the_original(
    tiny_int8: Path,
    feeds: FeedSource,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def no_space(path: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("litetts.files._fsync", no_space)
    folder = tiny_int8.parent / "variants"

    with caplog.at_level(logging.WARNING):
        prepared = VariantCache(tiny_int8, folder).prepare("float", feeds)

    assert ("original", tiny_int8) == (prepared.variant, prepared.path)
    assert "No space left" in prepared.reason
    assert [] == [p.name for p in folder.iterdir()]


def test_a_truncated_variant_is_prepared_again(tiny_int8: Path, feeds: FeedSource) -> None:
    cache = VariantCache(tiny_int8, tiny_int8.parent / "variants")
    first = cache.prepare("float", feeds)
    whole = first.path.read_bytes()
    first.path.write_bytes(whole[: len(whole) // 2])

    again = VariantCache(tiny_int8, tiny_int8.parent / "variants").prepare("float", feeds)

    assert again.check is not None
    assert whole == again.path.read_bytes()
