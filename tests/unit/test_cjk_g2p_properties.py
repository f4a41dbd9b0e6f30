"""Japanese and Mandarin G2P never raise and write only symbols Kokoro knows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from tests.strategies import cjk_text

from litetts.g2p import JapanesePhonemizer, MandarinPhonemizer
from litetts.kokoro.vocabulary import Vocabulary
from litetts.text.chinese import normalize_chinese
from litetts.text.japanese import normalize_japanese

SYMBOLS = frozenset(Vocabulary.default().table)


class LettersEnglish:
    def phonemize(self, text: str, lang: str) -> str:
        return "ˈɪŋɡlɪʃ"


@given(cjk_text)
@settings(max_examples=150, deadline=None)
def test_japanese_output_is_only_vocabulary_symbols(text: str) -> None:
    pytest.importorskip("pyopenjtalk")
    phonemes = JapanesePhonemizer().phonemize(text, "ja")
    assert set() == set(phonemes) - SYMBOLS


@given(cjk_text)
@settings(max_examples=150, deadline=None)
def test_mandarin_output_is_only_vocabulary_symbols(text: str) -> None:
    pytest.importorskip("jieba")
    phonemes = MandarinPhonemizer(english=LettersEnglish()).phonemize(text, "cmn")
    assert set() == set(phonemes) - SYMBOLS


@given(cjk_text)
def test_chinese_normalisation_is_idempotent_and_leaves_no_digit(text: str) -> None:
    once = normalize_chinese(text)
    assert once == normalize_chinese(once)
    assert not any(c.isdigit() for c in once)


@given(cjk_text)
def test_japanese_normalisation_is_idempotent(text: str) -> None:
    once = normalize_japanese(text)
    assert once == normalize_japanese(once)
