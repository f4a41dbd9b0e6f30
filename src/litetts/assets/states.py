"""What an asset looks like on disk: present, of the right size, with the right digest.

A quick check reads sizes only; a deep one hashes every byte. Loading the model or
the voices always runs the deep check (`AssetStore.require_model`): a stamp of size
and modification time cannot tell a flipped byte whose mtime was put back. A model
that passed a deep check gets a stamp beside it (size, modification time, digest),
the record of its last check.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Literal

from attrs import frozen

from litetts.assets.manifest import ModelManifest, VoicesManifest
from litetts.assets.packages import sha256_file
from litetts.files import atomic_write

__all__ = [
    "STAMP_SUFFIX",
    "AssetState",
    "State",
    "model_state",
    "stamp_matches",
    "voices_state",
    "write_stamp",
]

logger = logging.getLogger(__name__)

STAMP_SUFFIX = ".verified"
"""Ends the name of the stamp written beside a verified model."""

State = Literal["ok", "missing", "corrupt"]


@frozen
class AssetState:
    """What one asset looks like on disk."""

    name: str
    path: Path
    state: State
    detail: str = ""

    @property
    def ok(self) -> bool:
        """True when the asset is present and sound."""
        return self.state == "ok"


def model_state(path: Path, spec: ModelManifest, *, deep: bool) -> AssetState:
    """The model at `path` against `spec`; a deep check that passes writes the stamp."""
    if not path.is_file():
        return AssetState("model", path, "missing", "not provisioned")
    size = path.stat().st_size
    if size != spec.size:
        return AssetState("model", path, "corrupt", f"{size} bytes, expected {spec.size}")
    if deep:
        digest = sha256_file(path)
        if digest != spec.sha256:
            return AssetState("model", path, "corrupt", f"sha256 {digest[:12]}… mismatch")
        write_stamp(path, digest)
    return AssetState("model", path, "ok", f"{size} bytes")


def voices_state(folder: Path, spec: VoicesManifest, *, deep: bool) -> AssetState:
    """The voices in `folder` against `spec`: each file present, sized (and hashed, deep)."""
    if not folder.is_dir():
        return AssetState("voices", folder, "missing", "not provisioned")
    problems: list[str] = []
    for name, expected in spec.files.items():
        path = folder / f"{name}.bin"
        if not path.is_file():
            problems.append(f"{name}.bin missing")
        elif path.stat().st_size != spec.file_size:
            problems.append(f"{name}.bin has {path.stat().st_size} bytes")
        elif deep and sha256_file(path) != expected:
            problems.append(f"{name}.bin sha256 mismatch")
    if problems:
        missing = all(p.endswith("missing") for p in problems)
        shown = ", ".join(problems[:3]) + (
            f" and {len(problems) - 3} more" if len(problems) > 3 else ""
        )
        return AssetState("voices", folder, "missing" if missing else "corrupt", shown)
    return AssetState("voices", folder, "ok", f"{len(spec.files)} voices")


def stamp_matches(path: Path, sha256: str) -> bool:
    """True when `path` is unchanged since a deep check found it to have `sha256`."""
    stamp = path.with_name(path.name + STAMP_SUFFIX)
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
        info = path.stat()
    except (OSError, ValueError):
        return False
    return bool(
        recorded.get("size") == info.st_size
        and recorded.get("mtime_ns") == info.st_mtime_ns
        and recorded.get("sha256") == sha256
    )


def write_stamp(path: Path, digest: str) -> None:
    """Record that `path`, as it is now, has `digest`."""
    info = path.stat()
    stamp = {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "sha256": digest}
    try:
        atomic_write(path.with_name(path.name + STAMP_SUFFIX), json.dumps(stamp))
    except OSError as err:  # a read-only cache still works, it just re-hashes next time
        logger.debug("could not record verification of %s: %s", path, err)
