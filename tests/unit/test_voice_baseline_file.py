"""The committed all-voice baseline: every voice, scored the way its language is judged.

tests/data/voices_baseline.json was recorded with Whisper base; how, and what it
measured, is in docs/quality.md ("The full 55-voice run"). tests/test_voice_baselines.py
checks a voice per language against it with the real model.
"""

from __future__ import annotations

from pathlib import Path

import litetts
from litetts.g2p import language_for_voice
from litetts.kokoro import parse_voice
from litetts.validation import Baseline, thresholds_for_language

BASELINE = Baseline.load(Path(__file__).parents[1] / "data" / "voices_baseline.json")


def test_every_voice_is_in_the_baseline_with_its_language() -> None:
    languages = {entry.voice: entry.language for entry in BASELINE.entries}

    assert set(languages) == {info.id for info in litetts.voices()}
    assert all(
        language_for_voice(parse_voice(voice)[0].voice) == lang for voice, lang in languages.items()
    )
    assert BASELINE.whisper_model == "base"


def test_every_clip_passed_its_languages_thresholds() -> None:
    failed = [(e.voice, e.phrase, e.heard_text) for e in BASELINE.entries if not e.passed]

    assert failed == []


def test_no_language_is_left_to_signal_checks_only() -> None:
    for entry in BASELINE.entries:
        limits = thresholds_for_language(entry.language)
        assert limits.max_cer < 1, entry.language
        assert limits.min_phonetic_similarity > 0, entry.language
        assert entry.cer <= limits.max_cer, (entry.voice, entry.phrase, entry.heard_text)
