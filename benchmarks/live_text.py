"""Speaking a language model's reply while it is written: first-audio latency and
playback starvation through the library, the speech WebSocket and Wyoming.

A simulated model emits each reply as token-sized pieces (a word in pieces of at most
four characters, the space before it on the first) at ``--rate`` tokens per second
(20 by default). For each path it measures

- first audio: seconds from the moment the first clause's last token was sent (the
  first piece ending in , ; : . ! or ?) to the first audio received;
- starvation: a player starts with the first audio and plays on; every time the next
  audio arrives after the player ran dry is a gap. Printed: gaps over 10 ms, their total
  and the longest.

Baseline, measured in the same run and interleaved reply by reply: ``Synthesizer.stream``
given the whole reply at once (first audio from the call). Paths:

- ``library``: ``Synthesizer.stream_text`` over the pieces, fed from another thread;
- ``websocket``: ``WS /v1/audio/speech/ws`` on a real uvicorn server, pcm frames;
- ``wyoming``: ``synthesize-start`` / ``-chunk`` / ``-stop`` with the wyoming client.

    python benchmarks/live_text.py [--runs 2] [--rate 20] [--paths library websocket wyoming]

Needs the real model (``litetts assets fetch``), ``litetts[server,wyoming]`` and
``Synthesizer.stream_text`` (issue 19).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import queue
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from litetts import Synthesizer

REPLIES = [
    "The quickest way to get there is by train, which leaves every twenty minutes from "
    "the central station. The ride takes about forty minutes, and you can buy a ticket "
    "on the platform or in the app. If you would rather drive, expect heavy traffic on "
    "the ring road until seven. Parking near the museum is limited, so the train is "
    "probably the better choice tonight. Have a lovely evening, and enjoy the exhibition.",
    "Your calendar for tomorrow looks fairly busy, with three meetings before lunch. At "
    "nine you have the weekly planning call with the design team. At half past ten, "
    "Maria wants to review the budget, and she asked you to bring last quarter's figures. "
    "The afternoon is free until four, when the dentist expects you. Shall I set a "
    "reminder an hour before each of these?",
]
CLAUSE_ENDS = (",", ";", ":", ".", "!", "?")
BYTES_PER_SECOND = 24_000 * 2
GAP_S = 0.010


def tokens(text: str) -> list[str]:
    """`text` as an LLM streams it: each word in pieces of at most four characters."""
    pieces: list[str] = []
    for index, word in enumerate(text.split(" ")):
        parts = [word[i : i + 4] for i in range(0, len(word), 4)] or [""]
        if index:
            parts[0] = " " + parts[0]
        pieces += parts
    return pieces


def first_clause_end(pieces: list[str]) -> int:
    """Index of the piece that completes the first clause."""
    return next(i for i, p in enumerate(pieces) if p.rstrip().endswith(CLAUSE_ENDS))


class Run:
    """What one path saw for one reply: when the clause was complete, and each audio
    arrival with its duration."""

    def __init__(self) -> None:
        self.clause_sent: float | None = None
        self.arrivals: list[tuple[float, float]] = []

    def audio(self, seconds: float) -> None:
        if seconds > 0:
            self.arrivals.append((time.perf_counter(), seconds))

    def first_audio(self) -> float:
        assert self.clause_sent is not None, "the first clause was never sent"
        assert self.arrivals, "no audio arrived"
        return self.arrivals[0][0] - self.clause_sent

    def gaps(self) -> list[float]:
        """Seconds a player that starts with the first audio would sit idle, per stall."""
        found: list[float] = []
        start, duration = self.arrivals[0]
        playing_until = start + duration
        for arrived, seconds in self.arrivals[1:]:
            if arrived > playing_until + GAP_S:
                found.append(arrived - playing_until)
                playing_until = arrived
            playing_until += seconds
        return found


def emit(pieces: list[str], rate: float, send: Callable[[str], None], run: Run) -> None:
    """Send `pieces` at `rate` per second, noting when the first clause is complete."""
    clause = first_clause_end(pieces)
    started = time.perf_counter()
    for index, piece in enumerate(pieces):
        delay = started + index / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        send(piece)
        if index == clause:
            run.clause_sent = time.perf_counter()


def via_library(tts: Synthesizer, text: str, rate: float) -> Run:
    run = Run()
    inbox: queue.Queue[str | None] = queue.Queue()

    def produce() -> None:
        emit(tokens(text), rate, inbox.put, run)
        inbox.put(None)

    feeder = threading.Thread(target=produce)
    feeder.start()
    for audio in tts.stream_text(iter(inbox.get, None)):
        run.audio(audio.duration)
    feeder.join()
    return run


def via_baseline(tts: Synthesizer, text: str) -> Run:
    run = Run()
    run.clause_sent = time.perf_counter()
    for audio in tts.stream(text):
        run.audio(audio.duration)
    return run


def via_websocket(url: str, text: str, rate: float) -> Run:
    from websockets.sync.client import connect

    run = Run()
    with connect(url.replace("http", "ws", 1) + "/v1/audio/speech/ws") as ws:
        ws.send(json.dumps({"type": "start", "response_format": "pcm"}))

        def produce() -> None:
            emit(
                tokens(text), rate, lambda p: ws.send(json.dumps({"type": "text", "text": p})), run
            )
            ws.send(json.dumps({"type": "end"}))

        feeder = threading.Thread(target=produce)
        feeder.start()
        for message in ws:
            if isinstance(message, bytes):
                run.audio(len(message) / BYTES_PER_SECOND)
            elif json.loads(message)["type"] == "audio.done":
                break
        feeder.join()
    return run


def via_wyoming(port: int, text: str, rate: float) -> Run:
    from wyoming.audio import AudioChunk
    from wyoming.client import AsyncTcpClient
    from wyoming.tts import SynthesizeChunk, SynthesizeStart, SynthesizeStop

    run = Run()

    async def main() -> None:
        async with AsyncTcpClient("127.0.0.1", port) as client:
            loop = asyncio.get_running_loop()
            await client.write_event(SynthesizeStart().event())

            def send(piece: str) -> None:
                write = client.write_event(SynthesizeChunk(text=piece).event())
                asyncio.run_coroutine_threadsafe(write, loop).result()

            async def write() -> None:
                await loop.run_in_executor(None, emit, tokens(text), rate, send, run)
                await client.write_event(SynthesizeStop().event())

            writer = asyncio.create_task(write())
            while (event := await client.read_event()) is not None:
                if event.type == "synthesize-stopped":
                    break
                if AudioChunk.is_type(event.type):
                    run.audio(len(AudioChunk.from_event(event).audio) / BYTES_PER_SECOND)
            await writer

    asyncio.run(main())
    return run


@contextmanager
def served(tts: Synthesizer, paths: list[str]) -> Iterator[tuple[str | None, int | None]]:
    """Start what `paths` need: the HTTP app (its URL) and the Wyoming server (its port)."""
    from tests.live_server import free_port, live_server

    from litetts.config import CacheSettings, Settings
    from litetts_adapters.fastapi import create_app
    from litetts_adapters.live_speech import live_speaker
    from litetts_adapters.wyoming import WyomingServer

    port = free_port() if "wyoming" in paths else None
    ready = threading.Event()
    stop: asyncio.Future[None] | None = None
    loop = asyncio.new_event_loop()

    async def wyoming() -> None:
        nonlocal stop
        stop = loop.create_future()
        async with WyomingServer(live_speaker(tts), f"tcp://127.0.0.1:{port}", "af_heart"):
            ready.set()
            await stop

    thread = threading.Thread(target=loop.run_until_complete, args=(wyoming(),), daemon=True)
    if port is not None:
        thread.start()
        ready.wait(30)
    settings = Settings(cache=CacheSettings(enabled=False))
    try:
        if "websocket" in paths:
            with live_server(create_app(tts, settings=settings)) as (url, _):
                yield url, port
        else:
            yield None, port
    finally:
        if stop is not None:
            loop.call_soon_threadsafe(stop.set_result, None)
            thread.join(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="rounds over the replies")
    parser.add_argument("--rate", type=float, default=20.0, help="tokens per second")
    parser.add_argument(
        "--paths",
        nargs="+",
        default=["library", "websocket", "wyoming"],
        choices=["library", "websocket", "wyoming"],
    )
    args = parser.parse_args()
    if not hasattr(Synthesizer, "stream_text"):
        sys.exit(
            "benchmarks/live_text.py needs Synthesizer.stream_text (issue 19's library "
            "part), which this checkout lacks"
        )
    from litetts.config import CacheSettings, Settings

    loading = time.perf_counter()
    tts = Synthesizer.default(settings=Settings(cache=CacheSettings(enabled=False)))
    tts.warm_up()
    print(f"model loaded in {time.perf_counter() - loading:.1f} s", file=sys.stderr)
    results: dict[str, list[Run]] = {name: [] for name in ["baseline", *args.paths]}
    with served(tts, args.paths) as (url, port):
        for round_ in range(args.runs):
            for number, text in enumerate(REPLIES, 1):
                print(f"round {round_ + 1}, reply {number} ...", file=sys.stderr)
                results["baseline"].append(via_baseline(tts, text))
                if "library" in args.paths:
                    results["library"].append(via_library(tts, text, args.rate))
                if url is not None:
                    results["websocket"].append(via_websocket(url, text, args.rate))
                if port is not None:
                    results["wyoming"].append(via_wyoming(port, text, args.rate))

    baseline = statistics.median(r.first_audio() for r in results["baseline"])
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs, "
        f"load average {os.getloadavg()[0]:.1f}; {args.rate:.0f} tokens/s; "
        f"{len(REPLIES)} replies x {args.runs} rounds"
    )
    print("| path | first audio median | max | x baseline | gaps > 10 ms | gap total | longest |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, runs in results.items():
        firsts = [r.first_audio() for r in runs]
        gaps = [g for r in runs for g in r.gaps()]
        print(
            f"| {name} | {statistics.median(firsts):.2f} s | {max(firsts):.2f} s "
            f"| {statistics.median(firsts) / baseline:.2f} | {len(gaps)} "
            f"| {sum(gaps):.2f} s | {max(gaps, default=0.0):.2f} s |"
        )
    print("first audio: from the first clause's last token (baseline: from the call)")


if __name__ == "__main__":
    main()
