"""Load on the speech server: 1, 2 and 4 concurrent streaming clients, per thread plan.

Starts the real server in-process on a free local port (or drives ``--url``), then for
each concurrency level runs that many clients for ``--seconds``: each client posts a
streaming ``/v1/audio/speech`` request (raw pcm, so audio seconds are exact), reads it to
the end and posts the next. Printed per level: requests done, throughput in audio
seconds per wall second, time to first byte p50/p95, total latency p50/p95, errors
(non-200 answers and transport failures; 503 "queue full" is counted apart).

Each ``--plans`` entry is ``WORKERSxTHREADS`` (server worker threads x ONNX Runtime
intra-op threads per request) or ``WORKERSxauto`` (the server's own plan: the usable
cores shared by the workers); every plan is a fresh server on the same machine, so the
aggregate audio seconds per wall second of, say, ``1x2`` and ``2x1`` compare directly.

    python benchmarks/load.py [--levels 1 2 4] [--seconds 30] [--plans 2xauto 1x2 2x1]
        [--url URL]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PHRASES = [
    "Your table for two is ready. Please follow me to the window.",
    "The weather tomorrow will be mostly sunny, with a high of twenty one degrees.",
    "Turn left at the next intersection, then continue straight for half a mile.",
    "Thank you for calling. All of our agents are busy; please stay on the line.",
    "The meeting has been moved to Thursday at three o'clock in the afternoon.",
    "Remember to water the plants and feed the cat before you leave.",
]
VOICES = ["af_heart", "am_michael", "bf_emma", "af_bella"]
BYTES_PER_SECOND = 24_000 * 2


def quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


class Level:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ttfb: list[float] = []
        self.latency: list[float] = []
        self.audio_seconds = 0.0
        self.errors = 0
        self.rejected = 0


def client_loop(url: str, level: Level, deadline: float, index: int) -> None:
    n = index
    with httpx.Client(base_url=url, timeout=300) as client:
        while time.perf_counter() < deadline:
            body = {
                "model": "tts-1",
                "input": PHRASES[n % len(PHRASES)],
                "voice": VOICES[n % len(VOICES)],
                "response_format": "pcm",
            }
            n += 1
            sent = time.perf_counter()
            first: float | None = None
            size = 0
            try:
                with client.stream("POST", "/v1/audio/speech", json=body) as response:
                    if response.status_code == 503:
                        with level.lock:
                            level.rejected += 1
                        time.sleep(float(response.headers.get("retry-after", "1")))
                        continue
                    if response.status_code != 200:
                        response.read()
                        with level.lock:
                            level.errors += 1
                        continue
                    for chunk in response.iter_bytes():
                        if first is None:
                            first = time.perf_counter() - sent
                        size += len(chunk)
            except httpx.HTTPError:
                with level.lock:
                    level.errors += 1
                continue
            total = time.perf_counter() - sent
            with level.lock:
                level.ttfb.append(first if first is not None else total)
                level.latency.append(total)
                level.audio_seconds += size / BYTES_PER_SECOND


def run_level(url: str, clients: int, seconds: float) -> dict[str, float | int | None]:
    level = Level()
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(target=client_loop, args=(url, level, deadline, i)) for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started  # includes finishing requests begun before the deadline
    return {
        "clients": clients,
        "requests": len(level.latency),
        "wall_s": wall,
        "audio_s": level.audio_seconds,
        "throughput_audio_s_per_s": level.audio_seconds / wall,
        "ttfb_p50_s": quantile(level.ttfb, 0.5),
        "ttfb_p95_s": quantile(level.ttfb, 0.95),
        "latency_p50_s": quantile(level.latency, 0.5),
        "latency_p95_s": quantile(level.latency, 0.95),
        "errors": level.errors,
        "rejected_503": level.rejected,
    }


def fmt(value: float | int | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def serve_plan(
    plan: str, levels: list[int], seconds: float, queue: int
) -> list[dict[str, float | int | None]]:
    """Run every level against a fresh in-process server built as `plan` says."""
    from tests.live_server import live_server

    from litetts import Assembly
    from litetts.config import CacheSettings, ModelSettings, ServerSettings, Settings
    from litetts_adapters.fastapi import create_app

    workers_text, _, threads_text = plan.partition("x")
    workers = int(workers_text)
    threads = None if threads_text in {"", "auto"} else int(threads_text)
    settings = Settings(
        model=ModelSettings(threads=threads),
        server=ServerSettings(worker_threads=workers, queue_size=queue),
        # The phrases repeat: without this, most requests would be cache hits.
        cache=CacheSettings(enabled=False),
    )
    loading = time.perf_counter()
    # As the server builds it: the session plan shares the cores among the workers.
    tts = Assembly.create(settings=settings, workers=workers).synthesizer()
    intra = tts.model.session.get_session_options().intra_op_num_threads  # type: ignore[attr-defined]
    print(
        f"{plan}: model loaded in {time.perf_counter() - loading:.1f} s, {intra} intra-op threads",
        file=sys.stderr,
    )
    results = []
    with live_server(create_app(tts, settings=settings)) as (url, _):
        run_level(url, 1, min(5.0, seconds))  # warm-up, not reported
        for clients in levels:
            print(f"{plan}: {clients} client(s) for {seconds:.0f} s ...", file=sys.stderr)
            results.append(run_level(url, clients, seconds))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--plans", nargs="+", default=["2xauto"], help="WORKERSxTHREADS or WORKERSxauto"
    )
    parser.add_argument("--queue", type=int, default=16, help="server queue size")
    parser.add_argument("--url", help="drive this server instead of starting one")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    runs: dict[str, list[dict[str, float | int | None]]] = {}
    if args.url:
        runs["given server"] = [run_level(args.url, n, args.seconds) for n in args.levels]
    else:
        for plan in args.plans:
            runs[plan] = serve_plan(plan, args.levels, args.seconds, args.queue)

    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs, "
        f"load average {os.getloadavg()[0]:.1f}; queue {args.queue}; pcm streaming; "
        f"{args.seconds:.0f} s per level"
    )
    print(
        "| workers x threads | clients | requests | audio s/s | TTFB p50 | TTFB p95 "
        "| latency p50 | latency p95 | errors | 503 |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for plan, results in runs.items():
        for r in results:
            print(
                f"| {plan} | {r['clients']} | {r['requests']} "
                f"| {fmt(r['throughput_audio_s_per_s'])} "
                f"| {fmt(r['ttfb_p50_s'])} s | {fmt(r['ttfb_p95_s'])} s "
                f"| {fmt(r['latency_p50_s'])} s | {fmt(r['latency_p95_s'])} s "
                f"| {r['errors']} | {r['rejected_503']} |"
            )
    results = [dict(r, plan=plan) for plan, rs in runs.items() for r in rs]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
