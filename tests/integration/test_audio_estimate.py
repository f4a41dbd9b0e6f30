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

    made = tts.synthesize(text, "af_heart", speed).duration

    assert made <= estimate.seconds
    assert made >= 0.4 * estimate.seconds  # an upper bound, not a wild one


def test_the_300_zeros_of_issue_17_are_refused_by_the_servers_default(tts: Synthesizer) -> None:
    from litetts.cost import audio_limit

    with audio_limit(600, setting="server.max_audio_seconds"), pytest.raises(AudioTooLongError):
        tts.stream("0" * 300, "af_heart", 0.25)
