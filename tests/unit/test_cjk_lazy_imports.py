"""Japanese and Mandarin dictionaries load only for a Japanese or Mandarin request."""

from __future__ import annotations

import subprocess
import sys

from litetts.g2p import AutoPhonemizer

PROBE = """
import sys
import litetts
from litetts.g2p import default_phonemizer
from litetts.text import normalize
default_phonemizer().phonemize(normalize("It costs $3 at 3:30."), "en-us")
heavy = {"pyopenjtalk", "jieba", "pypinyin", "sudachipy"} & set(sys.modules)
print(sorted(heavy))
"""


def test_english_imports_no_japanese_or_mandarin_package() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert "[]" == out.stdout.strip()


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
