"""Letter-to-sound rules: a pronunciation for an English word no dictionary knows.

A compact, ordered table of spelling chunks (``tion`` -> ``ʃən``, ``ph`` -> ``f``,
``igh`` -> ``I``, magic ``e`` in ``make``, r-coloured vowels, ``-ed``/``-es``
endings) turns letters into ARPAbet, the first vowel takes the primary stress,
later short vowels reduce to ``ə``/``ɪ``, and `litetts.g2p.arpabet` writes the
result in Kokoro's symbols. Short all-capital tokens (``FBI``) and words without a
vowel letter are spelled by letter names instead.

It is a guess, right for regular spellings and near enough for names and coined
words, but it always returns something speakable for a word with a Latin letter
and never raises.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Final

from litetts.g2p.arpabet import VOWELS, to_kokoro

__all__ = ["MAX_SPELLED_CAPITALS", "guess_arpabet", "letter_names", "pronounce"]

MAX_SPELLED_CAPITALS: Final = 5
"""All-capital tokens up to this many letters are spelled letter by letter (``FBI``)."""

_VOWELS: Final = frozenset("aeiouy")
_VOICELESS_END: Final = frozenset("pkfcx")
_SIBILANT_END: Final = ("s", "x", "z", "ch", "sh", "ce", "ge", "se", "ze")

_LETTER_NAMES: Final = {
    "a": "EY1",
    "b": "B IY1",
    "c": "S IY1",
    "d": "D IY1",
    "e": "IY1",
    "f": "EH1 F",
    "g": "JH IY1",
    "h": "EY1 CH",
    "i": "AY1",
    "j": "JH EY1",
    "k": "K EY1",
    "l": "EH1 L",
    "m": "EH1 M",
    "n": "EH1 N",
    "o": "OW1",
    "p": "P IY1",
    "q": "K Y UW1",
    "r": "AA1 R",
    "s": "EH1 S",
    "t": "T IY1",
    "u": "Y UW1",
    "v": "V IY1",
    "w": "D AH1 B AH0 L Y UW0",
    "x": "EH1 K S",
    "y": "W AY1",
    "z": "Z IY1",
}
_BRITISH_ZED: Final = "Z EH1 D"

_LONG: Final = {"a": "EY", "e": "IY", "i": "AY", "o": "OW", "u": "UW", "y": "AY"}
_SHORT: Final = {"a": "AE?", "e": "EH?", "i": "IH?", "o": "AA?", "u": "AH?", "y": "IH?"}
"""Short vowels; ``?`` marks one that reduces to ``ə``/``ɪ`` when unstressed."""
_REDUCED: Final = {"AE": "AH0", "EH": "AH0", "AA": "AH0", "AH": "AH0", "IH": "IH0"}

_SINGLE: Final = {
    "b": "B",
    "d": "D",
    "f": "F",
    "h": "HH",
    "j": "JH",
    "k": "K",
    "l": "L",
    "m": "M",
    "n": "N",
    "p": "P",
    "q": "K",
    "r": "R",
    "t": "T",
    "v": "V",
    "w": "W",
    "x": "K S",
    "z": "Z",
}

Where = Callable[[str, int, int], bool]
"""A rule's context test: (word, start of the match, end of the match) -> applies."""


def _vowel_at(w: str, i: int) -> bool:
    return 0 <= i < len(w) and w[i] in _VOWELS


def _start(w: str, i: int, j: int) -> bool:
    return i == 0


def _end(w: str, i: int, j: int) -> bool:
    return j == len(w)


def _not_start(w: str, i: int, j: int) -> bool:
    return i > 0


def _before_vowel(w: str, i: int, j: int) -> bool:
    return _vowel_at(w, j)


def _before_front(w: str, i: int, j: int) -> bool:
    return j < len(w) and w[j] in "eiy"


def _r_coloured(w: str, i: int, j: int) -> bool:
    """The ``r`` ends a syllable: no vowel and no second ``r`` follows."""
    return not _vowel_at(w, j) and not (j < len(w) and w[j] == "r")


def _ending(w: str, i: int, j: int) -> bool:
    """A suffix at the end of a word that has a vowel before it."""
    return j == len(w) and any(c in _VOWELS for c in w[:i])


def _final_r(w: str, i: int, j: int) -> bool:
    return j == len(w) and i > 0


def _after_vowel(w: str, i: int, j: int) -> bool:
    return _vowel_at(w, i - 1)


def _after_consonant(w: str, i: int, j: int) -> bool:
    return i > 0 and not _vowel_at(w, i - 1)


def _short_word_end(w: str, i: int, j: int) -> bool:
    return j == len(w) and len(w) <= 3


def _before_tion(w: str, i: int, j: int) -> bool:
    return w.startswith(("tion", "sion", "cian"), j)


def _final_s(w: str, i: int, j: int) -> bool:
    return j == len(w) and i > 0 and w[i - 1] not in "s" and w[i - 1] not in _VOICELESS_END


