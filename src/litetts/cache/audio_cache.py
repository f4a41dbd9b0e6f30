"""`AudioCache`: synthesized audio kept by request, bounded by bytes, least recently used out.

    >>> cache = AudioCache(64 * 1024 * 1024)
    >>> cache.get(key) is None  # doctest: +SKIP
    True

The in-memory tier holds `Audio` values (or encoded bytes) up to `max_bytes`; an
optional `DiskTier` keeps every entry on disk too, so it survives eviction and
restarts. Keys (`CacheKey`) cover everything that changes the audio, so a hit is
always the audio the request would have produced. Entries made with another model
are dropped when a new model shows up, and a voice whose data changed drops the
entries spoken with it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final

import psutil
from attrs import asdict, frozen

from litetts.assets.store import asset_home
from litetts.audio import Audio
from litetts.cache.disk import DiskTier, EntryMeta
from litetts.cache.key import CacheKey
from litetts.config.schema import CacheSettings
from litetts.errors import InvalidInputError, LiteTTSError

__all__ = ["AudioCache", "CacheStats", "CacheStrategy", "WarmReport"]

logger = logging.getLogger(__name__)

MIN_BYTES: Final = 1024 * 1024
"""The smallest budget `optimize_cache_strategy` sizes the cache to."""

_GHOSTS: Final = 4096
_MIN_LOOKUPS: Final = 50
_GROW_GHOST_RATE: Final = 0.02
_SHRINK_HIT_RATE: Final = 0.05
_BUDGET_SHARE: Final = 0.8


@frozen
class CacheStats:
    """Counters since the cache was made, and what it holds now."""

    hits: int
    misses: int
    evictions: int
    entries: int
    bytes: int
    max_bytes: int
    disk_hits: int = 0
    disk_entries: int = 0
    disk_bytes: int = 0
    invalidated: int = 0

    @property
    def hit_rate(self) -> float:
        """Hits per lookup, 0 before the first lookup."""
        lookups = self.hits + self.misses
        return self.hits / lookups if lookups else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """A JSON-ready dict, `hit_rate` included."""
        return {**asdict(self), "hit_rate": self.hit_rate}


@frozen
class CacheStrategy:
    """What `AudioCache.optimize_cache_strategy` decided, and why."""

    max_bytes: int
    previous_max_bytes: int
    hit_rate: float
    ghost_hit_rate: float
    """Share of lookups that missed an entry evicted earlier (a bigger cache would hit)."""
    lookups: int
    reason: str


@frozen
class WarmReport:
    """What `AudioCache.warm` put into the cache."""

    cached: int
    failed: tuple[str, ...]
    seconds: float


class _Entry:
    __slots__ = ("meta", "size", "value")

    def __init__(self, value: Audio | bytes, meta: EntryMeta) -> None:
        self.value = value
        self.meta = meta
        self.size = value.samples.nbytes if isinstance(value, Audio) else len(value)


class AudioCache:
    """Audio by request, at most `max_bytes` in memory; thread-safe.

    Args:
        max_bytes: memory budget, in bytes of samples (or encoded bytes).
        disk: an optional disk tier that keeps every entry as well.
    """

    def __init__(self, max_bytes: int, *, disk: DiskTier | None = None) -> None:
        self._max_bytes = _check_budget(max_bytes)
        self.disk = disk
        self._lock = threading.RLock()
        self._entries: OrderedDict[str, _Entry] = OrderedDict()  # oldest first
        self._bytes = 0
        self._ghosts: OrderedDict[str, None] = OrderedDict()
        self._model: str | None = None
        self._voice_data: dict[str, str] = {}
        self._hits = self._misses = self._evictions = self._disk_hits = self._invalidated = 0
        self._window = [0, 0, 0]  # hits, misses, ghost hits since the last optimisation

    @classmethod
    def from_settings(
        cls, settings: CacheSettings, *, home: Path | None = None
    ) -> AudioCache | None:
        """The cache `settings` describe, or None when it is disabled.

        The disk tier lives in ``settings.directory``, default ``audio/`` under the
        asset home (`home`, ``$LITETTS_HOME`` or the platform cache folder).
        """
        if not settings.enabled:
            return None
        disk = None
        if settings.disk:
            folder = settings.directory or (home or asset_home()) / "audio"
            disk = DiskTier(folder, settings.disk_max_bytes)
        return cls(settings.max_bytes, disk=disk)

    @property
    def max_bytes(self) -> int:
        """The memory budget, in bytes."""
        return self._max_bytes

    def get(self, key: CacheKey, *fallbacks: CacheKey) -> Audio | bytes | None:
        """The value stored for `key` (else for the first of `fallbacks` held), from
        memory or disk; None on a miss. One call counts as one lookup."""
        keys = (key, *fallbacks)
        digests = [k.digest() for k in keys]
        with self._lock:
            self._observe(key)
            for digest in digests:
                entry = self._entries.get(digest)
                if entry is not None:
                    self._entries.move_to_end(digest)
                    self._count_hit()
                    return entry.value
        for found, digest in zip(keys, digests, strict=True):
            value = self.disk.get(digest) if self.disk is not None else None
            if value is not None:
                with self._lock:
                    self._disk_hits += 1
                    self._count_hit()
                    self._store(digest, _Entry(value, _meta(found)))
                return value
        with self._lock:
            self._misses += 1
            self._window[1] += 1
            if digests[0] in self._ghosts:
                self._window[2] += 1
        return None

    def put(self, key: CacheKey, value: Audio | bytes) -> bool:
        """Keep `value` for `key`; False when it is larger than the whole budget."""
        digest = key.digest()
        entry = _Entry(value, _meta(key))
        with self._lock:
            self._observe(key)
            stored = self._store(digest, entry)
        if self.disk is not None:
            self.disk.put(digest, value, entry.meta)
        return stored

    def stats(self) -> CacheStats:
        """Counters and sizes, as one consistent snapshot."""
        with self._lock:
            memory = (self._hits, self._misses, self._evictions, len(self._entries), self._bytes)
            extra = (self._max_bytes, self._disk_hits)
            invalidated = self._invalidated
        disk = (self.disk.entries, self.disk.total_bytes) if self.disk is not None else (0, 0)
        return CacheStats(*memory, *extra, *disk, invalidated=invalidated)

    def trim(self, max_bytes: int) -> int:
        """Evict least recently used entries until at most `max_bytes` are held; the
        budget stays. Returns the bytes freed (the disk tier keeps its copies)."""
        with self._lock:
            before = self._bytes
            self._shrink(max(0, max_bytes))
            return before - self._bytes

    def resize(self, max_bytes: int) -> None:
        """Change the memory budget, evicting what no longer fits."""
        with self._lock:
            self._max_bytes = _check_budget(max_bytes)
            self._shrink(self._max_bytes)

    def invalidate(self, *, model: str | None = None, voice: str | None = None) -> int:
        """Drop entries made with `model` or spoken with `voice` (a single voice id,
        blends that hold it included); with neither, drop everything. Returns the
        number of memory entries dropped; disk entries go too."""

        def matches(meta: EntryMeta) -> bool:
            if model is None and voice is None:
                return True
            return meta.model == model or (voice is not None and voice in meta.voices)

        with self._lock:
            dropped = self._drop_where(matches)
            if model is None and voice is None:
                self._voice_data.clear()
        if self.disk is not None:
            self.disk.remove_if(matches)
        return dropped

    def clear(self) -> None:
        """Drop every entry, in memory and on disk; the counters stay."""
        self.invalidate()

    def optimize_cache_strategy(
        self, memory_budget_bytes: int | None = None, *, rss_bytes: int | None = None
    ) -> CacheStrategy:
        """Resize the cache from the hit rates seen since the last call and the memory budget.

        Grows (doubles) when at least 2% of lookups missed an entry that was evicted
        earlier, shrinks (halves) when under 5% of lookups hit, and never lets the
        cache outgrow what the process has left under `memory_budget_bytes`:
        80% of (budget - resident memory not held by the cache). Needs 50 lookups
        before it changes anything.

        Args:
            memory_budget_bytes: the process's memory budget; None for no limit.
            rss_bytes: the process's resident memory now; default read with psutil.
        """
        with self._lock:
            hits, misses, ghosts = self._window
            lookups = hits + misses
            hit_rate = hits / lookups if lookups else 0.0
            ghost_rate = ghosts / lookups if lookups else 0.0
            previous = target = self._max_bytes
            reason = f"kept: {lookups} lookups are too few to judge (need {_MIN_LOOKUPS})"
            if lookups >= _MIN_LOOKUPS:
                reason = f"kept: hit rate {hit_rate:.0%}, no sign the size is wrong"
                if ghost_rate >= _GROW_GHOST_RATE:
                    target = previous * 2
                    reason = f"grown: {ghost_rate:.0%} of lookups missed entries evicted earlier"
                elif hit_rate < _SHRINK_HIT_RATE:
                    target = max(MIN_BYTES, previous // 2)
                    reason = f"shrunk: only {hit_rate:.0%} of lookups hit"
                self._window = [0, 0, 0]
            if memory_budget_bytes is not None:
                resident = rss_bytes if rss_bytes is not None else _rss()
                headroom = memory_budget_bytes - (resident - self._bytes)
                cap = max(MIN_BYTES, int(headroom * _BUDGET_SHARE))
                if target > cap:
                    target = cap
                    reason += f"; capped at {cap / 2**20:.0f} MiB by the memory budget"
            self.resize(target)
        strategy = CacheStrategy(target, previous, hit_rate, ghost_rate, lookups, reason)
        logger.info("cache strategy: %s (%d -> %d bytes)", reason, previous, target)
        return strategy

    def warm(
        self,
        speak: Callable[[str, str | None], object],
        phrases: Iterable[str],
        voices: Iterable[str] = (),
    ) -> WarmReport:
        """Speak each phrase in each voice (the default voice when `voices` is empty)
        through `speak`, a Synthesizer's ``synthesize`` that stores into this cache.

        A phrase that fails is logged and listed in the report; warming goes on.
        """
        started = time.perf_counter()
        cached = 0
        failed: list[str] = []
        names: list[str | None] = list(voices) or [None]
        for phrase in phrases:
            for voice in names:
                try:
                    speak(phrase, voice)
                except LiteTTSError as err:
                    logger.warning("cache warming skipped %r (%s): %s", phrase, voice, err)
                    failed.append(f"{phrase} ({voice or 'default voice'})")
                else:
                    cached += 1
        report = WarmReport(cached, tuple(failed), time.perf_counter() - started)
        logger.info("cache warmed with %d phrases in %.2f s", cached, report.seconds)
        return report

    def _count_hit(self) -> None:
        self._hits += 1
        self._window[0] += 1

    def _observe(self, key: CacheKey) -> None:
        """Invalidate what a new model or changed voice data made unreachable."""
        if self._model is not None and key.model != self._model:
            old = self._model
            dropped = self._drop_where(lambda meta: meta.model != key.model)
            self._voice_data.clear()
            logger.info(
                "model changed (%s -> %s): dropped %d cached entries", old, key.model, dropped
            )
        self._model = key.model
        known = self._voice_data.get(key.voice)
        if known is not None and known != key.voice_data:
            names = set(key.voices())
            dropped = self._drop_where(lambda meta: bool(names & set(meta.voices)))
            logger.info("voice %s changed: dropped %d cached entries", key.voice, dropped)
        self._voice_data[key.voice] = key.voice_data

    def _store(self, digest: str, entry: _Entry) -> bool:
        old = self._entries.pop(digest, None)
        if old is not None:
            self._bytes -= old.size
        if entry.size > self._max_bytes:
            return False
        self._entries[digest] = entry
        self._bytes += entry.size
        self._ghosts.pop(digest, None)
        self._shrink(self._max_bytes)
        return True

    def _shrink(self, budget: int) -> None:
        while self._bytes > budget and self._entries:
            digest, entry = self._entries.popitem(last=False)
            self._bytes -= entry.size
            self._evictions += 1
            self._ghosts[digest] = None
            if len(self._ghosts) > _GHOSTS:
                self._ghosts.popitem(last=False)

    def _drop_where(self, predicate: Callable[[EntryMeta], bool]) -> int:
        doomed = [d for d, e in self._entries.items() if predicate(e.meta)]
        for digest in doomed:
            self._bytes -= self._entries.pop(digest).size
        self._invalidated += len(doomed)
        return len(doomed)


def _meta(key: CacheKey) -> EntryMeta:
    return EntryMeta(key.model, key.voices())


def _check_budget(max_bytes: int) -> int:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InvalidInputError(
            f"cache budget must be a positive number of bytes, got {max_bytes!r}",
            field="max_bytes",
        )
    return max_bytes


def _rss() -> int:
    return int(psutil.Process().memory_info().rss)
