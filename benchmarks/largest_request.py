"""Resident memory of a real ``litetts serve`` on the largest request it accepts.

Builds the text whose estimated audio (`litetts.cost.estimate_audio`) is just under
``server.max_audio_seconds`` at ``--speed`` (slow speeds make the most audio per
token, and so the largest model calls), sends it streamed and then one-shot
(``"stream": false``, which holds the whole waveform and encodes it), and samples
the server's RSS every 0.2 s. Printed per request: RSS before, the peak during,
RSS 2 s after, the audio returned and its estimate; then whether a request a little
over the limit is refused with a 400. Target: every peak under
``performance.memory_budget_mb`` (1,024 MiB).

    python benchmarks/largest_request.py [--speed 0.25] [--format pcm] [--limit 600]
        [--forms stream,whole]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from litetts.assembly import Assembly
from litetts.cost import estimate_audio

MIB = 1024 * 1024
SENTENCE = "The lighthouse keeper climbed the spiral stairs every evening at dusk. "


def largest_text(speed: float, limit: float) -> tuple[str, float, str]:
    """The longest repeat of `SENTENCE` under `limit`, its estimate, and one over."""
    synthesizer = Assembly.create(overrides={"cache.enabled": False}).synthesizer(warm_up=False)
    text, seconds = SENTENCE, 0.0
    while True:
        longer = text + SENTENCE
        request = synthesizer._prepare(longer, "af_heart", speed, None)
        estimate = estimate_audio(request, synthesizer.tokenizer).seconds
        if estimate > limit:
            return text, seconds, longer
        text, seconds = longer, estimate


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    import httpx
    import psutil

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=float, default=0.25)
    parser.add_argument("--format", default="pcm")
    parser.add_argument("--limit", type=float, default=600.0, help="server.max_audio_seconds")
    parser.add_argument(
        "--forms", default="stream,whole", help="which requests to send: stream, whole or both"
    )
    args = parser.parse_args()
    text, estimate, over = largest_text(args.speed, args.limit)
    print(f"largest text: {len(text)} characters, estimated {estimate:.0f} s at {args.speed}x")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="litetts-largest-") as config_dir:
        env = {
            **os.environ,
            "LITETTS_CONFIG_DIR": config_dir,
            "LITETTS_CACHE__ENABLED": "false",
            "LITETTS_SERVER__MAX_AUDIO_SECONDS": str(args.limit),
        }
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
            forms = args.forms.split(",")
            for stream in [form == "stream" for form in forms]:
                body = {
                    "input": text,
                    "voice": "af_heart",
                    "speed": args.speed,
                    "response_format": args.format,
                    "stream": stream,
                }
                before = process.memory_info().rss / MIB
                peak = [before]
                done = threading.Event()

                def sample(peak: list[float] = peak, done: threading.Event = done) -> None:
                    while not done.wait(0.2):
                        peak[0] = max(peak[0], process.memory_info().rss / MIB)

                sampler = threading.Thread(target=sample)
                sampler.start()
                started = time.monotonic()
                size = 0
                with httpx.stream("POST", f"{url}/v1/audio/speech", json=body, timeout=3600) as r:
                    status = r.status_code
                    for block in r.iter_bytes():
                        size += len(block)
                took = time.monotonic() - started
                done.set()
                sampler.join()
                time.sleep(2)
                after = process.memory_info().rss / MIB
                audio_s = size / 2 / 24_000 if args.format == "pcm" else float("nan")
                print(
                    f"{'streamed' if stream else 'one-shot'}: status {status}, {audio_s:.0f} s of "
                    f"audio in {took:.0f} s; RSS before {before:.0f} MiB, peak {peak[0]:.0f}, "
                    f"2 s after {after:.0f}"
                )
            refused = httpx.post(
                f"{url}/v1/audio/speech",
                json={"input": over, "speed": args.speed, "response_format": args.format},
                timeout=60,
            )
            print(f"a little over the limit: {refused.status_code} {refused.text[:160]}")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)


if __name__ == "__main__":
    main()
