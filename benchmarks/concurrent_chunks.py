"""Two chunks at once, or one after another: where a single long request's time goes.

`Synthesizer.synthesize()` runs a text's chunks one after another on one session with
every core. Convolutions on short sequences do not split well across threads, so two
chunks at once (one session, ``session.run`` is thread-safe) may finish sooner. On the
token chunks litetts sends for the short, medium and long texts of ``synthesis.py``,
interleaved plan by plan and round by round (the order turns every round):

* ``sequence``: one after another on a session with ``--threads`` threads (today's way);
* ``pairs, 1 thread``: two at a time on a 1-thread session (a pool of two);
* ``pairs, N threads``: two at a time on the ``--threads`` session;
* the first chunk alone on 1 and on ``--threads`` threads: what a lead chunk would lose.

Reported: RTF of each plan (wall time / audio), and its ratio to ``sequence``.

    python benchmarks/concurrent_chunks.py [--rounds 3] [--threads 2] [--variant int8-static]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from litetts import Assembly, Synthesizer
from litetts.config import CacheSettings, Settings
from litetts.kokoro.model import KokoroModel, Style
from synthesis import TEXTS, RecordingModel

Call = tuple[list[int], Style, float]
SAMPLE_RATE = 24_000


def recorded_chunks(tts: Synthesizer, voice: str) -> dict[str, list[Call]]:
    """The model calls `tts` makes for each text."""
    recorder = RecordingModel(tts.model)  # type: ignore[arg-type]
    recording = Synthesizer(recorder, tts.voices, tts.phonemizer)
    chunks = {}
    for name, text in TEXTS.items():
        recorder.chunks = []
        recording.synthesize(text, voice=voice)
        chunks[name] = list(recorder.chunks)
    return chunks


def plans(
    many: KokoroModel, one: KokoroModel, pool: ThreadPoolExecutor, threads: int
) -> dict[str, Callable[[Sequence[Call]], float]]:
    """Each plan runs some calls and returns their wall time per second of audio."""

    def timed(run: Callable[[], int]) -> float:
        started = time.perf_counter()
        samples = run()
        return (time.perf_counter() - started) / (samples / SAMPLE_RATE)

    return {
        "sequence": lambda calls: timed(lambda: sum(many.infer(*c).size for c in calls)),
        "pairs, 1 thread": lambda calls: timed(
            lambda: sum(pool.map(lambda c: one.infer(*c).size, calls))
        ),
        f"pairs, {threads} threads": lambda calls: timed(
            lambda: sum(pool.map(lambda c: many.infer(*c).size, calls))
        ),
        "first chunk, 1 thread": lambda calls: timed(lambda: one.infer(*calls[0]).size),
        f"first chunk, {threads} threads": lambda calls: timed(lambda: many.infer(*calls[0]).size),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--voice", default="af_heart")
    parser.add_argument("--variant", default="int8-static")
    args = parser.parse_args()

    settings = Settings(cache=CacheSettings(enabled=False))
    assembly = Assembly.create(settings=settings, overrides={"model.variant": args.variant})
    tts = assembly.synthesizer()
    chunks = recorded_chunks(tts, args.voice)
    path = assembly.prepare_variants([args.variant])[0].prepared.path
    del tts
    many = KokoroModel.from_path(path, threads=args.threads, variant=args.variant)
    one = KokoroModel.from_path(path, threads=1, variant=args.variant)
    with ThreadPoolExecutor(2) as pool:
        runs = plans(many, one, pool, args.threads)
        for calls in chunks.values():  # first-run allocations out of the way
            runs["sequence"](calls[:2])
            runs["pairs, 1 thread"](calls[:2])
        results: dict[tuple[str, str], list[float]] = {}
        order = list(runs.items())
        for round_ in range(args.rounds):
            for text, calls in chunks.items():
                for plan, run in order if round_ % 2 == 0 else reversed(order):
                    results.setdefault((text, plan), []).append(run(calls))

    print(f"{path.name}, medians of {args.rounds} interleaved rounds, voice {args.voice}")
    print(f"| text | calls | {' | '.join(runs)} |")
    print(f"| --- | ---: |{' ---: |' * len(runs)}")
    for text, calls in chunks.items():
        base = statistics.median(results[(text, "sequence")])
        cells = [
            f"{statistics.median(results[(text, p)]):.3f}"
            f" ({statistics.median(results[(text, p)]) / base:.2f}x)"
            for p in runs
        ]
        print(f"| {text} | {len(calls)} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
