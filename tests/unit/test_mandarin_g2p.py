"""MandarinPhonemizer: pinyin written in Kokoro's IPA with tone arrows, as misaki's zh writes it."""

from __future__ import annotations

import sys

import pytest

from litetts.errors import MissingDependencyError
from litetts.g2p import MandarinPhonemizer
from litetts.g2p.mandarin import syllable_to_ipa

pytest.importorskip("pypinyin")
pytest.importorskip("jieba")


class EchoEnglish:
    """An English phonemizer that writes the words back in brackets."""

    def phonemize(self, text: str, lang: str) -> str:
        return f"({text})"


@pytest.mark.parametrize(
    ("pinyin", "expected"),
    [
        ("hao3", "xau↓"),
        ("ma1", "ma→"),
        ("ren2", "ɻə↗n"),
        ("shi4", "ʂɨ↘"),
        ("zi5", "ʦɨ"),
        ("zhong1", "ꭧʊ→ŋ"),
        ("chi1", "ꭧʰɨ→"),
        ("qu4", "ʨʰy↘"),
        ("yue4", "ɥe↘"),
        ("yuan2", "ɥɛ↗n"),
        ("xiong2", "ɕjʊ↗ŋ"),
        ("wei4", "wei↘"),
        ("you3", "jou↓"),
        ("er4", "ɚ↘"),
        ("lv4", "ly↘"),
        ("n2", "n↗"),
    ],
)
def test_a_syllable_is_written_with_its_tone_after_the_vowel(pinyin: str, expected: str) -> None:
    assert expected == syllable_to_ipa(pinyin)


def test_something_that_is_not_pinyin_gives_nothing() -> None:
    assert "" == syllable_to_ipa("xyz3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你好，我很好。", "ni↗xau↓, wo↓ xə↓n xau↓."),
        ("知识就是力量！", "ꭧɨ→ʂɨ↗ ʨjou↘ʂɨ↘ li↘lja↘ŋ!"),
        ("你吃饭了吗？", "ni↓ ꭧʰɨ→fa↘n lɤ ma?"),
        ("这是一个不错的主意", "ꭧɤ↘ʂɨ↘ i↗kɤ↘ pu↗ʦʰwo↘ tɤ ꭧu↓i↘"),
        ("我有2个苹果。", "wo↓ jou↓ lja↓ŋkɤ↘ pʰi↗ŋkwo↓."),
        ("号码是0181", "xau↘ma↓ ʂɨ↘ li↗ŋ i→ pa→ i→"),
    ],
)
def test_sentences_read_with_tone_sandhi_and_numbers(text: str, expected: str) -> None:
    assert expected == MandarinPhonemizer().phonemize(text, "cmn")


def test_english_words_go_to_the_english_phonemizer() -> None:
    phonemizer = MandarinPhonemizer(english=EchoEnglish())
    assert "wo↓jʊ↘ŋ (iPhone) ta↓tjɛ↘nxwa↘." == phonemizer.phonemize("我用iPhone打电话。")


def test_without_an_english_phonemizer_latin_words_are_left_out() -> None:
    assert "wo↓jʊ↘ŋ ta↓tjɛ↘nxwa↘." == MandarinPhonemizer().phonemize("我用iPhone打电话。")


def test_without_the_extra_the_error_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "jieba", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'litetts\[zh\]'"):
        MandarinPhonemizer().phonemize("你好", "cmn")
