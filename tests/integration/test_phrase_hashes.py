"""The standard phrases sound exactly as they did when tests/data/phrase_hashes.json was
recorded (by tools/phrase_hashes.py): a refactor must not change a single sample."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import litetts
from litetts import Synthesizer

RECORD = json.loads(
    (Path(__file__).parents[1] / "data" / "phrase_hashes.json").read_text(encoding="utf-8")
)
CASES = sorted(RECORD["hashes"].items())


@pytest.mark.parametrize(("case", "expected"), CASES, ids=[c for c, _ in CASES])
def test_standard_phrase_audio_is_unchanged(tts: Synthesizer, case: str, expected: str) -> None:
    if tts.model.variant != RECORD["variant"]:
        pytest.skip(f"recorded with the {RECORD['variant']} variant, running {tts.model.variant}")
    voice, phrase = case.split("|", 1)

    audio = tts.synthesize(phrase, voice=voice)

    assert expected == hashlib.sha256(audio.samples.tobytes()).hexdigest()


def test_the_record_covers_every_language() -> None:
    languages = {info.id: info.language for info in litetts.voices()}

    assert 9 == len({languages[case.split("|")[0]] for case, _ in CASES})
