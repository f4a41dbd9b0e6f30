"""`MetricsRecorder`: rolling percentiles, totals, per-voice counts, cache rate, history."""

from __future__ import annotations

import json
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

from litetts import SynthesisEvent, Synthesizer
from litetts.performance import MetricsRecorder
from litetts.performance.memory import MemoryEvent
from litetts.performance.metrics import percentile


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def event(
    *,
    latency: float = 1.0,
    audio: float = 2.0,
    voice: str = "af_heart",
    first: float | None = 0.2,
    error: str | None = None,
    completed: bool = True,
    cache_hit: bool = False,
) -> SynthesisEvent:
    return SynthesisEvent(
        voice=voice,
        text_chars=10,
        chunks=1,
        audio_seconds=audio,
        synthesis_seconds=latency,
        first_audio_seconds=first,
        cache_hit=cache_hit,
        completed=completed,
        error=error,
    )


def test_empty_snapshot_has_no_percentiles_and_is_json() -> None:
    snap = MetricsRecorder(clock=FakeClock()).snapshot()

    assert snap["latency"] == {"p50": None, "p95": None, "p99": None, "mean": None}
    assert {"hits": 0, "hit_rate": None} == snap["cache"]
    json.dumps(snap)


def test_percentiles_of_latency_rtf_and_first_audio() -> None:
    recorder = MetricsRecorder(clock=FakeClock())
    for n in range(1, 101):
        recorder.record(event(latency=n / 100, audio=1.0, first=n / 1000))

    snap = recorder.snapshot()

    assert snap["latency"]["p50"] == pytest.approx(0.505)  # type: ignore[index]
    assert snap["latency"]["p95"] == pytest.approx(0.9505)  # type: ignore[index]
    assert snap["latency"]["p99"] == pytest.approx(0.9901)  # type: ignore[index]
    assert snap["rtf"]["p50"] == pytest.approx(0.505)  # type: ignore[index]
    assert snap["time_to_first_audio"]["p50"] == pytest.approx(0.0505)  # type: ignore[index]


def test_totals_voices_errors_and_cancellations() -> None:
    recorder = MetricsRecorder(clock=FakeClock())
    recorder.record(event(voice="af_heart"))
    recorder.record(event(voice="af_bella"))
    recorder.record(event(voice="af_bella", error="ModelError", first=None, audio=0.0))
    recorder.record(event(voice="af_heart", completed=False))

    snap = recorder.snapshot()

    assert {"af_heart": 2, "af_bella": 2} == snap["voices"]
    assert 4 == snap["requests"]["total"]  # type: ignore[index]
    errors = snap["errors"]
    assert (1, 1) == (errors["total"], errors["cancelled"])  # type: ignore[index]
    assert "ModelError" == errors["recent"][0]["error"]  # type: ignore[index]
    assert 6.0 == snap["audio_seconds_total"]


def test_failed_requests_stay_out_of_the_latency_percentiles() -> None:
    recorder = MetricsRecorder(clock=FakeClock())
    recorder.record(event(latency=1.0))
    recorder.record(event(latency=50.0, error="ModelError"))

    assert 1.0 == recorder.snapshot()["latency"]["p99"]  # type: ignore[index]


def test_cache_hit_rate_comes_from_the_events() -> None:
    recorder = MetricsRecorder(clock=FakeClock())
    for hit in (True, True, True, False):
        recorder.record(event(cache_hit=hit))

    assert {"hits": 3, "hit_rate": 0.75} == recorder.snapshot()["cache"]


def test_old_requests_leave_the_window_but_stay_in_the_totals() -> None:
    clock = FakeClock()
    recorder = MetricsRecorder(window_seconds=60, clock=clock)
    recorder.record(event(latency=9.0))
    clock.now += 61
    recorder.record(event(latency=1.0))

    snap = recorder.snapshot()

    assert (2, 1) == (snap["requests"]["total"], snap["requests"]["in_window"])  # type: ignore[index]
    assert 1.0 == snap["latency"]["p50"]  # type: ignore[index]


def test_throughput_is_audio_seconds_per_second_over_the_window() -> None:
    clock = FakeClock()
    recorder = MetricsRecorder(window_seconds=10, clock=clock)
    clock.now += 10
    for _ in range(5):
        recorder.record(event(audio=4.0))

    assert 2.0 == recorder.snapshot()["throughput"]["audio_seconds_per_second"]  # type: ignore[index]


def test_history_has_one_point_per_bucket_oldest_first() -> None:
    clock = FakeClock()
    recorder = MetricsRecorder(bucket_seconds=5, clock=clock)
    recorder.record(event(latency=1.0, audio=1.0))
    clock.now += 12
    recorder.record(event(latency=3.0, audio=1.0))
    recorder.record(event(latency=5.0, audio=1.0))

    history = recorder.snapshot()["history"]

    assert [{"t": -10.0, "requests": 1.0, "rtf": 1.0, "latency": 1.0},
            {"t": 0.0, "requests": 2.0, "rtf": 4.0, "latency": 4.0}] == history  # fmt: skip


def test_record_is_thread_safe() -> None:
    recorder = MetricsRecorder(clock=FakeClock())

    def work() -> None:
        for _ in range(1000):
            recorder.record(event())

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert 8000 == recorder.snapshot()["requests"]["total"]  # type: ignore[index]


def test_subscribed_to_a_synthesizer_it_counts_its_requests() -> None:
    tts = Synthesizer(ToneModel(), fake_voices(), LetterPhonemizer())
    recorder = MetricsRecorder()
    tts.subscribe(recorder.record)

    tts.synthesize("Hello there.", voice="af_bella")
    list(tts.stream("One. Two.", voice="af_heart"))

    snap = recorder.snapshot()
    assert {"af_bella": 1, "af_heart": 1} == snap["voices"]
    assert snap["rtf"]["p50"] is not None  # type: ignore[index]


def test_reset_forgets_everything() -> None:
    recorder = MetricsRecorder(clock=FakeClock())
    recorder.record(event(error="X"))
    recorder.reset()

    snap = recorder.snapshot()
    assert (0, 0, {}) == (snap["requests"]["total"], snap["errors"]["total"], snap["voices"])  # type: ignore[index]


@given(st.lists(st.floats(0, 1e6), min_size=1), st.floats(0, 100))
def test_percentile_lies_between_min_and_max(values: list[float], q: float) -> None:
    result = percentile(values, q)

    assert result is not None
    assert min(values) <= result <= max(values)


def test_bad_window_is_rejected() -> None:
    with pytest.raises(ValueError, match="positive"):
        MetricsRecorder(window_seconds=0)


def test_memory_events_reach_the_snapshot() -> None:
    recorder = MetricsRecorder(clock=lambda: 100.0)

    recorder.record_memory(MemoryEvent("sample", 300 * 2**20, 1.0))
    recorder.record_memory(MemoryEvent("over_budget", 900 * 2**20, 2.0, "trimmed the cache"))
    recorder.record_memory(MemoryEvent("sample", 500 * 2**20, 3.0))
    memory = recorder.snapshot()["memory"]

    assert 500 * 2**20 == memory["rss_bytes"]  # type: ignore[index]
    assert ["over_budget"] == [e["kind"] for e in memory["events"]]  # type: ignore[index]
