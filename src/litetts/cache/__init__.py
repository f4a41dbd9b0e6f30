"""The audio cache: repeated requests served without synthesis."""

from litetts.cache.audio_cache import AudioCache, CacheStats, CacheStrategy, WarmReport
from litetts.cache.disk import DiskTier, EntryMeta
from litetts.cache.identity import AUDIO_VERSION, CacheIdentity
from litetts.cache.key import CacheKey, array_identity, file_identity, request_text

__all__ = [
    "AUDIO_VERSION",
    "AudioCache",
    "CacheIdentity",
    "CacheKey",
    "CacheStats",
    "CacheStrategy",
    "DiskTier",
    "EntryMeta",
    "WarmReport",
    "array_identity",
    "file_identity",
    "request_text",
]
