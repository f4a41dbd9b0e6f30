"""Letter-to-sound rules: a pronunciation for an English word no dictionary knows.

A compact, ordered table of spelling chunks (`litetts.g2p.spelling_rules`: ``tion``
-> ``ʃən``, ``ph`` -> ``f``, ``igh`` -> ``I``, magic ``e`` in ``make``, r-coloured
vowels, ``-ed``/``-es`` endings) turns letters into ARPAbet, the first vowel takes
the primary stress, later short vowels reduce to ``ə``/``ɪ``, and
`litetts.g2p.arpabet` writes the result in Kokoro's symbols. Short all-capital
tokens (``FBI``) and words without a vowel letter are spelled by letter names instead.

It is a guess, right for regular spellings and near enough for names and coined
words, but it always returns something speakable for a word with a Latin letter
and never raises.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from litetts.g2p.arpabet import VOWELS, to_kokoro
from litetts.g2p.spelling_rules import RULES_BY_FIRST, VOWEL_LETTERS, before_tion

__all__ = ["MAX_SPELLED_CAPITALS", "guess_arpabet", "letter_names", "pronounce"]

MAX_SPELLED_CAPITALS: Final = 5
"""All-capital tokens up to this many letters are spelled letter by letter (``FBI``)."""

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
    only_vowel = sum(c in VOWEL_LETTERS for c in w) == 1
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
        nxt not in VOWEL_LETTERS
        and nxt not in "wxr"
        and i + 2 < n
        and w[i + 2] == "e"
        and (i + 3 == n or w[i + 3 :] in ("s", "d", "ly", "ness", "ment", "ful", "less"))
        and v != "y"
    ):
        consonant = {"c": "S", "g": "JH", "s": "Z"}.get(nxt, _SINGLE.get(nxt, ""))
        return f"{_LONG[v]} {consonant}", i + 3
    if v in "aou" and before_tion(w, i, i + 1):
        return _LONG[v], i + 1
    return _SHORT[v], i + 1


def _raw_phones(w: str) -> list[str]:
    phones: list[str] = []
    i = 0
    n = len(w)
    while i < n:
        for graphemes, arpabet, where in RULES_BY_FIRST[w[i]]:
            j = i + len(graphemes)
            if w.startswith(graphemes, i) and (where is None or where(w, i, j)):
                phones.extend(arpabet.split())
                i = j
                break
        else:
            if w[i] in VOWEL_LETTERS:
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
    if not any(c in VOWEL_LETTERS for c in w) or len(w) == 1:
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
    if initialism or not any(c in VOWEL_LETTERS for c in letters):
        return letter_names(word, british=british)
    return to_kokoro(guess_arpabet(letters), british=british, spelling=letters)
