"""Soak test: speak varied requests for N minutes and report how steady resident memory is.

Requests vary in length (one sentence to a paragraph), voice (single voices and
blends), speed, and form (one-shot or streamed, some streams abandoned early). A
`MemoryMonitor` samples RSS every second on its own thread; the first `--warmup`
share of the run is left out (arenas and voice tables fill up then). Printed: RSS
mean, coefficient of variation and range after warm-up (target: variance < 5%),
the monitor's leak trend, and the cache statistics when the cache is on.

    python benchmarks/soak.py --minutes 5 [--warmup 0.2] [--cache]

With ``--server``, the same against a real ``litetts serve`` on a loopback port:
``--clients`` (16) streaming clients, each text unique, for ``--minutes``. Printed:
responses by status (a 503 must carry ``Retry-After``, and is honoured), time to first
byte p50/p95, and the server's RSS at the end of warm-up, at the middle and at the end,
with the drift from the first to the last (target: 0 errors but 503s, drift < 5%).

    python benchmarks/soak.py --server --clients 16 --minutes 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter

from litetts import Synthesizer
from litetts.config import CacheSettings, PerformanceSettings, Settings
from litetts.performance import MemoryMonitor

SENTENCES = (
    "The lighthouse keeper climbed the spiral stairs every evening at dusk.",
    "Ships far out at sea would see the beam sweep across the water.",
    "On March 3rd, 2024, the council approved $1.2 million for repairs.",
    "Dr. Smith arrived at 9:45 a.m. and left before noon.",
    "Please call 555-0123 if you have any questions about your order.",
    "Wait [pause:0.3s] listen carefully.",
    "It was the best of times, it was the worst of times.",
    "The quick brown fox jumps over the lazy dog near the river bank.",
)
VOICES = ("af_heart", "am_michael", "bf_emma", "af_bella(2)+af_sky(1)", "onyx")
MIB = 1024 * 1024


def request(rng: random.Random) -> tuple[str, str, float]:
    text = " ".join(rng.choice(SENTENCES) for _ in range(rng.choice((1, 1, 2, 3, 6))))
    return text, rng.choice(VOICES), rng.choice((0.8, 1.0, 1.0, 1.2))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _client(
    url: str, number: int, deadline: float, statuses: Counter[str], ttfb: list[float]
) -> None:
    import httpx

    rng = random.Random(number)
    sent = 0
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        while time.monotonic() < deadline:
            text, voice, speed = request(rng)
            sent += 1
            body = {
                "input": f"Client {number}, request {sent}. {text}",
                "voice": voice,
                "speed": speed,
                "response_format": "pcm",
            }
            started = time.monotonic()
            try:
                async with client.stream("POST", "/v1/audio/speech", json=body) as response:
                    first = True
                    async for _ in response.aiter_bytes():
                        if first:
                            ttfb.append(time.monotonic() - started)
                            first = False
                    status = str(response.status_code)
                    if response.status_code == 503:
                        retry = response.headers.get("retry-after")
                        status += "+retry-after" if retry else " without retry-after"
                        await asyncio.sleep(float(retry or 1))
                    statuses[status] += 1
            except httpx.HTTPError as err:
                statuses[type(err).__name__] += 1


def soak_server(args: argparse.Namespace) -> int:
    """The server soak; returns the exit status (1 on an error other than a 503)."""
    import httpx
    import psutil

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="litetts-soak-") as config_dir:
        env = {**os.environ, "LITETTS_CONFIG_DIR": config_dir}
        if not args.cache:
            env["LITETTS_CACHE__ENABLED"] = "false"
        command = [sys.executable, "-m", "litetts_adapters.cli", "serve", "--port", str(port)]
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        try:
            for _ in range(600):
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.5)
            process = psutil.Process(server.pid)
            total_s = args.minutes * 60
            marks = {"start": args.warmup * total_s, "middle": total_s / 2, "end": total_s}
            rss: dict[str, float] = {}
            statuses: Counter[str] = Counter()
            ttfb: list[float] = []

            async def run() -> None:
                began = time.monotonic()
                deadline = began + total_s
                clients = [
                    asyncio.create_task(_client(url, n, deadline, statuses, ttfb))
                    for n in range(args.clients)
                ]
                for name, at in marks.items():
                    await asyncio.sleep(max(0.0, began + at - time.monotonic() - 1))
                    rss[name] = process.memory_info().rss / MIB
                await asyncio.gather(*clients)

            asyncio.run(run())
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    ttfb.sort()
    drift = (rss["end"] - rss["start"]) / rss["start"]
    print(f"{args.minutes:g} min, {args.clients} streaming clients, {statuses.total()} responses")
    print("by status: " + ", ".join(f"{k}: {n}" for k, n in sorted(statuses.items())))
    if ttfb:
        p50, p95 = ttfb[len(ttfb) // 2], ttfb[min(len(ttfb) - 1, int(len(ttfb) * 0.95))]
        print(f"time to first byte: p50 {p50:.2f} s, p95 {p95:.2f} s")
    print(
        f"server RSS: start (after {args.warmup:.0%} warm-up) {rss['start']:.0f} MiB, "
        f"middle {rss['middle']:.0f}, end {rss['end']:.0f}; drift {drift:+.1%}"
    )
    errors = [k for k in statuses if k not in ("200", "503+retry-after")]
    return 1 if errors else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=0.2, help="share of the run left out")
    parser.add_argument("--cache", action="store_true", help="keep the audio cache on")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server", action="store_true", help="soak a real litetts serve")
    parser.add_argument("--clients", type=int, default=16, help="with --server")
    args = parser.parse_args()
    if args.server:
        raise SystemExit(soak_server(args))

    settings = Settings(cache=CacheSettings(enabled=args.cache), performance=PerformanceSettings())
    tts = Synthesizer.default(settings=settings)
    # The window ends up holding only what follows warm-up, for the leak trend too.
    window_s = (1 - args.warmup) * args.minutes * 60
    monitor = MemoryMonitor(interval_s=1.0, window_s=window_s, caches=[tts.cache])
    monitor.start()
    rng = random.Random(args.seed)
    started = time.monotonic()
    deadline = started + args.minutes * 60
    counts = {"synthesize": 0, "stream": 0, "abandoned": 0}
    audio_seconds = 0.0
    while time.monotonic() < deadline:
        text, voice, speed = request(rng)
        form = rng.choice(("synthesize", "synthesize", "stream", "abandoned"))
        if form == "synthesize":
            audio_seconds += tts.synthesize(text, voice=voice, speed=speed).duration
        elif form == "stream":
            audio_seconds += sum(p.duration for p in tts.stream(text, voice=voice, speed=speed))
        else:
            stream = tts.stream(text, voice=voice, speed=speed)
            audio_seconds += next(stream).duration
            stream.close()
        counts[form] += 1
    monitor.stop()
    leak = monitor.detect_and_prevent_leaks()
    rss = [r / MIB for _, r in monitor.samples()]
    mean = statistics.mean(rss)
    cv = statistics.pstdev(rss) / mean
    print(
        f"{args.minutes:g} min, {sum(counts.values())} requests {counts}, "
        f"{audio_seconds:.0f} s of audio; cache {'on' if args.cache else 'off'}"
    )
    print(
        f"RSS after {args.warmup:.0%} warm-up ({len(rss)} samples): mean {mean:.0f} MiB, "
        f"min {min(rss):.0f}, max {max(rss):.0f}, "
        f"coefficient of variation {cv:.2%}, range {(max(rss) - min(rss)) / mean:.2%} of mean"
    )
    print(
        f"leak trend after warm-up: {leak.growth_mb_per_hour:+.1f} MiB/hour "
        f"(threshold {leak.threshold_mb_per_hour:g}): {'LEAK' if leak.leaking else 'no leak'}"
    )
    if tts.cache is not None:
        print(f"cache: {tts.cache.stats().to_dict()}")


if __name__ == "__main__":
    main()
