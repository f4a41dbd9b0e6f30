"""`AudioCache`: byte budget, LRU order, statistics, invalidation, sizing, warming."""

from __future__ import annotations

from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import cache_keys

from litetts.audio import Audio
from litetts.cache import AudioCache, CacheKey, DiskTier
from litetts.config import CacheSettings
from litetts.errors import InvalidInputError, VoiceNotFoundError

KEY = CacheKey("hello", "af_heart", 1.0, "en-us", "model", "voice-data")


def key(text: str, **changes: object) -> CacheKey:
    return attrs.evolve(KEY, text=text, **changes)


def audio(samples: int, value: float = 0.1) -> Audio:
    """`samples` float32 samples: 4 bytes each."""
    return Audio(np.full(samples, value, dtype=np.float32))


def test_a_stored_value_is_a_hit() -> None:
    cache = AudioCache(1000)
    cache.put(KEY, audio(10))

    assert audio(10) == cache.get(KEY)
    assert (1, 0) == (cache.stats().hits, cache.stats().misses)


def test_an_unknown_key_is_a_miss() -> None:
    cache = AudioCache(1000)

    assert cache.get(KEY) is None
    assert (0, 1) == (cache.stats().hits, cache.stats().misses)


def test_the_least_recently_used_entry_goes_first() -> None:
    cache = AudioCache(400)  # room for two entries of 160 bytes
    cache.put(key("a"), audio(40))
    cache.put(key("b"), audio(40))
    cache.get(key("a"))
    cache.put(key("c"), audio(40))

    assert cache.get(key("b")) is None
    assert cache.get(key("a")) is not None
    assert 1 == cache.stats().evictions


def test_a_value_larger_than_the_budget_is_not_kept() -> None:
    cache = AudioCache(100)

    assert not cache.put(KEY, audio(26))
    assert 0 == cache.stats().bytes


def test_encoded_bytes_count_by_length() -> None:
    cache = AudioCache(100)
    cache.put(KEY.encoded("mp3"), b"x" * 30)

    assert 30 == cache.stats().bytes
    assert b"x" * 30 == cache.get(KEY.encoded("mp3"))
    assert cache.get(KEY) is None


def test_a_fallback_key_serves_a_hit_counted_once() -> None:
    cache = AudioCache(1000)
    cache.put(key("one-shot"), audio(10))

    assert audio(10) == cache.get(key("stream"), key("one-shot"))
    assert (1, 0) == (cache.stats().hits, cache.stats().misses)


def test_hit_rate_counts_hits_per_lookup() -> None:
    cache = AudioCache(1000)
    cache.put(KEY, audio(10))
    for _ in range(3):
        cache.get(KEY)
    cache.get(key("other"))

    assert 0.75 == cache.stats().hit_rate
    assert 0.75 == cache.stats().to_dict()["hit_rate"]


def test_budget_must_be_positive() -> None:
    with pytest.raises(InvalidInputError, match="positive"):
        AudioCache(0)


@given(st.lists(st.tuples(cache_keys(), st.integers(0, 60)), max_size=40), st.integers(1, 400))
def test_never_holds_more_than_its_budget(puts: list[tuple[CacheKey, int]], budget: int) -> None:
    cache = AudioCache(budget)
    for k, n in puts:
        cache.put(k, audio(n))

        assert cache.stats().bytes <= budget


@given(cache_keys(), cache_keys())
def test_a_key_that_differs_in_any_field_never_hits(stored: CacheKey, asked: CacheKey) -> None:
    cache = AudioCache(10_000)
    cache.put(stored, audio(4))

    hit = cache.get(asked)

    assert (hit is not None) == (asked == stored)


def test_trim_evicts_down_to_a_size_and_keeps_the_budget() -> None:
    cache = AudioCache(1000)
    for text in "abc":
        cache.put(key(text), audio(50))  # 200 bytes each

    freed = cache.trim(250)

    assert 400 == freed
    assert 1000 == cache.max_bytes
    assert cache.get(key("c")) is not None


def test_resize_evicts_what_no_longer_fits() -> None:
    cache = AudioCache(1000)
    for text in "abc":
        cache.put(key(text), audio(50))

    cache.resize(450)

    assert (2, 400) == (cache.stats().entries, cache.stats().bytes)


def test_invalidate_a_voice_drops_its_entries_and_blends_holding_it() -> None:
    cache = AudioCache(10_000)
    cache.put(key("a", voice="af_bella"), audio(4))
    cache.put(key("b", voice="af_bella(0.5)+af_sarah(0.5)", voice_data="x"), audio(4))
    cache.put(key("c", voice="af_sarah", voice_data="y"), audio(4))

    assert 2 == cache.invalidate(voice="af_bella")
    assert cache.get(key("c", voice="af_sarah", voice_data="y")) is not None


