"""The real model speaks: every voice, streaming, long text, and bad input."""

from __future__ import annotations

import numpy as np
import pytest

import litetts
from litetts import Audio, InvalidInputError, Synthesizer, VoiceNotFoundError
from litetts.audio import signal_stats
from litetts.kokoro.model import KokoroModel, Style
from litetts.kokoro.vocabulary import MAX_TOKENS

SENTENCES = {
    "en-us": "The weather is lovely today.",
    "en-gb": "The weather is lovely today.",
    "es": "El tiempo es muy agradable hoy.",
    "fr-fr": "Il fait très beau aujourd'hui.",
    "hi": "आज मौसम बहुत अच्छा है।",
    "it": "Oggi il tempo è molto bello.",
    "ja": "きょうはいいてんきです。",
    "pt-br": "O tempo está muito bom hoje.",
    "cmn": "今天天气很好。",
}


@pytest.mark.parametrize("voice", [v.id for v in litetts.voices()])
def test_every_voice_speaks(tts: Synthesizer, voice: str) -> None:
    info = next(v for v in litetts.voices() if v.id == voice)

    audio = tts.synthesize(SENTENCES[info.language], voice=voice)

    stats = signal_stats(audio.samples)
    assert stats.finite
    assert stats.rms > 0.01, "audio is (nearly) silent"
    assert stats.peak <= 1.0
    assert 0.5 < audio.duration < 8.0


def test_stream_chunks_make_the_whole_utterance(tts: Synthesizer) -> None:
    text = (
        "Streaming starts with a short first chunk. Then whole sentences follow, "
        "packed into larger chunks. The pieces join without gaps or clicks."
    )

    pieces = list(tts.stream(text))
    whole = tts.synthesize(text)

    assert len(pieces) >= 2
    assert all(signal_stats(p.samples).rms > 0.01 for p in pieces)
    joined = Audio.concatenate(pieces)
    # The stream cuts its first sentence for fast first audio and one-shot synthesis
    # packs sentences into fewer calls, so pauses differ a little, words do not.
    assert abs(joined.duration - whole.duration) < 0.15 * whole.duration
    assert 7.0 < whole.duration < 14.0


class CountingModel:
    """Passes calls through to the real model and counts the tokens it is given."""

    def __init__(self, model: KokoroModel) -> None:
        self.model = model
        self.tokens = 0
        self.calls = 0

    def infer(self, tokens: list[int], style: Style, speed: float) -> np.ndarray:
        assert len(tokens) <= MAX_TOKENS
        self.tokens += len(tokens)
        self.calls += 1
        samples = self.model.infer(tokens, style, speed)
        assert signal_stats(samples).rms > 0.005, "a chunk came back silent"
        return samples


def test_a_long_text_is_spoken_in_full(tts: Synthesizer) -> None:
    # 600 words, 40 sentences: far past one chunk and one model call. Every token must
    # reach the real model and come back as sound (2,000 words are measured for memory
    # by benchmarks/memory.py; the unit suite sends 2,000 words to a fake model).
    assert isinstance(tts.model, KokoroModel)
    counting = CountingModel(tts.model)
    long_tts = Synthesizer(counting, tts.voices, tts.phonemizer)
    sentence = "The careful narrator reads every single word of this long story aloud"
    sentences = [f"{sentence} for part {i}." for i in range(600 // 15)]
    text = " ".join(sentences)
    words = len(text.split())

    audio = long_tts.synthesize(text, speed=4.0)

    expected = sum(
        len(
            long_tts.vocabulary.encode(
                long_tts.vocabulary.filter(
                    tts.phonemizer.phonemize(tts.normalizer(s, "en-us"), "en-us")
                )
            )
        )
        for s in sentences
    )
    assert words >= 590
    assert counting.tokens >= expected
    # 4x speed: at least ~0.08 s per word survives trimming and joining.
    assert audio.duration > words * 0.08


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"text": ""}, InvalidInputError, "empty"),
        ({"text": "   \n"}, InvalidInputError, "empty"),
        ({"text": "Hi.", "voice": "af_bela"}, VoiceNotFoundError, "af_bella"),
        ({"text": "Hi.", "voice": "af_bella(-2)"}, InvalidInputError, "weight"),
        ({"text": "Hi.", "speed": 0.1}, InvalidInputError, "speed"),
        ({"text": "Hi.", "speed": 9.0}, InvalidInputError, "speed"),
        ({"text": "Hi.", "lang": "xx"}, InvalidInputError, "language"),
        ({"text": "x" * 100_001}, InvalidInputError, "maximum"),
    ],
)
def test_bad_input_gets_a_typed_error(
    tts: Synthesizer, kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        tts.synthesize(**kwargs)  # type: ignore[arg-type]


def test_unknown_format_gets_a_typed_error(tts: Synthesizer, tmp_path: object) -> None:
    audio = tts.synthesize("Hi.")

    with pytest.raises(InvalidInputError, match="format"):
        audio.to_bytes("wma")
