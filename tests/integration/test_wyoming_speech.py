"""The Wyoming server with the real model, asked the way Home Assistant asks: describe,
then synthesize; Whisper hears what came back.

The streamed form (synthesize-start / -chunk / -stop) is asked the way Home Assistant
asks while its language model is still writing: the first sentence must come back as
audio before the text has ended.
"""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from faster_whisper import WhisperModel
from tests.live_server import free_port
from wyoming.audio import AudioChunk, AudioStart
from wyoming.client import AsyncTcpClient
from wyoming.event import Event
from wyoming.info import Describe, Info
from wyoming.tts import (
    Synthesize,
    SynthesizeChunk,
    SynthesizeStart,
    SynthesizeStop,
    SynthesizeVoice,
)

from litetts import AssetStore, Audio, Synthesizer
from litetts_adapters.live_speech import live_speaker
from litetts_adapters.wyoming import WyomingServer


@pytest.fixture(scope="module")
def whisper() -> WhisperModel:
    folder = AssetStore().require_whisper("tiny.en")
    return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=2)


def _ask(tts: Synthesizer, text: str, voice: str) -> tuple[Info, list[Event]]:
    async def main() -> tuple[Info, list[Event]]:
        port = free_port()
        server = WyomingServer(live_speaker(tts), f"tcp://127.0.0.1:{port}", "af_heart")
        async with server, AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Describe().event())
            described = await client.read_event()
            assert described is not None
            await client.write_event(
                Synthesize(text=text, voice=SynthesizeVoice(name=voice)).event()
            )
            events = []
            while (event := await client.read_event()) is not None:
                events.append(event)
                if event.type == "audio-stop":
                    break
            return Info.from_event(described), events

    return asyncio.run(asyncio.wait_for(main(), 120))


def _pcm_text(events: list[Event], whisper: WhisperModel) -> str:
    start = AudioStart.from_event(next(e for e in events if e.type == "audio-start"))
    pcm = b"".join(AudioChunk.from_event(e).audio for e in events if e.type == "audio-chunk")
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768
    audio = Audio(samples, start.rate).resample(16_000)
    segments, _ = whisper.transcribe(audio.samples, language="en", beam_size=1)
    return " ".join(s.text for s in segments).lower()


def test_streamed_text_is_spoken_before_it_ends(tts: Synthesizer, whisper: WhisperModel) -> None:
    async def main() -> tuple[list[Event], list[Event]]:
        port = free_port()
        server = WyomingServer(live_speaker(tts), f"tcp://127.0.0.1:{port}", "af_heart")
        async with server, AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(SynthesizeStart(voice=SynthesizeVoice("af_bella")).event())
            for piece in ("The kitchen ", "lights are ", "now off. ", "Good", " night"):
                await client.write_event(SynthesizeChunk(text=piece).event())
            early: list[Event] = []
            while (event := await client.read_event()) is not None:
                early.append(event)
                if event.type == "audio-chunk":
                    break  # audio for the first sentence, with the text not yet ended
            await client.write_event(SynthesizeStop().event())
            rest: list[Event] = []
            while (event := await client.read_event()) is not None:
                rest.append(event)
                if event.type == "synthesize-stopped":
                    break
            return early, rest

    early, rest = asyncio.run(asyncio.wait_for(main(), 120))

    assert "audio-chunk" == early[-1].type
    assert "synthesize-stopped" == rest[-1].type
    heard = _pcm_text(early + rest, whisper)
    assert "kitchen lights" in heard
    assert "night" in heard


def test_home_assistant_gets_every_voice_and_hears_the_text(
    tts: Synthesizer, whisper: WhisperModel
) -> None:
    info, events = _ask(tts, "The kitchen lights are now off.", "af_bella")

    voices = {v.name: v.languages for v in info.tts[0].voices}
    start = AudioStart.from_event(events[0])
    pcm = b"".join(AudioChunk.from_event(e).audio for e in events if e.type == "audio-chunk")
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768
    audio = Audio(samples, start.rate).resample(16_000)
    segments, _ = whisper.transcribe(audio.samples, language="en", beam_size=1)
    heard = " ".join(s.text for s in segments).lower()

    assert 55 == len(voices)
    assert ["en_GB"] == voices["bf_emma"]
    assert ["ja_JP"] == voices["jf_alpha"]
    assert (24_000, 2, 1) == (start.rate, start.width, start.channels)
    assert "kitchen lights" in heard
