"""The letter-to-sound rule table `litetts.g2p.letters` reads spellings with.

`RULES` is ordered: for each position in a word the first rule whose spelling chunk
matches there, and whose context test (`Where`) passes, gives the ARPAbet phones; a
vowel letter no rule covers is read by `litetts.g2p.letters` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

__all__ = ["RULES", "RULES_BY_FIRST", "VOWEL_LETTERS", "Where", "before_tion"]

VOWEL_LETTERS: Final = frozenset("aeiouy")
_VOICELESS_END: Final = frozenset("pkfcx")
_SIBILANT_END: Final = ("s", "x", "z", "ch", "sh", "ce", "ge", "se", "ze")

Where = Callable[[str, int, int], bool]
"""A rule's context test: (word, start of the match, end of the match) -> applies."""


def _vowel_at(w: str, i: int) -> bool:
    return 0 <= i < len(w) and w[i] in VOWEL_LETTERS


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
    return j == len(w) and any(c in VOWEL_LETTERS for c in w[:i])


def _final_r(w: str, i: int, j: int) -> bool:
    return j == len(w) and i > 0


def _after_vowel(w: str, i: int, j: int) -> bool:
    return _vowel_at(w, i - 1)


def _after_consonant(w: str, i: int, j: int) -> bool:
    return i > 0 and not _vowel_at(w, i - 1)


def _short_word_end(w: str, i: int, j: int) -> bool:
    return j == len(w) and len(w) <= 3


def before_tion(w: str, i: int, j: int) -> bool:
    return w.startswith(("tion", "sion", "cian"), j)


def _final_s(w: str, i: int, j: int) -> bool:
    return j == len(w) and i > 0 and w[i - 1] not in "s" and w[i - 1] not in _VOICELESS_END


def _between_vowels(w: str, i: int, j: int) -> bool:
    return _vowel_at(w, i - 1) and _vowel_at(w, j)


RULES: Final[tuple[tuple[str, str, Where | None], ...]] = (
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

RULES_BY_FIRST: Final[dict[str, tuple[tuple[str, str, Where | None], ...]]] = {
    letter: tuple(rule for rule in RULES if rule[0][0] == letter)
    for letter in "abcdefghijklmnopqrstuvwxyz"
}
