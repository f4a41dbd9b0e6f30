"""Ray Serve against plain ``litetts serve``, and 1 replica x 2 threads against 2 replicas
x 1 thread, on this machine, in one interleaved run.

Three targets serve the same real model with the audio cache off:

- ``plain``: ``litetts serve`` (uvicorn, one process, 2 ONNX threads);
- ``serve-1x2``: a Ray Serve application of 1 replica with 2 CPUs (2 threads);
- ``serve-2x1``: a Ray Serve application of 2 replicas with 1 CPU each.

Ray is started with 4 logical CPUs so that both applications fit at once; the machine
has what it has, and the targets take turns (the order rotates every round), so each
ratio compares runs that shared the machine's load alike. Per round and phrase:

- one streaming request per target: time to first byte (TTFB) and total time;
- two concurrent streaming requests per target: audio seconds per wall second;
- ``GET /v1/models`` per target: the proxy's cost without any synthesis;
- one streaming request of a two-word text: TTFB with little synthesis in it.

Printed: medians per target, the paired differences (Serve minus plain, same round) and
the ratios; ``--json`` also writes them.

    python benchmarks/ray_scale.py [--rounds 6] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PHRASES = [
    "Your table for two is ready. Please follow me to the window.",
    "The weather tomorrow will be mostly sunny, with a high of twenty one degrees.",
    "Turn left at the next intersection, then continue straight for half a mile.",
    "Thank you for calling. All of our agents are busy; please stay on the line.",
]
BYTES_PER_SECOND = 24_000 * 2
NO_CACHE = {"LITETTS_CACHE__ENABLED": "false", "LITETTS_OFFLINE": "1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_ready(url: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} never became healthy")


@contextmanager
def plain_server(threads: int) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        **NO_CACHE,
        "PYTHONPATH": str(ROOT / "src"),
        "LITETTS_MODEL__THREADS": str(threads),
    }
    command = [sys.executable, "-m", "litetts_adapters.cli", "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_ready(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def ray_servers() -> Iterator[dict[str, str]]:
    import ray
    from ray import serve

    from litetts_adapters.ray import RayOptions, deployment

    ray.init(
        num_cpus=4,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {**NO_CACHE, "PYTHONPATH": str(ROOT / "src")}},
    )
    port = _free_port()
    serve.start(http_options={"host": "127.0.0.1", "port": port})
    sizes = {"serve-1x2": (2, 1), "serve-2x1": (1, 2)}
    urls = {}
    try:
        for name, (cpus, replicas) in sizes.items():
            options = RayOptions(replica_cpus=cpus, min_replicas=replicas, max_replicas=replicas)
            serve.run(deployment(options), name=name, route_prefix=f"/{name}")
            urls[name] = f"http://127.0.0.1:{port}/{name}"
            _wait_ready(urls[name])
        yield urls
    finally:
        serve.shutdown()
        ray.shutdown()


def stream(client: httpx.Client, url: str, text: str, voice: str) -> tuple[float, float, float]:
    """(TTFB, total seconds, audio seconds) of one streaming pcm request."""
    body = {"model": "tts-1", "input": text, "voice": voice, "response_format": "pcm"}
    sent = time.perf_counter()
    first = None
    size = 0
    with client.stream("POST", f"{url}/v1/audio/speech", json=body) as response:
        response.raise_for_status()
        for chunk in response.iter_raw():
            if first is None and chunk:
                first = time.perf_counter() - sent
            size += len(chunk)
    total = time.perf_counter() - sent
    return first if first is not None else total, total, size / BYTES_PER_SECOND


def pair(url: str, texts: list[str]) -> float:
    """Audio seconds per wall second of two concurrent streams."""
    audio = [0.0, 0.0]

    def one(index: int) -> None:
        with httpx.Client(timeout=300) as client:
            audio[index] = stream(client, url, texts[index], "af_heart")[2]

    started = time.perf_counter()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(audio) / (time.perf_counter() - started)


def models_latency(client: httpx.Client, url: str) -> float:
    sent = time.perf_counter()
    client.get(f"{url}/v1/models").raise_for_status()
    return time.perf_counter() - sent


def run(rounds: int) -> dict[str, object]:
    results: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    with plain_server(threads=2) as plain, ray_servers() as served:
        targets = {"plain": plain, **served}
        names = list(targets)
        with httpx.Client(timeout=300) as client:
            for name in names:  # first requests pay for lazy set-up everywhere
                stream(client, targets[name], "Warm up.", "af_heart")
            for r in range(rounds):
                order = names[r % len(names) :] + names[: r % len(names)]
                for p, text in enumerate(PHRASES):
                    for name in order:
                        ttfb, total, audio = stream(client, targets[name], text, "af_heart")
                        results[name]["ttfb"].append(ttfb)
                        results[name]["total"].append(total)
                        results[name]["rtf_single"].append(audio / total)
                        results[name]["models"].append(models_latency(client, targets[name]))
                        # A two-word text: first audio after little synthesis, so the
                        # difference between targets is less buried in the CPU's noise.
                        results[name]["ttfb_short"].append(
                            stream(client, targets[name], "Hi there.", "af_heart")[0]
                        )
                    texts = [text, PHRASES[(p + 1) % len(PHRASES)]]
                    for name in order:
                        results[name]["pair_audio_per_s"].append(pair(targets[name], texts))
                print(f"round {r + 1}/{rounds} done", file=sys.stderr)
    return summarize(results)


def summarize(results: dict[str, dict[str, list[float]]]) -> dict[str, object]:
    medians = {
        name: {key: statistics.median(values) for key, values in series.items()}
        for name, series in results.items()
    }
    plain = results["plain"]
    paired = {}
    for name in ("serve-1x2", "serve-2x1"):
        series = results[name]
        paired[name] = {
            "extra_ttfb_ms": 1000
            * statistics.median(s - p for s, p in zip(series["ttfb"], plain["ttfb"], strict=True)),
            "extra_ttfb_short_ms": 1000
            * statistics.median(
                s - p for s, p in zip(series["ttfb_short"], plain["ttfb_short"], strict=True)
            ),
            "extra_models_ms": 1000
            * statistics.median(
                s - p for s, p in zip(series["models"], plain["models"], strict=True)
            ),
            "ttfb_ratio": statistics.median(
                s / p for s, p in zip(series["ttfb"], plain["ttfb"], strict=True)
            ),
            "pair_throughput_ratio": statistics.median(
                s / p
                for s, p in zip(series["pair_audio_per_s"], plain["pair_audio_per_s"], strict=True)
            ),
        }
    two_by_one = results["serve-2x1"]["pair_audio_per_s"]
    one_by_two = results["serve-1x2"]["pair_audio_per_s"]
    return {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "samples_per_target": len(plain["ttfb"]),
        "medians": medians,
        "series": {name: dict(series) for name, series in results.items()},
        "against_plain": paired,
        "two_by_one_over_one_by_two_throughput": statistics.median(
            a / b for a, b in zip(two_by_one, one_by_two, strict=True)
        ),
        "audio_s_per_s_per_core": {
            name: values["pair_audio_per_s"] / 2 for name, values in medians.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--json", type=Path, help="also write the figures and every sample")
    args = parser.parse_args()
    summary = run(args.rounds)
    medians = summary["medians"]
    assert isinstance(medians, dict)
    print(
        f"{'target':<10} {'TTFB ms':>8} {'total ms':>9} {'1-stream x RT':>14} "
        f"{'2-stream audio s/s':>19} {'/v1/models ms':>14}"
    )
    for name, m in medians.items():
        print(
            f"{name:<10} {1000 * m['ttfb']:>8.0f} {1000 * m['total']:>9.0f} "
            f"{m['rtf_single']:>14.2f} {m['pair_audio_per_s']:>19.2f} {1000 * m['models']:>14.1f}"
        )
    shown = {k: summary[k] for k in summary if k not in ("medians", "series")}
    print(json.dumps(shown, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