def _between_vowels(w: str, i: int, j: int) -> bool:
    return _vowel_at(w, i - 1) and _vowel_at(w, j)


_RULES: Final[tuple[tuple[str, str, Where | None], ...]] = (
    # Word-initial silent letters.
    ("kn", "N", _start),
    ("wr", "R", _start),
    ("gn", "N", _start),
    ("ps", "S", _start),
    ("pn", "N", _start),
    ("x", "Z", _start),
    ("y", "Y", _before_vowel),
    # Suffixes and endings.
    ("tion", "SH AH0 N", None),
    ("ssion", "SH AH0 N", None),
    ("sion", "ZH AH0 N", _after_vowel),
    ("sion", "SH AH0 N", None),
    ("cian", "SH AH0 N", None),
    ("tian", "SH AH0 N", None),
    ("cious", "SH AH0 S", None),
    ("tious", "SH AH0 S", None),
    ("cial", "SH AH0 L", None),
    ("tial", "SH AH0 L", None),
    ("ture", "CH ER0", None),
    ("sure", "ZH ER0", _after_vowel),
    ("ous", "AH0 S", _ending),
    ("ing", "IH0 NG", _ending),
    ("ed", "IH0 D", lambda w, i, j: _ending(w, i, j) and w[i - 1] in "td"),
    ("ed", "T", lambda w, i, j: _ending(w, i, j) and w[i - 1] in "pkfsxh"),
    ("ed", "D", _ending),
    ("es", "IH0 Z", lambda w, i, j: _ending(w, i, j) and w[:i].endswith(_SIBILANT_END)),
    ("es", "S", lambda w, i, j: _ending(w, i, j) and w[i - 1] in "ptkf"),
    ("es", "Z", _ending),
    ("le", "AH0 L", lambda w, i, j: _ending(w, i, j) and not _vowel_at(w, i - 1)),
    ("ly", "L IY0", _ending),
    ("er", "ER0", _ending),
    ("or", "ER0", lambda w, i, j: _ending(w, i, j) and len(w) > 4),
    ("ar", "ER0", lambda w, i, j: _ending(w, i, j) and len(w) > 4),
    # Vowel groups.
    ("eigh", "EY", None),
    ("ough", "AO", None),
    ("augh", "AO", None),
    ("igh", "AY", None),
    ("eau", "OW", None),
    ("iew", "Y UW", None),
    ("air", "EH R", _r_coloured),
    ("ear", "IH R", _r_coloured),
    ("eer", "IH R", _r_coloured),
    ("oor", "AO R", _r_coloured),
    ("our", "AW ER0", _r_coloured),
    ("are", "EH R", _end),
    ("ere", "IH R", _end),
    ("ire", "AY ER0", _end),
    ("ore", "AO R", _end),
    ("ure", "Y UH R", _end),
    ("ar", "AA R", _r_coloured),
    ("er", "ER", _r_coloured),
    ("ir", "ER", _r_coloured),
    ("ur", "ER", _r_coloured),
    ("yr", "ER", _r_coloured),
    ("or", "AO R", _r_coloured),
    ("ai", "EY", None),
    ("ay", "EY", None),
    ("ee", "IY", None),
    ("ea", "IY", None),
    ("ei", "EY", None),
    ("ey", "IY0", _end),
    ("ey", "EY", None),
    ("ie", "AY", _short_word_end),
    ("ie", "IY", None),
    ("ia", "IY AH0", None),
    ("io", "IY OW0", _end),
    ("oa", "OW", None),
    ("oe", "OW", _end),
    ("oo", "UW", None),
    ("ou", "AW", None),
    ("ow", "OW", _end),
    ("ow", "AW", None),
    ("oi", "OY", None),
    ("oy", "OY", None),
    ("au", "AO", None),
    ("aw", "AO", None),
    ("ue", "UW", None),
    ("ew", "UW", None),
    ("ui", "UW", None),
    ("eu", "UW", None),
    # Consonant groups.
    ("tch", "CH", None),
    ("dge", "JH", None),
    ("sch", "S K", None),
    ("chr", "K R", None),
    ("ph", "F", None),
    ("rh", "R", None),
    ("sh", "SH", None),
    ("ch", "CH", None),
    ("th", "TH", None),
    ("wh", "W", None),
    ("ck", "K", None),
    ("nk", "NG K", None),
    ("ng", "NG", None),
    ("qu", "K W", None),
    ("gu", "G", _before_vowel),
    ("gh", "G", _start),
    ("gh", "", None),
    ("mb", "M", _end),
    ("c", "S", _before_front),
    ("c", "K", None),
    ("g", "JH", _before_front),
    ("g", "G", None),
    ("s", "Z", _final_s),
    ("s", "Z", _between_vowels),
    ("s", "S", None),
)

_BY_FIRST: Final[dict[str, tuple[tuple[str, str, Where | None], ...]]] = {
    letter: tuple(rule for rule in _RULES if rule[0][0] == letter)
    for letter in "abcdefghijklmnopqrstuvwxyz"
}


