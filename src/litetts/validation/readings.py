"""Script-independent readings for scoring Japanese and Mandarin speech by character error rate.

Whisper may write what it heard in other characters than the reference (kanji or kana,
simplified or traditional, a homophone, digits or numerals), none of which is a
speech error. Both sides are therefore compared as readings: Japanese as katakana
(from OpenJTalk, the ``ja`` extra), Mandarin as pinyin without tones (pypinyin, the
``zh`` extra), each after the language's number rules.
"""

from __future__ import annotations

import re
from typing import Final

from litetts.errors import MissingDependencyError
from litetts.g2p.languages import resolve_language

__all__ = ["character_error_rate", "spoken_reading"]

_KANA_ONLY: Final = re.compile(r"[^\u30a1-\u30fc]")
_LONG_DIGITS: Final = re.compile(r"\d(?:[-\s]?\d){6,}")


def spoken_reading(text: str, lang: str) -> str:
    """`text` as Japanese katakana (``ja``) or toneless pinyin syllables (``cmn``).

    Other languages: lower case with punctuation removed.

    Raises:
        MissingDependencyError: the ``ja`` or ``zh`` extra is not installed.
    """
    code = resolve_language(lang)
    if code == "ja":
        from litetts.g2p.japanese import openjtalk_frontend
        from litetts.text.japanese import normalize_japanese

        words = openjtalk_frontend()(normalize_japanese(text))
        kana = "".join(str(w["pron"]) for w in words if w["pos"] != "記号")
        return _KANA_ONLY.sub("", kana)
    if code == "cmn":
        from litetts.text.chinese import normalize_chinese

        try:
            from pypinyin import Style, lazy_pinyin
        except ImportError as err:
            raise MissingDependencyError("Mandarin readings", "zh", "pypinyin") from err
        # A long digit run is a code or phone number, whoever wrote it, and whatever its
        # length: read digit by digit, so that one digit lost costs one syllable, not a
        # whole number read as 十三亿....
        text = _LONG_DIGITS.sub(lambda m: " ".join(filter(str.isdigit, m[0])), text)
        syllables = lazy_pinyin(normalize_chinese(text), style=Style.NORMAL, errors="ignore")
        return " ".join(s for s in syllables if s.isalpha())
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance between the two strings over the reference's length.

    >>> character_error_rate("ni hao", "ni hao ma")
    0.5
    """
    if not reference:
        return 0.0 if not hypothesis else 1.0
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1] / len(reference)
