"""Record the SHA-256 of the audio litetts makes for the standard phrases.

    .venv/bin/python tools/phrase_hashes.py > tests/data/phrase_hashes.json

The file pins what a refactor must not change: `tests/integration/test_phrase_hashes.py`
speaks every phrase again and compares. Re-record it only for a change that is meant to
alter the audio, and say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
import sys

import litetts
from litetts.config import structure_settings
from litetts.validation.phrases import standard_phrases

VOICES = (
    "af_heart",
    "am_michael",
    "bf_emma",
    "ef_dora",
    "ff_siwis",
    "hf_alpha",
    "if_sara",
    "jf_alpha",
    "pf_dora",
    "zf_xiaobei",
)
"""One voice per language, two for American English."""


def digest(audio: litetts.Audio) -> str:
    """The SHA-256 of the float32 samples."""
    return hashlib.sha256(audio.samples.tobytes()).hexdigest()


def main() -> None:
    tts = litetts.Synthesizer.default(settings=structure_settings({"cache": {"enabled": False}}))
    languages = {info.id: info.language for info in litetts.voices()}
    hashes = {}
    for voice in VOICES:
        for phrase in standard_phrases(languages[voice]):
            hashes[f"{voice}|{phrase}"] = digest(tts.synthesize(phrase, voice=voice))
    record = {"variant": tts.model.variant, "hashes": hashes}
    json.dump(record, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