def test_a_new_model_drops_the_entries_of_the_old_one() -> None:
    cache = AudioCache(10_000)
    cache.put(key("a", model="old"), audio(4))

    cache.get(key("a", model="new"))

    assert 0 == cache.stats().entries
    assert 1 == cache.stats().invalidated


def test_changed_voice_data_drops_what_the_old_data_spoke() -> None:
    cache = AudioCache(10_000)
    cache.put(key("a", voice_data="before"), audio(4))
    cache.put(key("b", voice="bf_emma", voice_data="e"), audio(4))

    cache.get(key("a", voice_data="after"))

    assert 1 == cache.stats().entries
    assert cache.get(key("b", voice="bf_emma", voice_data="e")) is not None


def test_clear_drops_every_entry() -> None:
    cache = AudioCache(10_000)
    cache.put(KEY, audio(4))

    cache.clear()

    assert 0 == cache.stats().entries


def test_strategy_waits_for_enough_lookups() -> None:
    cache = AudioCache(4 * 1024 * 1024)
    cache.get(KEY)

    strategy = cache.optimize_cache_strategy()

    assert 4 * 1024 * 1024 == strategy.max_bytes
    assert strategy.reason.startswith("kept")


def test_strategy_grows_a_cache_that_evicted_what_was_asked_again() -> None:
    size = 1024 * 1024  # one entry of 1 MiB at a time
    cache = AudioCache(size)
    for i in range(60):
        text = "ab"[i % 2]  # two phrases alternating: each evicts the other
        if cache.get(key(text)) is None:
            cache.put(key(text), audio(size // 4))

    strategy = cache.optimize_cache_strategy()

    assert 2 * size == strategy.max_bytes == cache.max_bytes
    assert strategy.ghost_hit_rate > 0.9
    assert strategy.reason.startswith("grown")


def test_strategy_shrinks_a_cache_that_never_hits() -> None:
    cache = AudioCache(8 * 1024 * 1024)
    for i in range(60):
        cache.get(key(str(i)))

    strategy = cache.optimize_cache_strategy()

    assert 4 * 1024 * 1024 == cache.max_bytes
    assert strategy.reason.startswith("shrunk")


def test_strategy_caps_the_cache_at_what_the_memory_budget_leaves() -> None:
    cache = AudioCache(512 * 1024 * 1024)

    strategy = cache.optimize_cache_strategy(
        memory_budget_bytes=600 * 1024 * 1024, rss_bytes=500 * 1024 * 1024
    )

    assert int(100 * 1024 * 1024 * 0.8) == strategy.max_bytes
    assert "memory budget" in strategy.reason


def test_warm_speaks_each_phrase_in_each_voice_and_reports_failures() -> None:
    spoken: list[tuple[str, str | None]] = []

    def speak(text: str, voice: str | None) -> None:
        if voice == "xx_nobody":
            raise VoiceNotFoundError(voice, ["af_heart"])
        spoken.append((text, voice))

    report = AudioCache(100).warm(speak, ["Hi.", "Bye."], ["af_heart", "xx_nobody"])

    assert [("Hi.", "af_heart"), ("Bye.", "af_heart")] == spoken
    assert 2 == report.cached
    assert 2 == len(report.failed)


def test_warm_uses_the_default_voice_without_voices() -> None:
    spoken: list[str | None] = []

    AudioCache(100).warm(lambda _text, voice: spoken.append(voice), ["Hi."])

    assert [None] == spoken


def test_settings_build_no_cache_when_disabled() -> None:
    assert AudioCache.from_settings(CacheSettings(enabled=False)) is None


def test_settings_put_the_disk_tier_under_the_home(tmp_path: Path) -> None:
    cache = AudioCache.from_settings(CacheSettings(disk=True), home=tmp_path)

    assert cache is not None
    assert isinstance(cache.disk, DiskTier)
    assert tmp_path / "audio" == cache.disk.directory


def test_a_memory_miss_is_served_from_disk(tmp_path: Path) -> None:
    disk = DiskTier(tmp_path, 10_000)
    AudioCache(1000, disk=disk).put(KEY, audio(10))
    fresh = AudioCache(1000, disk=DiskTier(tmp_path, 10_000))  # a restarted process

    assert audio(10) == fresh.get(KEY)
    assert (1, 1) == (fresh.stats().hits, fresh.stats().disk_hits)


def test_invalidation_reaches_the_disk_tier(tmp_path: Path) -> None:
    cache = AudioCache(1000, disk=DiskTier(tmp_path, 10_000))
    cache.put(KEY, audio(10))

    cache.invalidate(voice="af_heart")

    assert cache.get(KEY) is None
    assert 0 == cache.stats().disk_entries
