"""Japanese and Mandarin read straight quotes (what the clean-up leaves) as curly ones."""

from __future__ import annotations

import pytest

from litetts.g2p.spacing import curl_quotes, join_pieces
from litetts.text import normalize


def test_straight_quote_pieces_open_then_close() -> None:
    assert "ʂɨ↘ “a” “b”." == join_pieces(["ʂɨ↘", '"', "a", '"', '"', "b", '"', "."])


def test_curl_quotes_pairs_straight_quotes() -> None:
    assert "“a” and “b" == curl_quotes('"a" and "b')


@pytest.mark.parametrize(
    ("lang", "curly", "module"),
    [("ja", "彼は“はい”と言った。", "pyopenjtalk"), ("cmn", "他说：“你好”。", "jieba")],
)
def test_curly_and_straight_quotes_give_the_same_phonemes(
    lang: str, curly: str, module: str
) -> None:
    pytest.importorskip(module)
    from litetts.g2p import default_phonemizer

    phonemizer = default_phonemizer()

    assert phonemizer.phonemize(curly, lang) == phonemizer.phonemize(normalize(curly, lang), lang)
