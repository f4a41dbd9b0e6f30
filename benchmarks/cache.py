"""The audio cache on a realistic repeated workload, and how much faster a hit is.

1. Hit speed (real model, interleaved phrase by phrase): each phrase is synthesized
   once without the cache, once into it (a miss), then served from it (a hit), in
   one-shot and streaming form; the hit/synthesis time ratio is printed.
2. Workload: requests drawn from a Zipf distribution (s = 1.1) over a pool of
   templated phrases, each in one of the four most-used voices (Zipf too), go through
   the real Synthesizer front end (normalisation, markup, voice resolution, keys) with
   a stand-in model that returns audio of Kokoro's length (~0.07 s per phoneme token),
   so thousands of requests run in seconds. Printed: hit rate, the best any cache could
   do (1 - distinct requests / requests), evictions, bytes held, and what
   `optimize_cache_strategy()` decides, for the default budget (256 MiB), twice that,
   and a small one (16 MiB).

    python benchmarks/cache.py [--requests 20000] [--phrases 500] [--rounds 3] [--workload-only]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence

import numpy as np

from litetts import AssetStore, Synthesizer
from litetts.audio import SAMPLE_RATE, Samples
from litetts.cache import AudioCache
from litetts.config import CacheSettings, PerformanceSettings, Settings
from litetts.kokoro.model import Style

VOICES = ("af_heart", "am_michael", "bf_emma", "af_bella")
HIT_PHRASES = (
    "Your order has shipped and will arrive on Tuesday.",
    "Welcome back! You have three new messages.",
    "The meeting starts in five minutes in room twelve.",
    "Please hold while I connect you to an agent.",
    "Thank you for calling. Goodbye!",
)
TEMPLATES = (
    "Your order number {n} has shipped.",
    "Platform {n} is now boarding.",
    "You have {n} new messages.",
    "The temperature outside is {n} degrees.",
    "Turn left in {n} meters.",
    "Ticket {n}, please go to counter three.",
    "Your balance is ${n}.50.",
    "Chapter {n}. The journey begins.",
    "Flight {n} is delayed by twenty minutes.",
    "Press {n} to repeat this message.",
)


class KokoroLengthModel:
    """Audio of Kokoro's typical length: 0.07 s of noise per token, then 0.5 s of silence
    (which the Synthesizer trims, as it trims Kokoro's)."""

    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        n = round(0.07 * len(tokens) * SAMPLE_RATE / speed)
        rng = np.random.default_rng(len(tokens))
        speech = (0.1 * rng.standard_normal(n)).astype(np.float32)
        return np.concatenate([speech, np.zeros(SAMPLE_RATE // 2, dtype=np.float32)])


def zipf_weights(n: int, s: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** s
    return weights / weights.sum()


def hit_speed(tts: Synthesizer, rounds: int) -> None:
    rows: dict[str, list[float]] = {
        "synthesis": [],
        "hit": [],
        "stream synthesis": [],
        "stream hit": [],
    }
    for r in range(rounds):
        for phrase in HIT_PHRASES:
            text = f"{phrase} ({r})"  # a new request each round
            assert tts.cache is not None
            started = time.perf_counter()
            tts.synthesize(text)  # a miss: synthesized and stored
            rows["synthesis"].append(time.perf_counter() - started)
            started = time.perf_counter()
            tts.synthesize(text)
            rows["hit"].append(time.perf_counter() - started)
            started = time.perf_counter()
            next(iter(tts.stream(text + " Again.")))  # miss: first audio
            rows["stream synthesis"].append(time.perf_counter() - started)
            list(tts.stream(text + " Again."))
            started = time.perf_counter()
            next(iter(tts.stream(text + " Again.")))
            rows["stream hit"].append(time.perf_counter() - started)
    synth = statistics.median(rows["synthesis"])
    hit = statistics.median(rows["hit"])
    first = statistics.median(rows["stream synthesis"])
    first_hit = statistics.median(rows["stream hit"])
    print(f"real model, {len(HIT_PHRASES)} phrases x {rounds} rounds, medians:")
    print("| request | synthesized | from the cache | speed-up |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| synthesize() | {synth * 1000:.1f} ms | {hit * 1000:.3f} ms | {synth / hit:,.0f}x |")
    print(
        f"| stream(), first audio | {first * 1000:.1f} ms | {first_hit * 1000:.3f} ms "
        f"| {first / first_hit:,.0f}x |"
    )


def workload(tts: Synthesizer, requests: int, phrases: int, budget: int) -> None:
    rng = np.random.default_rng(7)
    pool = [TEMPLATES[i % len(TEMPLATES)].format(n=i // len(TEMPLATES) + 1) for i in range(phrases)]
    picks = rng.choice(phrases, size=requests, p=zipf_weights(phrases, 1.1))
    voices = rng.choice(len(VOICES), size=requests, p=zipf_weights(len(VOICES), 1.0))
    tts.cache = AudioCache(budget)
    started = time.perf_counter()
    for phrase, voice in zip(picks, voices, strict=True):
        tts.synthesize(pool[phrase], voice=VOICES[voice])
    elapsed = time.perf_counter() - started
    stats = tts.cache.stats()
    distinct = len(set(zip(picks.tolist(), voices.tolist(), strict=True)))
    strategy = tts.cache.optimize_cache_strategy(
        PerformanceSettings().memory_budget_mb * 1024 * 1024
    )
    print(
        f"| {budget / 2**20:.0f} MiB | {requests} | {distinct} | {stats.hit_rate:.1%} "
        f"| {1 - distinct / requests:.1%} | {stats.evictions} | {stats.bytes / 2**20:.1f} MiB "
        f"| {elapsed:.1f} s | {strategy.reason} -> {strategy.max_bytes / 2**20:.0f} MiB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--phrases", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workload-only", action="store_true", help="skip the hit speed part")
    args = parser.parse_args()

    store = AssetStore()
    store.require_model()
    tts = Synthesizer.default(settings=Settings(cache=CacheSettings(max_bytes=256 * 2**20)))
    if not args.workload_only:
        hit_speed(tts, args.rounds)

    front = Synthesizer(KokoroLengthModel(), tts.voices, tts.phonemizer, lexicon=tts.lexicon)
    print(
        f"\nworkload: Zipf(1.1) over {args.phrases} phrases x Zipf(1.0) over {len(VOICES)} voices"
    )
    print(
        "| budget | requests | distinct | hit rate | best possible | evictions | held "
        "| time | optimize_cache_strategy() |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for budget in (CacheSettings().max_bytes, 512 * 2**20, 16 * 2**20):
        workload(front, args.requests, args.phrases, budget)


if __name__ == "__main__":
    main()
