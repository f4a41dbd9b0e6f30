"""ARPAbet, CMUdict's phone set, written in Kokoro's symbols.

Kokoro learned misaki's symbols: diphthongs and affricates are single letters
(``EY`` -> ``A``, ``AY`` -> ``I``, ``AW`` -> ``W``, ``OY`` -> ``Y``, ``OW`` -> ``O``
in American, ``Q`` in British; ``CH`` -> ``ʧ``, ``JH`` -> ``ʤ``), and a stress mark
stands right before the stressed vowel (``hello`` -> ``həlˈO``), as misaki's
espeak bridge writes it.

American English follows CMUdict closely; it adds the flapped ``t`` (``ɾ``) and the
syllabic ``l`` (``ᵊl``) that misaki writes. British English is an approximation
built from the same American transcriptions: long vowels get ``ː``, ``r`` is
dropped where no vowel follows (``car`` -> ``kˈɑː``), ``ER`` becomes ``ɜː``/``ə``,
``AE`` becomes ``a``, and CMUdict's single ``AA`` is split into ``ɒ`` (``hot``),
``ɔː`` (``caught``) or ``ɑː`` (``father``) by a spelling guess. The BATH vowel
(``bath``, ``can't``) keeps the American ``a``: CMUdict does not mark it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

__all__ = ["CONSONANTS", "VOWELS", "to_kokoro"]

_STRESS: Final = {"1": "ˈ", "2": "ˌ"}

_US: Final = {
    "AA": "ɑ",
    "AE": "æ",
    "AH": "ʌ",
    "AO": "ɔ",
    "AW": "W",
    "AY": "I",
    "EH": "ɛ",
    "ER": "ɜɹ",
    "EY": "A",
    "IH": "ɪ",
    "IY": "i",
    "OW": "O",
    "OY": "Y",
    "UH": "ʊ",
    "UW": "u",
}
_US_UNSTRESSED: Final = {"AH": "ə", "ER": "əɹ"}
_US_BEFORE_R: Final = {"IY": "ɪ", "EY": "ɛ", "UW": "ʊ", "OW": "ɔ"}
"""American vowels that misaki writes lax before a syllable-final ``r`` (``here`` -> ``hˈɪɹ``)."""

_GB: Final = {
    **_US,
    "AA": "ɑː",
    "AE": "a",
    "AO": "ɔː",
    "ER": "ɜː",
    "IY": "iː",
    "OW": "Q",
    "UW": "uː",
}
_GB_UNSTRESSED: Final = {"AH": "ə", "ER": "ə", "IY": "i"}
_GB_BEFORE_LOST_R: Final = {
    "AA": "ɑː",
    "AE": "ɑː",
    "AH": "ɜː",
    "AO": "ɔː",
    "OW": "ɔː",
    "EH": "ɛː",
    "EY": "ɛː",
    "IH": "ɪə",
    "IY": "ɪə",
    "UH": "ʊə",
    "UW": "ʊə",
    "AY": "Iə",
    "AW": "Wə",
    "OY": "Yə",
}
"""British vowels before an ``r`` that is not pronounced (``here`` -> ``hˈɪə``)."""

VOWELS: Final[Mapping[str, str]] = MappingProxyType(_US)
"""ARPAbet vowels (without stress digit) -> American Kokoro symbols when stressed."""

CONSONANTS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "B": "b",
        "CH": "ʧ",
        "D": "d",
        "DH": "ð",
        "F": "f",
        "G": "ɡ",
        "HH": "h",
        "JH": "ʤ",
        "K": "k",
        "L": "l",
        "M": "m",
        "N": "n",
        "NG": "ŋ",
        "P": "p",
        "R": "ɹ",
        "S": "s",
        "SH": "ʃ",
        "T": "t",
        "TH": "θ",
        "V": "v",
        "W": "w",
        "Y": "j",
        "Z": "z",
        "ZH": "ʒ",
    }
)
"""ARPAbet consonants -> Kokoro symbols (the same in both accents)."""


def _split(phone: str) -> tuple[str, str]:
    if phone[-1:].isdigit():
        return phone[:-1], phone[-1]
    return phone, ""


def _is_vowel(phone: str | None) -> bool:
    return phone is not None and _split(phone)[0] in _US


def _british_aa(spelling: str) -> str:
    """British for CMUdict's ``AA`` guessed from the spelling: ``caught``, ``hot``, ``father``."""
    word = spelling.lower()
    if "au" in word or "aw" in word:
        return "ɔː"
    if "o" in word or "wa" in word or "qua" in word or not word:
        return "ɒ"
    return "ɑː"


def to_kokoro(
    phones: Sequence[str], *, british: bool = False, spelling: str = "", stress: bool = True
) -> str:
    """Kokoro symbols for one word's ARPAbet phones (``["HH", "AH0", "L", "OW1"]``).

    Args:
        phones: CMUdict phones; vowels carry a stress digit (0, 1 or 2).
        british: write British (``en-gb``) rather than American (``en-us``) English.
        spelling: the written word, used to choose British ``ɒ`` or ``ɑː`` for ``AA``.
        stress: keep the stress marks (off for weak function words such as ``the``).

    Unknown phones are skipped, so the result holds only Kokoro symbols.
    """
    out: list[str] = []
    n = len(phones)
    skip_next = False
    for i, phone in enumerate(phones):
        if skip_next:
            skip_next = False
            continue
        base, digit = _split(phone.upper())
        prev = phones[i - 1] if i > 0 else None
        nxt = phones[i + 1] if i + 1 < n else None
        after = phones[i + 2] if i + 2 < n else None
        if base in _US:
            mark = _STRESS.get(digit, "") if stress else ""
            if british:
                symbol = _british_vowel(base, digit, nxt, after, spelling)
                if nxt is not None and _split(nxt)[0] == "R" and base != "ER":
                    skip_next = not _is_vowel(after)
            elif nxt is not None and _split(nxt)[0] == "R" and not _is_vowel(after):
                symbol = _US_BEFORE_R.get(base, _US[base])
            else:
                symbol = _US_UNSTRESSED.get(base, _US[base]) if digit == "0" else _US[base]
            if (
                base == "AH"
                and digit == "0"
                and nxt == "L"
                and prev is not None
                and not _is_vowel(prev)
                and not _is_vowel(after)
            ):
                symbol = "ᵊ"
            if british and base == "ER" and _is_vowel(nxt):
                symbol += "ɹ"
            out.append(mark + symbol)
        elif base in CONSONANTS:
            if (
                not british
                and base == "T"
                and _is_vowel(nxt)
                and _split(nxt or "")[1] == "0"
                and (_is_vowel(prev) or (prev == "R" and i > 1 and _is_vowel(phones[i - 2])))
            ):
                out.append("ɾ")
            else:
                out.append(CONSONANTS[base])
    return "".join(out)


def _british_vowel(base: str, digit: str, nxt: str | None, after: str | None, spelling: str) -> str:
    if nxt is not None and _split(nxt)[0] == "R" and base != "ER" and not _is_vowel(after):
        return _GB_BEFORE_LOST_R.get(base, _GB[base])
    if digit == "0" and base in _GB_UNSTRESSED:
        return _GB_UNSTRESSED[base]
    if base == "AA":
        return _british_aa(spelling)
    return _GB[base]
