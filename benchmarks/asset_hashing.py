"""What verifying the assets by SHA-256 on every load costs, against loading the model.

Each round, interleaved: hash the model (``AssetStore.require_model``), the 54 voices
(``require_voices``), the prepared variant (``VariantCache.cached``, which hashes it),
and load the variant into an ONNX Runtime session (the baseline). Printed: the median
seconds of each and its ratio to the session load.

    python benchmarks/asset_hashing.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from litetts.assembly import Assembly
from litetts.kokoro.model import KokoroModel
from litetts.kokoro.variants import VariantCache


def timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    assembly = Assembly.create()
    store = assembly.assets
    variant = assembly.settings.model.variant
    cache = VariantCache(
        store.model_path, store.variants_dir, source_sha256=store.manifest.model.sha256
    )
    path = cache.path(variant)
    steps: dict[str, Callable[[], object]] = {
        "session load (baseline)": lambda: KokoroModel.from_path(path, variant=variant),
        "model sha256": store.require_model,
        "voices sha256": store.require_voices,
        f"{variant} variant sha256": lambda: cache.cached(variant),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.rounds):
        for name, step in steps.items():
            times[name].append(timed(step))
    base = statistics.median(times["session load (baseline)"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:28} {median:6.2f} s  {median / base:5.2f} x session load")
    hashing = sum(statistics.median(v) for n, v in times.items() if "sha256" in n)
    print(f"all hashing: {hashing:.2f} s, {hashing / base:.2f} x session load")


if __name__ == "__main__":
    main()
