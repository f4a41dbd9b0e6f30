"""`litetts.files`: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

import pytest

from litetts.files import atomic_path, atomic_write, atomic_writer


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old")

    atomic_write(target, "new")

    assert "new" == target.read_text()


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    target.write_bytes(b"old")

    def fill_the_disk() -> None:
        with atomic_writer(target) as out:
            out.write(b"half")
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        fill_the_disk()

    assert (b"old", ["a.bin"]) == (target.read_bytes(), [p.name for p in tmp_path.iterdir()])


def test_the_finished_file_gets_the_mode_asked_for(tmp_path: Path) -> None:
    private = atomic_write(tmp_path / "keys.json", "{}", mode=0o600)
    shared = atomic_write(tmp_path / "baseline.json", "{}")

    assert (0o600, 0o644) == (
        stat.S_IMODE(private.stat().st_mode),
        stat.S_IMODE(shared.stat().st_mode),
    )


def test_atomic_path_hands_a_name_in_the_same_folder(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "model.onnx"

    with atomic_path(target) as temporary:
        seen = (temporary.parent, temporary.name.startswith(".model.onnx."), target.exists())
        temporary.write_bytes(b"model")

    assert ((tmp_path / "sub"), True, False) == seen
    assert b"model" == target.read_bytes()
