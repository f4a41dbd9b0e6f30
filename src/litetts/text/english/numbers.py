"""Number words: cardinals, ordinals, decimals and digit strings, spoken in English.

`num2words` does the counting; this module decides how a written number reads
(signs, thousands separators, leading zeros, very long digit strings) and trims
its output to a narrator's style: American English drops the "and" after hundreds
("one hundred one"), British English keeps it; commas never survive, since a
comma inside a number would make the voice pause.
"""

from __future__ import annotations

import re
from typing import Final

from num2words import num2words

__all__ = [
    "cardinal",
    "digits",
    "expand_numbers",
    "expand_ordinals",
    "has_digit",
    "number",
    "ordinal",
    "pad",
    "plural",
]

MAX_DIGITS: Final = 15
"""Longer integers (IDs, card numbers) are read digit by digit."""

_DIGIT_WORDS: Final = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
)
_SPACES: Final = re.compile(r"\s+")
_DIGIT: Final = re.compile(r"[0-9]")


def has_digit(text: str) -> bool:
    """Whether `text` holds an ASCII digit: rules about numbers skip text without one."""
    return _DIGIT.search(text) is not None


def _tidy(words: str, british: bool) -> str:
    words = words.replace(",", "")
    if not british:
        words = words.replace(" and ", " ")
    return _SPACES.sub(" ", words).strip()


def digits(text: str, zero: str = "zero") -> str:
    """Each ASCII digit of `text` as a word, space-separated; other characters dropped.

    Args:
        text: the digits to read.
        zero: the word for ``0`` ("zero", or "oh" in phone numbers and clock times).
    """
    return " ".join(
        zero if ch == "0" else _DIGIT_WORDS[ord(ch) - 48]
        for ch in text
        if ch.isascii() and ch.isdigit()
    )


def cardinal(value: int, british: bool = False) -> str:
    """``1999`` -> "one thousand nine hundred ninety-nine"; negative numbers say "minus"."""
    if len(str(abs(value))) > MAX_DIGITS:
        sign = "minus " if value < 0 else ""
        return sign + digits(str(abs(value)))
    return _tidy(str(num2words(value, lang="en")), british)


def ordinal(value: int, british: bool = False) -> str:
    """``21`` -> "twenty-first"."""
    if value < 0 or len(str(value)) > MAX_DIGITS:
        return cardinal(value, british)
    return _tidy(str(num2words(value, lang="en", to="ordinal")), british)


def plural(words: str) -> str:
    """The plural of a number word phrase: "twenty" -> "twenties", "third" -> "thirds"."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith(("x", "s")):
        return words + "es"
    if words.endswith("half"):
        return words[:-1] + "ves"
    return words + "s"


def number(text: str, british: bool = False) -> str:
    """Words for a written number: ``"-1,234.50"`` -> "minus one thousand two hundred
    thirty-four point five zero".

    `text` is an optional sign (``-``, ``−``, ``+``), digits with optional ``,``
    thousands separators, and an optional ``.`` fraction; an integer with a leading
    zero (``007``) is read digit by digit.
    """
    sign = ""
    if text and text[0] in "-−+":
        sign = "plus " if text[0] == "+" else "minus "
        text = text[1:]
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", "")
    if not whole:
        spoken = "point " + digits(fraction)
    elif (len(whole) > 1 and whole.startswith("0") and not fraction) or len(whole) > MAX_DIGITS:
        spoken = digits(whole)
    else:
        spoken = cardinal(int(whole), british)
    if fraction and whole:
        spoken += " point " + digits(fraction)
    return sign + spoken


def pad(words: str, text: str, start: int, end: int) -> str:
    """`words` with a space added on each side where it would touch a letter in `text`.

    Args:
        words: the replacement for ``text[start:end]``.
        text: the whole string being rewritten.
        start: where the replaced span begins.
        end: where it ends.
    """
    if start > 0 and text[start - 1].isalpha():
        letter_a = text[start - 1] == "A" and (start == 1 or not text[start - 2].isalpha())
        words = ("- " if letter_a else " ") + words  # "A4" -> "A- four", see initialisms
    if end < len(text) and text[end].isalpha():
        words += " "
    return words


_ORDINAL: Final = re.compile(
    r"(?<![\w.,])(?P<n>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<suffix>st|nd|rd|th|ST|ND|RD|TH)\b"
)

_NUMBER: Final = re.compile(
    r"(?P<sign>(?:(?<=^)|(?<=[\s(\[{\"'“‘/=<>~]))[-−+])?"
    r"(?:(?P<int>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
    r"|(?<![\w.])\.(?P<bare>[0-9]+))"
)


def expand_ordinals(text: str, british: bool = False) -> str:
    """``21st`` -> "twenty-first", ``103rd`` -> "one hundred third"."""
    if not has_digit(text):
        return text

    def spoken(match: re.Match[str]) -> str:
        raw = match["n"].replace(",", "")
        if len(raw) > MAX_DIGITS:
            return pad(digits(raw), match.string, match.start(), match.end())
        words = ordinal(int(raw), british)
        return pad(words, match.string, match.start(), match.end())

    return _ORDINAL.sub(spoken, text)


def expand_numbers(text: str, british: bool = False) -> str:
    """Every remaining ASCII number as words: ``-5`` -> "minus five", ``1,000,000`` ->
    "one million", ``3.14`` -> "three point one four"."""
    if not has_digit(text):
        return text

    def spoken(match: re.Match[str]) -> str:
        written = (match["sign"] or "") + (match["int"] or "")
        if match["frac"]:
            written += "." + match["frac"]
        if match["bare"]:
            written += "." + match["bare"]
        return pad(number(written, british), match.string, match.start(), match.end())

    return _NUMBER.sub(spoken, text)
