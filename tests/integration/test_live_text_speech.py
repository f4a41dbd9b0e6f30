"""stream_text with the real model: text arriving token by token is heard as written."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

import jiwer
import pytest
from faster_whisper import WhisperModel

from litetts import AssetStore, Audio, Synthesizer
from litetts.text import normalize

MARKDOWN = "**Sure**, here is the price: it costs $3.50 today. Dr. Smith agrees 👍!"
HEARD = (
    "Sure, here is the price: it costs three dollars and fifty cents today. Doctor Smith agrees!"
)


@pytest.fixture(scope="module")
def whisper() -> WhisperModel:
    folder = AssetStore().require_whisper("tiny.en")
    return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=2)


def tokens(text: str) -> list[str]:
    """Pieces as a language model emits them: short, cut inside words and numbers."""
    return re.findall(r"\s*\S{1,3}", text)


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", normalize(text).lower()).split())


def heard(whisper: WhisperModel, audio: Audio) -> str:
    segments, _ = whisper.transcribe(audio.resample(16_000).samples, language="en", beam_size=5)
    return " ".join(segment.text for segment in segments)


def test_live_text_is_heard_as_the_whole_text(tts: Synthesizer, whisper: WhisperModel) -> None:
    pieces = list(tts.stream_text(tokens(MARKDOWN), voice="af_heart"))

    assert len(pieces) > 2  # a first clause, then sentences, with pauses between
    said = heard(whisper, Audio.concatenate(pieces))
    assert jiwer.wer(words(HEARD), words(said)) <= 0.2, said


def test_astream_text_speaks_the_same(tts: Synthesizer) -> None:
    async def pieces() -> AsyncIterator[str]:
        for piece in tokens(MARKDOWN):
            await asyncio.sleep(0.01)
            yield piece

    async def collect() -> list[Audio]:
        return [audio async for audio in tts.astream_text(pieces(), voice="af_heart")]

    sync = Audio.concatenate(list(tts.stream_text(tokens(MARKDOWN), voice="af_heart")))

    assert sync.duration == pytest.approx(Audio.concatenate(asyncio.run(collect())).duration)
