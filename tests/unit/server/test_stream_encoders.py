"""Incremental encoders and the worker-to-loop channel."""

from __future__ import annotations

import asyncio
import io

import av
import numpy as np
import pytest

from litetts import Audio, InvalidInputError
from litetts_adapters.fastapi.encoders import (
    BufferedEncoder,
    WavEncoder,
    stream_encoder,
    wav_stream_header,
)
from litetts_adapters.fastapi.streaming import END, Channel, pump


def tone(seconds: float) -> np.ndarray:
    t = np.arange(round(seconds * 24_000)) / 24_000
    return (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


@pytest.mark.parametrize("fmt", ["mp3", "opus", "aac", "flac", "wav", "pcm"])
def test_bytes_leave_before_the_stream_ends(fmt: str) -> None:
    encoder = stream_encoder(fmt)

    early = encoder.encode(tone(0.5)) + encoder.encode(tone(0.5))
    rest = encoder.finish()

    assert len(early) > len(rest)


@pytest.mark.parametrize("fmt", ["mp3", "opus", "aac", "flac"])
def test_compressed_streams_decode_to_their_length(fmt: str) -> None:
    encoder = stream_encoder(fmt)
    data = b"".join(encoder.encode(tone(0.4)) for _ in range(5)) + encoder.finish()

    with av.open(io.BytesIO(data)) as container:
        frames = list(container.decode(audio=0))
    seconds = sum(f.samples for f in frames) / frames[0].sample_rate

    assert seconds == pytest.approx(2.0, abs=0.1)


def test_empty_wav_stream_is_a_bare_header() -> None:
    assert wav_stream_header() == WavEncoder().finish()


def test_buffered_fallback_matches_a_one_shot_encode() -> None:
    encoder = BufferedEncoder("flac")
    for _ in range(3):
        encoder.encode(tone(0.2))

    assert Audio(np.concatenate([tone(0.2)] * 3)).to_bytes("flac") == encoder.finish()


def test_pump_sends_every_chunk_then_end() -> None:
    loop = asyncio.new_event_loop()
    try:
        channel = Channel(loop, maxsize=100)

        def start():  # type: ignore[no-untyped-def]
            yield Audio(tone(0.1))
            yield Audio(tone(0.1))

        async def run() -> list[object]:
            await asyncio.to_thread(pump, start, stream_encoder("pcm"), channel)
            return [channel._queue.get_nowait() for _ in range(channel._queue.qsize())]

        items = loop.run_until_complete(run())
    finally:
        loop.close()

    assert 3 == len(items)
    assert END == items[-1]
    assert 4800 == len(items[0])  # type: ignore[arg-type]


def test_pump_passes_a_start_error_through_the_channel() -> None:
    loop = asyncio.new_event_loop()
    try:
        channel = Channel(loop)

        def start():  # type: ignore[no-untyped-def]
            raise InvalidInputError("empty", field="input")

        async def run() -> object:
            await asyncio.to_thread(pump, start, stream_encoder("pcm"), channel)
            return await channel.get()

        item = loop.run_until_complete(run())
    finally:
        loop.close()

    assert isinstance(item, InvalidInputError)


def test_a_cancelled_channel_closes_the_stream_at_the_next_chunk() -> None:
    loop = asyncio.new_event_loop()
    closed = []
    try:
        channel = Channel(loop)

        def start():  # type: ignore[no-untyped-def]
            try:
                for _ in range(10):
                    yield Audio(tone(0.1))
                    channel.cancel()  # the client went away while this chunk was made
            finally:
                closed.append(True)

        loop.run_until_complete(asyncio.to_thread(pump, start, stream_encoder("pcm"), channel))
    finally:
        loop.close()

    assert [True] == closed
    assert 1 == channel._queue.qsize()


def test_a_stopped_stream_closes_its_encoder() -> None:
    class Recording:
        def __init__(self) -> None:
            self.closed = False

        def encode(self, samples: np.ndarray) -> bytes:
            return b"x"

        def finish(self) -> bytes:
            return b""

        def close(self) -> None:
            self.closed = True

    loop = asyncio.new_event_loop()
    encoder = Recording()
    try:
        channel = Channel(loop)
        channel.cancel()

        def start():  # type: ignore[no-untyped-def]
            yield Audio(tone(0.1))

        loop.run_until_complete(asyncio.to_thread(pump, start, encoder, channel))
    finally:
        loop.close()

    assert encoder.closed


def test_an_unfinished_compressed_encoder_closes_cleanly() -> None:
    encoder = stream_encoder("mp3")
    encoder.encode(tone(0.3))

    encoder.close()
    encoder.close()
