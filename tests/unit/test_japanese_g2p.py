"""JapanesePhonemizer: kana written in Kokoro's Japanese IPA, words spaced as misaki spaces them."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

import pytest

from litetts.errors import MissingDependencyError
from litetts.g2p import JapanesePhonemizer
from litetts.g2p.japanese import kana_to_ipa


def word(string: str, pron: str, pos: str = "名詞", group: str = "一般") -> dict[str, object]:
    return {"string": string, "pron": pron, "pos": pos, "pos_group1": group}


def fake_frontend(words: Sequence[Mapping[str, object]]) -> JapanesePhonemizer:
    return JapanesePhonemizer(frontend=lambda text: words)


@pytest.mark.parametrize(
    ("kana", "expected"),
    [
        ("さんぽ", "sampo"),
        ("キンヨービ", "kʲiɴjoːbʲi"),
        ("あんない", "annai"),
        ("えんか", "eŋka"),
        ("ちょっと", "ʨoʔto"),
        ("コンピューター", "kompʲɨːtaː"),
        ("ツイタチ", "ʦɨitaʨi"),
        ("フィルム", "ɸʲiɾɯmɯ"),
        ("ワタシ", "βataɕi"),
        ("ジュー", "ʥɨː"),
    ],
)
def test_kana_is_written_in_kokoro_ipa(kana: str, expected: str) -> None:
    assert expected == kana_to_ipa(kana)


def test_characters_that_are_not_kana_are_dropped() -> None:
    assert "ka" == kana_to_ipa("カ’A*")


def test_words_are_spaced_and_punctuation_hugs_the_word_before() -> None:
    words = [
        word("今日", "キョー"),
        word("は", "ワ", "助詞"),
        word("、", "、", "記号"),
        word("雨", "ア’メ"),
        word("。", "、", "記号"),
    ]
    assert "kʲoː βa, ame." == fake_frontend(words).phonemize("今日は、雨。")


def test_a_run_of_numerals_is_one_word() -> None:
    words = [word("二", "ニ", group="数"), word("千", "セン", group="数"), word("年", "ネン")]
    assert "ɲiseɴ neɴ" == fake_frontend(words).phonemize("二千年")


def test_a_split_off_long_vowel_joins_its_word() -> None:
    words = [word("ましょ", "マショ", "助動詞"), word("う", "ー", "助動詞")]
    assert "maɕoː" == fake_frontend(words).phonemize("ましょう")


def test_a_word_ending_in_a_glottal_stop_runs_into_the_next() -> None:
    words = [word("待っ", "マッ", "動詞"), word("て", "テ", "助詞")]
    assert "maʔte" == fake_frontend(words).phonemize("待って")


def test_no_pitch_mark_reaches_the_output() -> None:
    words = [word("雨", "ア’メ"), word("飴", "アメ↓")]
    assert "ame ame" == fake_frontend(words).phonemize("雨飴")


def test_empty_text_gives_no_phonemes() -> None:
    assert "" == JapanesePhonemizer(frontend=lambda text: []).phonemize("  ")


def test_without_the_extra_the_error_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pyopenjtalk", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'litetts\[ja\]'"):
        JapanesePhonemizer().phonemize("今日は", "ja")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今日は3本のペンを買いました。", "kʲoː βa saɴ boɴ no peɴ o kai maɕi ta."),
        ("ちょっと待ってください。", "ʨoʔto maʔte kɯdasai."),
        ("こんにちは、元気ですか？", "koɲɲiʨiβa, ɡeŋkʲi desɨ ka?"),
        ("4月1日の3:30に", "ɕiɡaʦɨ ʦɨitaʨi no saɴ ʥi saɴʥɨʔpɯɴ ɲi"),
        ("「新しい」本", "“ataɾaɕii” hoɴ"),
    ],
)
def test_sentences_read_with_openjtalk(text: str, expected: str) -> None:
    pytest.importorskip("pyopenjtalk")
    assert expected == JapanesePhonemizer().phonemize(text, "ja")
