"""The audio cache: repeated requests served without synthesis."""

from litetts.cache.audio_cache import AudioCache, CacheStats, CacheStrategy, WarmReport
from litetts.cache.disk import DiskTier, EntryMeta
from litetts.cache.key import CacheKey, array_identity, file_identity, request_text

__all__ = [
    "AudioCache",
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
