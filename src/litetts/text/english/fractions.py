"""Fractions: ``1/2`` -> "one half", ``3/4`` -> "three quarters", ``2 1/2`` -> "two and a half".

Dates run first and need a year, so ``1/2`` is never "January second". Vulgar
fraction characters (``½``, ``2¾``) read the same way. A few slashed numbers are
idioms rather than fractions: ``24/7``, ``9/11``, ``50/50``; a score out of a total
reads "out of" (``10/10``); a denominator that is not a usual fraction word reads
"over" (``3/125`` -> "three over one hundred twenty-five").
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.dates import MONTHS
from litetts.text.english.numbers import cardinal, has_digit, ordinal, pad, plural

__all__ = ["VULGAR", "expand_fractions", "say_fraction"]

VULGAR: Final = {
    "½": (1, 2),
    "⅓": (1, 3),
    "⅔": (2, 3),
    "¼": (1, 4),
    "¾": (3, 4),
    "⅕": (1, 5),
    "⅖": (2, 5),
    "⅗": (3, 5),
    "⅘": (4, 5),
    "⅙": (1, 6),
    "⅚": (5, 6),
    "⅐": (1, 7),
    "⅛": (1, 8),
    "⅜": (3, 8),
    "⅝": (5, 8),
    "⅞": (7, 8),
    "⅑": (1, 9),
    "⅒": (1, 10),
}
"""Unicode vulgar fractions and their (numerator, denominator)."""

_IDIOMS: Final = {
    "24/7": "twenty-four seven",
    "9/11": "nine eleven",
    "50/50": "fifty-fifty",
}
_SCORE_WORDS: Final = re.compile(
    r"\b(?:scored?|scoring|rated?|rating|gave|give|gives|got|get|gets|a|an)\s+$", re.I
)
"""Words before a score: ``I scored 9/10``, ``rated 4/5``."""
_DATE_WORDS: Final = re.compile(
    r"\b(?:(?P<weekday>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:day)?\.?,?"
    r"|(?P<preposition>on|by|until|till|since|from))\s+$"
)
"""Words before a month/day date without a year: ``Sat 8/17``, ``on 12/25``."""
_WORD_DENOMINATORS: Final = frozenset(range(2, 21)) | {32, 64, 100, 1000}
_SLASHED: Final = re.compile(
    r"(?<![\w/.,])(?:(?P<whole>[0-9]{1,6})\s)?(?P<num>[0-9]{1,6})[/⁄](?P<den>[0-9]{1,6})"
    r"(?![\w/]|[.,][0-9])"
)
_UNICODE: Final = re.compile(
    r"(?<![\w.,])(?:(?P<whole>[0-9]{1,6})\s?)?(?P<vulgar>[" + "".join(VULGAR) + r"])"
)


def _denominator(num: int, den: int) -> str:
    if den == 2:
        return "half" if num == 1 else "halves"
    if den == 4:
        return "quarter" if num == 1 else "quarters"
    name = ordinal(den).removeprefix("one ")  # "hundredth", not "one hundredth"
    return name if num == 1 else plural(name)


def say_fraction(num: int, den: int, whole: int | None = None, british: bool = False) -> str:
    """Words for ``whole num/den``: (1, 2) -> "one half", (1, 2, 2) -> "two and a half".

    Args:
        num: the numerator.
        den: the denominator.
        whole: the whole number before a mixed fraction, if any.
        british: British English number words.
    """
    if den not in _WORD_DENOMINATORS:
        spoken = f"{cardinal(num, british)} over {cardinal(den, british)}"
    elif whole is not None and num == 1:
        name = _denominator(num, den)
        article = "an" if name[0] in "aeiou" else "a"
        spoken = f"{article} {name}"
    else:
        spoken = f"{cardinal(num, british)} {_denominator(num, den)}"
    if whole is None:
        return spoken
    return f"{cardinal(whole, british)} and {spoken}"


def expand_fractions(text: str, british: bool = False) -> str:
    """Every slashed or vulgar fraction as words."""

    def slashed(match: re.Match[str]) -> str:
        num, den = int(match["num"]), int(match["den"])
        whole = int(match["whole"]) if match["whole"] else None
        fraction = f"{match['num']}/{match['den']}"
        before = match.string[max(0, match.start() - 12) : match.start()]
        date = None if whole is not None else _DATE_WORDS.search(before)
        if date is not None and (date["weekday"] or (den > 12 and den not in _WORD_DENOMINATORS)):
            month, day = (den, num) if british else (num, den)
            if 1 <= month <= 12 and 1 <= day <= 31:
                spoken = f"{MONTHS[month - 1]} {ordinal(day, british)}"
                return pad(spoken, match.string, match.start(), match.end())
        if fraction in _IDIOMS:
            words = _IDIOMS[fraction]
        elif (num == den and den > 2) or (
            den in (5, 10, 100) and num <= den and _SCORE_WORDS.search(before)
        ):
            words = f"{cardinal(num, british)} out of {cardinal(den, british)}"
        else:
            words = say_fraction(num, den, None, british)
        if whole is not None:
            if num < den and den in _WORD_DENOMINATORS:
                words = say_fraction(num, den, whole, british)
            else:
                words = f"{cardinal(whole, british)} {words}"
        return pad(words, match.string, match.start(), match.end())

    def vulgar(match: re.Match[str]) -> str:
        num, den = VULGAR[match["vulgar"]]
        whole = int(match["whole"]) if match["whole"] else None
        words = say_fraction(num, den, whole, british)
        return pad(words, match.string, match.start(), match.end())

    if has_digit(text):
        text = _SLASHED.sub(slashed, text)
    if not any(ch in text for ch in VULGAR):
        return text
    return _UNICODE.sub(vulgar, text)
