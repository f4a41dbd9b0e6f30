"""Script-independent readings for scoring Japanese, Mandarin and Hindi speech by CER.

Whisper may write what it heard in other characters than the reference (kanji or kana,
simplified or traditional, a homophone, digits or numerals, Hindi in Devanagari, Urdu
or Latin letters), none of which is a speech error. Both sides are therefore compared
as readings: Japanese as katakana (from OpenJTalk, the ``ja`` extra), Mandarin as
pinyin without tones (pypinyin, the ``zh`` extra), each after the language's number
rules, and Hindi as the consonant skeleton of its uroman romanisation (the
``validation`` extra): Urdu script leaves out short vowels, so only consonants can be
compared fairly across the two scripts.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Final

from litetts.errors import MissingDependencyError
from litetts.g2p.languages import resolve_language

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["READING_LANGUAGES", "character_error_rate", "hindi_skeleton", "spoken_reading"]

READING_LANGUAGES: Final = frozenset({"ja", "cmn", "hi"})
"""The languages `spoken_reading` reads in a script-independent form."""

_KANA_ONLY: Final = re.compile(r"[^\u30a1-\u30fc]")
_LONG_DIGITS: Final = re.compile(r"\d(?:[-\s]?\d){6,}")
# Urdu writes the Devanagari "cch" (अच्छा) as "tchh" (اچھا) once romanised.
_TCH: Final = re.compile(r"tch")
# Vowels, and the letters Urdu uses as vowel carriers (و w, ی y) or for aspiration
# and a final vowel (ہ h): neither script writes them the same way.
_NOT_SKELETON: Final = re.compile(r"[^a-z]|[aeiouwyh]")
# Devanagari spellings whose sound Urdu writes with another letter: the anusvara and
# chandrabindu (ं ँ, "m" to uroman) are Urdu's nasal "n" (ں ن), and the flaps ड़ ढ़
# ("dd", "ddh") are Urdu's ڑ ("rr").
_DEVANAGARI: Final = re.compile("[\u0901\u0902]|[\u095c\u095d]|[\u0921\u0922]\u093c")
_DEVANAGARI_AS: Final = {"\u0901": "न्", "\u0902": "न्"}
_DOUBLED: Final = re.compile(r"(.)\1+")


def spoken_reading(text: str, lang: str) -> str:
    """`text` as Japanese katakana (``ja``), toneless pinyin syllables (``cmn``) or
    Hindi consonant skeletons (``hi``, see `hindi_skeleton`).

    Other languages: lower case with punctuation removed.

    Raises:
        MissingDependencyError: the ``ja``, ``zh`` or ``validation`` extra is not installed.
    """
    code = resolve_language(lang)
    if code == "hi":
        return hindi_skeleton(text)
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


@cache
def _uroman() -> Callable[[str], str]:
    """uroman's romaniser, built once (it reads its tables for about 5 s)."""
    try:
        import uroman
    except ImportError as err:
        raise MissingDependencyError("Hindi readings", "validation", "uroman") from err
    romanizer = uroman.Uroman()

    def romanize(text: str) -> str:
        return str(romanizer.romanize_string(text))

    return romanize


def hindi_skeleton(text: str) -> str:
    """The consonants of each word of `text`, romanised by uroman, whatever its script.

    Devanagari, Urdu and Latin spellings of the same speech agree: vowels, ``w``, ``y``
    and ``h`` are dropped, an anusvara is ``n`` and a flap (ड़ ढ़) ``r`` as in Urdu, and
    doubled letters (gemination, uroman's retroflex ``tt``/``dd``) count once.

    >>> hindi_skeleton("आज मौसम बहुत अच्छा है।") == hindi_skeleton("آج موسم بہت اچھا ہے")
    True

    Raises:
        MissingDependencyError: uroman (the ``validation`` extra) is not installed.
    """
    from litetts.text import normalize

    text = _DEVANAGARI.sub(lambda m: _DEVANAGARI_AS.get(m[0], "र"), normalize(text, "hi"))
    words = []
    for word in _uroman()(text).lower().split():
        consonants = _DOUBLED.sub(r"\1", _NOT_SKELETON.sub("", _TCH.sub("ch", word)))
        if consonants:
            words.append(consonants)
    return " ".join(words)


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
