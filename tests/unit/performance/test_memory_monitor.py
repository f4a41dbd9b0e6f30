"""`MemoryMonitor` with a fake clock and fake RSS readings."""

from __future__ import annotations

import threading

import numpy as np

from litetts.audio import Audio
from litetts.cache import AudioCache, CacheKey
from litetts.config import PerformanceSettings
from litetts.performance import MemoryEvent, MemoryMonitor

MIB = 1024 * 1024


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Readings:
    """RSS readings in MiB, one per call; the last one repeats."""

    def __init__(self, *mib: float) -> None:
        self.values = [int(v * MIB) for v in mib]

    def __call__(self) -> int:
        return self.values.pop(0) if len(self.values) > 1 else self.values[0]


def monitor(rss: Readings, clock: Clock, **kwargs: object) -> tuple[MemoryMonitor, list[str]]:
    actions: list[str] = []
    kwargs.setdefault("collect", lambda: actions.append("gc"))
    kwargs.setdefault("release", lambda: actions.append("release"))
    mon = MemoryMonitor(rss=rss, clock=clock, **kwargs)  # type: ignore[arg-type]  # test kwargs
    return mon, actions


def run(mon: MemoryMonitor, clock: Clock, samples: int, step_s: float) -> None:
    for _ in range(samples):
        mon.sample()
        clock.now += step_s


def test_steady_memory_is_no_leak() -> None:
    clock = Clock()
    mon, actions = monitor(Readings(500), clock, budget_mb=1000)
    run(mon, clock, 20, 30.0)

    report = mon.detect_and_prevent_leaks()

    assert not report.leaking
    assert 0.0 == report.growth_mb_per_hour
    assert [] == actions


def test_steady_growth_above_the_threshold_is_a_leak_and_is_acted_on() -> None:
    clock = Clock()
    # +1 MiB per 30 s sample = 120 MiB/hour
    mon, actions = monitor(
        Readings(*range(400, 420)), clock, budget_mb=1000, leak_threshold_mb_per_hour=50
    )
    events: list[MemoryEvent] = []
    mon.subscribe(events.append)
    run(mon, clock, 20, 30.0)

    report = mon.detect_and_prevent_leaks()

    assert report.leaking
    assert abs(report.growth_mb_per_hour - 120.0) < 1e-6
    assert ("gc", "malloc_trim") == report.actions
    assert ["gc", "release"] == actions
    assert "leak_suspected" == events[-1].kind


def test_growth_below_the_threshold_is_no_leak() -> None:
    clock = Clock()
    mon, _ = monitor(Readings(*range(400, 420)), clock, leak_threshold_mb_per_hour=200)
    run(mon, clock, 20, 30.0)

    assert not mon.detect_and_prevent_leaks().leaking


def test_too_few_samples_are_not_judged() -> None:
    clock = Clock()
    mon, _ = monitor(Readings(100, 900), clock, min_samples=10)
    run(mon, clock, 2, 30.0)

    report = mon.detect_and_prevent_leaks()

    assert not report.leaking
    assert 2 == report.samples


def test_only_the_window_is_kept() -> None:
    clock = Clock()
    mon, _ = monitor(Readings(100), clock, window_s=100.0)
    run(mon, clock, 10, 30.0)

    times = [t for t, _ in mon.samples()]

    assert [180.0, 210.0, 240.0, 270.0] == times


def test_warm_up_growth_that_levels_off_leaves_the_window() -> None:
    clock = Clock()
    readings = Readings(*range(100, 400, 30), *([400] * 30))
    mon, _ = monitor(readings, clock, window_s=600.0, leak_threshold_mb_per_hour=50)
    run(mon, clock, 40, 30.0)

    assert not mon.detect_and_prevent_leaks().leaking


def test_over_budget_trims_the_cache_by_the_overshoot_and_collects() -> None:
    cache = AudioCache(100 * MIB)
    for i in range(10):
        key = CacheKey(str(i), "af_heart", 1.0, "en-us", "m", "v")
        cache.put(key, Audio(np.zeros(MIB // 4, dtype=np.float32)))  # 1 MiB each
    clock = Clock()
    mon, actions = monitor(Readings(1003), clock, budget_mb=1000, caches=[cache, None])
    events: list[MemoryEvent] = []
    mon.subscribe(events.append)

    mon.sample()

    assert 7 * MIB == cache.stats().bytes
    assert ["gc", "release"] == actions
    assert ["sample", "over_budget", "trimmed"] == [e.kind for e in events]
    assert 3 * MIB == events[-1].freed_bytes


def test_under_budget_nothing_is_trimmed() -> None:
    cache = AudioCache(100 * MIB)
    cache.put(CacheKey("a", "af_heart", 1.0, "en-us", "m", "v"), Audio(np.zeros(1000)))
    mon, actions = monitor(Readings(10), Clock(), budget_mb=1000, caches=[cache])

    mon.sample()

    assert 1 == cache.stats().entries
    assert [] == actions


def test_unsubscribe_stops_events() -> None:
    mon, _ = monitor(Readings(10), Clock())
    events: list[MemoryEvent] = []
    unsubscribe = mon.subscribe(events.append)
    mon.sample()
    unsubscribe()
    mon.sample()

    assert 1 == len(events)


def test_a_failing_subscriber_does_not_stop_the_others() -> None:
    mon, _ = monitor(Readings(10), Clock())
    events: list[MemoryEvent] = []

    def broken(event: MemoryEvent) -> None:
        raise RuntimeError("sink down")

    mon.subscribe(broken)
    mon.subscribe(events.append)
    mon.sample()

    assert 1 == len(events)


def test_the_background_thread_samples_until_stopped() -> None:
    mon, _ = monitor(Readings(10), Clock(), interval_s=0.001)
    seen = threading.Event()
    count: list[int] = []

    def on_sample(event: MemoryEvent) -> None:
        count.append(event.rss_bytes)
        if len(count) >= 3:
            seen.set()

    mon.subscribe(on_sample)
    mon.start()
    mon.start()  # idempotent
    assert seen.wait(30)
    mon.stop()

    assert not mon.running
    assert len(count) >= 3


def test_settings_set_budget_interval_and_threshold() -> None:
    settings = PerformanceSettings(
        memory_budget_mb=256, monitor_interval_s=2, leak_threshold_mb_per_hour=10
    )

    mon = MemoryMonitor.from_settings(settings)

    assert (256 * MIB, 2.0, 10.0) == (
        mon.budget_bytes,
        mon.interval_s,
        mon.leak_threshold_mb_per_hour,
    )


def test_the_real_process_rss_is_read() -> None:
    mon = MemoryMonitor()

    assert mon.sample() > 0


def test_caches_are_resized_from_their_hit_rates_every_n_samples() -> None:
    cache = AudioCache(100 * MIB)
    mon, _ = monitor(Readings(10), Clock(), budget_mb=1000, caches=[cache], resize_every=3)
    events: list[MemoryEvent] = []
    mon.subscribe(events.append)

    for _ in range(6):
        mon.sample()

    resized = [e for e in events if e.kind == "cache_resized"]
    assert 2 == len(resized)
    assert resized[0].detail.startswith("kept")
