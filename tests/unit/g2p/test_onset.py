"""A lone unstressed vowel that opens a sentence is stressed; nothing else changes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from litetts.audio import SAMPLE_RATE, trim_silence
from litetts.g2p.onset import stress_lone_onsets
from litetts.tokenizer import Tokenizer


@pytest.mark.parametrize(
    ("phonemes", "stressed"),
    [
        ("I kˈænt bᵻlˈiv ɪt.", "ˈI kˈænt bᵻlˈiv ɪt."),
        ("o fˈame.", "ˈo fˈame."),
        ("e vˈero.", "ˈe vˈero."),
        ("jˈɛs. I nˈO.", "jˈɛs. ˈI nˈO."),
        ("“I nˈO,” ʃi sˈɛd.", "“ˈI nˈO,” ʃi sˈɛd."),
        ("ɛ̃ tʁˈɛ̃.", "ˈɛ̃ tʁˈɛ̃."),
        ("ˈI θˈɪŋk.", "ˈI θˈɪŋk."),
        ("sˌO I wɛnt.", "sˌO I wɛnt."),
        ("ðə kˈæt.", "ðə kˈæt."),
        ("Im hˈɪɹ.", "Im hˈɪɹ."),
        ("", ""),
    ],
)
def test_stress_lone_onsets(phonemes: str, stressed: str) -> None:
    assert stressed == stress_lone_onsets(phonemes)


@given(st.text("aeIOˈˌkt .,!?“”ː"))
def test_only_stress_marks_are_added_and_twice_is_once(phonemes: str) -> None:
    once = stress_lone_onsets(phonemes)

    assert phonemes.replace("ˈ", "") == once.replace("ˈ", "")
    assert len(phonemes) <= len(once)
    assert once == stress_lone_onsets(once)


class EspeakLikePhonemizer:
    """Gives "I" unstressed, as espeak-ng does."""

    def phonemize(self, text: str, lang: str) -> str:
        return "I kˈænt."


def test_the_tokenizer_stresses_a_lone_first_vowel() -> None:
    tokenizer = Tokenizer(EspeakLikePhonemizer())

    assert "ˈI kˈænt." == tokenizer.phonemes("I can't.", "en-us")


def test_trimming_keeps_a_quiet_vowel_onset_before_loud_speech() -> None:
    # A soft vowel at -40 dBFS for 80 ms, then a loud word: the trim must start at the
    # soft vowel (less the kept margin), not at the loud word.
    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    silence = np.zeros(SAMPLE_RATE // 5, dtype=np.float32)
    soft = (0.01 * np.sin(2 * np.pi * 220 * t[: SAMPLE_RATE * 8 // 100])).astype(np.float32)
    loud = (0.5 * np.sin(2 * np.pi * 220 * t[: SAMPLE_RATE // 2])).astype(np.float32)
    samples = np.concatenate([silence, soft, loud, silence])

    kept = trim_silence(samples, SAMPLE_RATE, keep_seconds=0.04)

    margin = round(0.04 * SAMPLE_RATE)
    assert len(kept) >= len(soft) + len(loud) + margin
