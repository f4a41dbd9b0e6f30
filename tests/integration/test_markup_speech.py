"""Inline control on the real model: pauses are silence, overrides change the speech."""

from __future__ import annotations

import numpy as np

from litetts import Synthesizer
from litetts.audio import SAMPLE_RATE, signal_stats

WINDOW = 480  # 20 ms


def longest_quiet(samples: np.ndarray, threshold: float = 0.01) -> tuple[float, float]:
    """(start, length) in seconds of the longest run of 20 ms windows below `threshold` RMS."""
    usable = len(samples) // WINDOW * WINDOW
    rms = np.sqrt(np.mean(samples[:usable].reshape(-1, WINDOW) ** 2, axis=1))
    quiet = np.concatenate(([False], rms < threshold, [False]))
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    starts, ends = edges[::2], edges[1::2]
    best = int(np.argmax(ends - starts))
    return starts[best] * WINDOW / SAMPLE_RATE, (ends[best] - starts[best]) * WINDOW / SAMPLE_RATE


def test_a_pause_is_a_silent_stretch_between_the_words(tts: Synthesizer) -> None:
    audio = tts.synthesize("Hello [pause:1s] world")

    start, length = longest_quiet(audio.samples)
    assert length >= 0.9
    assert start > 0.2, "no speech before the pause"
    assert start + length < audio.duration - 0.2, "no speech after the pause"
    before = audio.samples[: round(start * SAMPLE_RATE)]
    after = audio.samples[round((start + length) * SAMPLE_RATE) :]
    assert signal_stats(before).rms > 0.01
    assert signal_stats(after).rms > 0.01


def test_an_override_changes_the_speech(tts: Synthesizer) -> None:
    plain = tts.synthesize("tomato", voice="af_heart")
    # espeak-ng says "tomato" as təmˈAɾO: the same phonemes give the same audio...
    same = tts.synthesize("[tomato](/təmˈAɾO/)", voice="af_heart")
    # ...and the British vowel gives different audio.
    british = tts.synthesize("[tomato](/təmˈɑːtQ/)", voice="af_heart")

    assert np.array_equal(plain.samples, same.samples)
    assert signal_stats(british.samples).rms > 0.01
    assert len(plain.samples) != len(british.samples) or not np.allclose(
        plain.samples, british.samples, atol=1e-3
    )


def test_the_builtin_dictionary_says_kokoro_as_misaki_does(tts: Synthesizer) -> None:
    dictionary = tts.synthesize("Kokoro", voice="af_heart")
    override = tts.synthesize("[Kokoro](/kˈOkəɹO/)", voice="af_heart")

    assert np.array_equal(override.samples, dictionary.samples)
