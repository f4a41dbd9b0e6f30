"""Hot-reload latency of `litetts.ConfigStore`: from a write of settings.json to the
subscriber's call, with watchfiles and with the polling fallback, interleaved edit by
edit in one temporary folder each, so that both see the same machine load.

    python benchmarks/config_reload.py [--edits 20] [--debounce 0.25]

The latency includes the debounce (the quiet time the store waits for a burst of
writes to end), so it cannot be lower than ``--debounce``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from litetts import ConfigStore
from litetts.config import ConfigChange

BACKENDS = ("watchfiles", "poll")


def _edit(store: ConfigStore, folder: Path, size: int) -> float:
    """Seconds from writing queue_size=`size` to the subscriber seeing it."""
    arrived = threading.Event()

    def seen(change: ConfigChange) -> None:
        if change.config.server.queue_size == size:
            arrived.set()

    unsubscribe = store.subscribe(seen)
    started = time.perf_counter()
    (folder / "settings.json").write_text(json.dumps({"server": {"queue_size": size}}))
    if not arrived.wait(10.0):
        raise SystemExit(f"no reload within 10 s ({store.last_error})")
    elapsed = time.perf_counter() - started
    unsubscribe()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--debounce", type=float, default=0.25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        folders = {name: Path(root) / name for name in BACKENDS}
        stores = {
            name: ConfigStore.load(
                folder, env={}, watch=True, watch_backend=name, debounce_s=args.debounce
            )
            for name, folder in folders.items()
        }
        times: dict[str, list[float]] = {name: [] for name in BACKENDS}
        try:
            for edit in range(args.edits):
                for name in BACKENDS if edit % 2 else reversed(BACKENDS):
                    times[name].append(_edit(stores[name], folders[name], edit + 1))
        finally:
            for store in stores.values():
                store.close()
    base = statistics.median(times["watchfiles"])
    print(f"{'backend':<12}{'median s':>10}{'max s':>8}{'vs watchfiles':>15}")
    for name in BACKENDS:
        median = statistics.median(times[name])
        print(f"{name:<12}{median:>10.3f}{max(times[name]):>8.3f}{median / base:>14.2f}x")


if __name__ == "__main__":
    main()