def _fold(word: str) -> str:
    """Lower-case ASCII letters of `word` (accents removed, other characters dropped)."""
    plain = unicodedata.normalize("NFKD", word)
    return "".join(c for c in plain.lower() if "a" <= c <= "z")


def _spelled(letters: str, *, british: bool = False) -> list[str]:
    """ARPAbet letter names; the last letter takes the primary stress, the others secondary."""
    phones: list[str] = []
    for k, letter in enumerate(letters):
        name = _BRITISH_ZED if british and letter == "z" else _LETTER_NAMES[letter]
        if k < len(letters) - 1:
            name = name.replace("1", "2")
        phones.extend(name.split())
    return phones


def letter_names(word: str, *, british: bool = False) -> str:
    """Kokoro phonemes spelling `word` letter by letter (``FBI`` -> ``ˌɛfbˌiˈI``).

    Characters other than Latin letters are skipped.
    """
    letters = _fold(word)
    return to_kokoro(_spelled(letters, british=british), british=british, spelling=letters)


def _vowel(w: str, i: int) -> tuple[str, int]:
    """ARPAbet for the single vowel letter at `i` and the index after what it used."""
    v = w[i]
    n = len(w)
    only_vowel = sum(c in _VOWELS for c in w) == 1
    if i == n - 1:
        if v == "e":
            return ("IY" if only_vowel else ""), n
        if v == "a":
            return ("AA" if only_vowel else "AH0"), n
        if v in "iy":
            return ("AY" if only_vowel else "IY0"), n
        return _LONG[v], n
    nxt = w[i + 1]
    # Magic e: a vowel, one consonant, then a silent e at the end (make, time, hope).
    if (
        nxt not in _VOWELS
        and nxt not in "wxr"
        and i + 2 < n
        and w[i + 2] == "e"
        and (i + 3 == n or w[i + 3 :] in ("s", "d", "ly", "ness", "ment", "ful", "less"))
        and v != "y"
    ):
        consonant = {"c": "S", "g": "JH", "s": "Z"}.get(nxt, _SINGLE.get(nxt, ""))
        return f"{_LONG[v]} {consonant}", i + 3
    if v in "aou" and _before_tion(w, i, i + 1):
        return _LONG[v], i + 1
    return _SHORT[v], i + 1


def _raw_phones(w: str) -> list[str]:
    phones: list[str] = []
    i = 0
    n = len(w)
    while i < n:
        for graphemes, arpabet, where in _BY_FIRST[w[i]]:
            j = i + len(graphemes)
            if w.startswith(graphemes, i) and (where is None or where(w, i, j)):
                phones.extend(arpabet.split())
                i = j
                break
        else:
            if w[i] in _VOWELS:
                arpabet, i = _vowel(w, i)
                phones.extend(arpabet.split())
            else:
                phones.extend(_SINGLE.get(w[i], "").split())
                i += 1
    return phones


def _stress(phones: list[str]) -> list[str]:
    """First free vowel primary, later short vowels reduced, the rest unstressed."""
    out: list[str] = []
    stressed = False
    for phone in phones:
        base = phone.rstrip("?")
        if base not in VOWELS:
            out.append(phone)
        elif not stressed:
            out.append(base + "1")
            stressed = True
        elif phone.endswith("?"):
            out.append(_REDUCED[base])
        else:
            out.append(base + "0")
    if not stressed:
        for k, phone in enumerate(out):
            if phone[-1].isdigit():
                out[k] = phone[:-1] + "1"
                break
    return _dedupe(out)


def _dedupe(phones: list[str]) -> list[str]:
    """Drop a consonant that repeats the one before it (``ll`` -> ``l``, ``ks`` + ``s``)."""
    out: list[str] = []
    for phone in phones:
        if out and phone == out[-1] and not phone[-1].isdigit():
            continue
        out.append(phone)
    return out


def guess_arpabet(word: str) -> list[str]:
    """ARPAbet phones, stress digits included, guessed from the spelling of `word`.

    Returns an empty list when `word` has no Latin letter.
    """
    w = _fold(word)
    if not w:
        return []
    if not any(c in _VOWELS for c in w) or len(w) == 1:
        return _spelled(w)
    phones = _stress(_raw_phones(w))
    if not any(p[-1].isdigit() for p in phones):
        return _spelled(w)
    return phones


def pronounce(word: str, *, british: bool = False) -> str:
    """Kokoro phonemes for `word` by rule, with a stress mark on its first vowel.

    Short all-capital words (``FBI``, at most `MAX_SPELLED_CAPITALS` letters) and
    words without a vowel letter are spelled by letter names. Returns ``""`` only
    when `word` has no Latin letter at all; never raises.
    """
    letters = _fold(word)
    if not letters:
        return ""
    capitals = "".join(c for c in word if c.isalpha())
    initialism = capitals.isupper() and 2 <= len(letters) <= MAX_SPELLED_CAPITALS
    if initialism or not any(c in _VOWELS for c in letters):
        return letter_names(word, british=british)
    return to_kokoro(guess_arpabet(letters), british=british, spelling=letters)
