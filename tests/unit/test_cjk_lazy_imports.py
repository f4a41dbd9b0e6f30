"""Japanese, Mandarin and Hindi packages load only for a request in that language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from litetts.g2p import AutoPhonemizer

ROOT = Path(__file__).parents[2]
LANGUAGE_PACKAGES = {"pyopenjtalk", "jieba", "pypinyin", "sudachipy", "cn2an", "uroman"}
# English synthesis with the real normaliser and phonemizer (a tone model stands in for
# Kokoro), then an English quality report with a fake recogniser: the path a user takes.
PROBE = f"""
import sys
import litetts
from litetts import Synthesizer
from litetts.g2p import default_phonemizer
from litetts.validation import AudioQualityValidator
from litetts.validation.transcription import Transcription
from tests.fakes import ToneModel, fake_voices

class Hears:
    def transcribe(self, audio, /, *, language):
        return Transcription("it costs three dollars at three thirty", "en")

tts = Synthesizer(ToneModel(), fake_voices(), default_phonemizer())
audio = tts.synthesize("It costs $3 at 3:30, I’m sure.", voice="af_heart")
report = AudioQualityValidator(Hears(), lang="en-us").validate_transcription(
    audio, "It costs $3 at 3:30."
)
assert report.wer == 0, report
print(sorted(set({sorted(LANGUAGE_PACKAGES)!r}) & set(sys.modules)))
"""
READING_PROBE = """
import sys
from litetts.validation.readings import spoken_reading
spoken_reading(sys.argv[1], sys.argv[2])
print(sorted({"pyopenjtalk", "jieba", "pypinyin", "uroman"} & set(sys.modules)))
"""


def run(code: str, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.strip()


def test_english_synthesis_and_scoring_import_no_other_languages_package() -> None:
    assert "[]" == run(PROBE)


def test_each_reading_loads_only_its_own_package() -> None:
    assert "['uroman']" == run(READING_PROBE, "आज मौसम अच्छा है", "hi")
    assert "['pypinyin']" == run(READING_PROBE, "今天天气很好", "zh")


class Named:
    def __init__(self, name: str) -> None:
        self.name = name

    def phonemize(self, text: str, lang: str) -> str:
        return f"{self.name}:{lang}:{text}"


class NoEspeak:
    def phonemize(self, text: str, lang: str) -> str:
        raise AssertionError("espeak must not be asked")


def test_japanese_and_mandarin_are_routed_to_their_own_phonemizers() -> None:
    auto = AutoPhonemizer(espeak_factory=NoEspeak, japanese=Named("ja"), mandarin=Named("zh"))
    assert ["ja:ja:a", "zh:cmn:b"] == [auto.phonemize("a", "jp"), auto.phonemize("b", "zh")]
