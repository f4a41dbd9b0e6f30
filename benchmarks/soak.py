"""Soak test: speak varied requests for N minutes and report how steady resident memory is.

Requests vary in length (one sentence to a paragraph), voice (single voices and
blends), speed, and form (one-shot or streamed, some streams abandoned early). A
`MemoryMonitor` samples RSS every second on its own thread; the first `--warmup`
share of the run is left out (arenas and voice tables fill up then). Printed: RSS
mean, coefficient of variation and range after warm-up (target: variance < 5%),
the monitor's leak trend, and the cache statistics when the cache is on.

    python benchmarks/soak.py --minutes 5 [--warmup 0.2] [--cache]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=0.2, help="share of the run left out")
    parser.add_argument("--cache", action="store_true", help="keep the audio cache on")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

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
