"""What the metrics recorder costs a request, measured against real requests in one run.

Three figures, all from this run:

1. ``record()``: median cost of recording one `SynthesisEvent` (a million-call loop is
   not needed: 20,000 calls, timed in blocks);
2. ``snapshot()``: cost of one snapshot over a full window (10,000 requests), which the
   server takes every 0.5 s while a dashboard is open, as a share of that interval;
3. the request itself: short real-model requests, alternating with and without the
   recorder subscribed (A/B interleaved, request by request), median time each.

The overhead per request is (1) divided by the median request time; the A/B ratio is
printed too, but on a shared 2-core machine its noise is far above 1 %.

    python benchmarks/metrics_overhead.py [--requests 20] [--voice af_heart]
"""

from __future__ import annotations

import argparse
import statistics
import time

from litetts import SynthesisEvent, Synthesizer
from litetts.config import CacheSettings, Settings
from litetts.performance import MetricsRecorder

TEXT = "The quick brown fox jumps over the lazy dog."


def event(n: int) -> SynthesisEvent:
    return SynthesisEvent(
        voice=("af_heart", "am_michael", "bf_emma")[n % 3],
        text_chars=44,
        chunks=1,
        audio_seconds=2.5,
        synthesis_seconds=0.8 + (n % 7) / 10,
        first_audio_seconds=0.5,
        cache_hit=n % 4 == 0,
        error="ModelError" if n % 97 == 0 else None,
    )


def record_cost(calls: int = 20_000, block: int = 1_000) -> float:
    recorder = MetricsRecorder()
    events = [event(n) for n in range(block)]
    per_call = []
    for _ in range(calls // block):
        started = time.perf_counter()
        for item in events:
            recorder.record(item)
        per_call.append((time.perf_counter() - started) / block)
    return statistics.median(per_call)


def snapshot_cost(samples: int = 10_000, rounds: int = 20) -> float:
    recorder = MetricsRecorder(max_samples=samples)
    for n in range(samples):
        recorder.record(event(n))
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        recorder.snapshot()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--voice", default="af_heart")
    args = parser.parse_args()

    record_s = record_cost()
    snapshot_s = snapshot_cost()

    tts = Synthesizer.default(settings=Settings(cache=CacheSettings(enabled=False)))
    recorder = MetricsRecorder()
    with_times, without_times = [], []
    for n in range(args.requests):
        for subscribed in (n % 2 == 0, n % 2 == 1):  # alternate which goes first
            unsubscribe = tts.subscribe(recorder.record) if subscribed else None
            started = time.perf_counter()
            tts.synthesize(TEXT, voice=args.voice)
            elapsed = time.perf_counter() - started
            if unsubscribe is not None:
                unsubscribe()
                with_times.append(elapsed)
            else:
                without_times.append(elapsed)

    request_s = statistics.median(without_times)
    print(f"record():   {record_s * 1e6:.2f} us per event (median of 20 blocks of 1,000)")
    print(
        f"snapshot(): {snapshot_s * 1e3:.2f} ms over 10,000 requests = "
        f"{100 * snapshot_s / 0.5:.2f} % of one core at one snapshot per 0.5 s"
    )
    print(f"request:    {request_s * 1e3:.0f} ms median ({args.requests} short real requests)")
    print(f"overhead per request (record / request): {100 * record_s / request_s:.1e} %")
    print(
        f"A/B interleaved, with / without recorder: "
        f"{statistics.median(with_times) / request_s:.3f} (noise on this machine: see spread "
        f"{min(without_times) * 1e3:.0f}-{max(without_times) * 1e3:.0f} ms)"
    )


if __name__ == "__main__":
    main()
