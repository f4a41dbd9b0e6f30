"""On the real model, `litetts.cost`'s estimate bounds the audio from above."""

from __future__ import annotations

import pytest

from litetts import AudioTooLongError, Synthesizer
from litetts.cost import estimate_audio

PHRASES = (
    "Ah! Oh! Eh! Uh!",  # the most seconds per token measured
    "Hmm... well, I suppose so!",
    "0" * 24,
    "The quick brown fox jumps over the lazy dog. It was the best of times.",
)


@pytest.mark.parametrize("speed", [1.0, 0.5])
@pytest.mark.parametrize("text", PHRASES)
def test_the_audio_made_is_within_the_estimate(tts: Synthesizer, text: str, speed: float) -> None:
    request = tts._prepare(text, "af_heart", speed, None)
    estimate = estimate_audio(request, tts.tokenizer)

    # Streamed, as the estimate chunks it (synthesize() packs a short text in one call).
    made = sum(piece.duration for piece in tts.stream(text, "af_heart", speed))

    assert made <= estimate.seconds
    # An upper bound, not a wild one (0.38 was the lowest seen, "Hmm... well, I suppose
    # so!" spoken in one call against an estimate of two).
    assert made >= 0.3 * estimate.seconds


def test_the_300_zeros_of_issue_17_are_refused_by_the_servers_default(tts: Synthesizer) -> None:
    from litetts.cost import audio_limit

    with audio_limit(600, setting="server.max_audio_seconds"), pytest.raises(AudioTooLongError):
        tts.stream("0" * 300, "af_heart", 0.25)
