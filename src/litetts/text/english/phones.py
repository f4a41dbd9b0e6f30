"""Telephone numbers, read digit by digit in their groups: ``(555) 123-4567`` -> "five five
five, one two three, four five six seven".

Zero reads "oh", as people say it. Recognised shapes: North American numbers
(``555-123-4567``, ``(555) 123-4567``, ``555.123.4567``, ``1-800-555-0199``),
international numbers starting with ``+`` (``+44 20 7946 0958``), and a short
``123-4567`` or an emergency number (911, 999, 112) right after a word such as
"call", "phone", "dial" or "tel". An HTTP status code (``a 404 error``) reads the
same way ("four oh four").
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.numbers import digits, has_digit, pad

__all__ = ["expand_phones", "say_phone"]

_NORTH_AMERICAN: Final = re.compile(
    r"(?<![\w+.,/-])(?:(?P<country>\+?1)[-. ])?"
    r"(?:\((?P<area1>[0-9]{3})\)\s?|(?P<area2>[0-9]{3})(?P<sep>[-.]))"
    r"(?P<exchange>[0-9]{3})[-. ](?P<line>[0-9]{4})(?![\w-]|[.,][0-9])"
)
_INTERNATIONAL: Final = re.compile(
    r"(?<![\w+])\+(?P<groups>[0-9]{1,4}(?:[ .-][0-9]{1,5}){2,5})(?![\w-]|[.,][0-9])"
)
_SHORT: Final = re.compile(
    r"(?P<context>\b(?:[Cc]all|[Pp]hone|[Tt]el\.?|[Tt]elephone|[Dd]ial|[Ff]ax|[Tt]ext)"
    r"(?:\s+(?:me|us|them|him|her))?(?:\s+(?:at|on))?:?\s+)"
    r"(?:(?P<exchange>[0-9]{3})-(?P<line>[0-9]{4})|(?P<emergency>911|999|112))(?![\w-]|[.,][0-9])"
)


_STATUS: Final = re.compile(
    r"(?:(?P<pre>\b(?:HTTP|[Ee]rror|[Ss]tatus|[Cc]ode) )(?P<a>[1-5][0-9]{2})(?![\w.,]))"
    r"|(?:(?<![\w.,])(?P<b>[1-5][0-9]{2})(?= (?:error|errors|page|status|response)\b))"
)
"""An HTTP status code: ``a 404 error``, ``HTTP 503``."""


def _status(match: re.Match[str]) -> str:
    code = match["a"] or match["b"]
    if code[1:] == "00":
        spoken = digits(code[0]) + " hundred"
    elif code[1] == "0":
        spoken = f"{digits(code[0])} oh {digits(code[2])}"
    else:
        spoken = digits(code, zero="oh")
    return (match["pre"] or "") + spoken


def say_phone(groups: list[str]) -> str:
    """Digit groups as words, groups separated by commas: ["555", "0199"] -> "five five
    five, oh one nine nine"."""
    return ", ".join(digits(group, zero="oh") for group in groups if group)


def expand_phones(text: str, british: bool = False) -> str:
    """Every recognised phone number, digit by digit."""
    del british
    if not has_digit(text):
        return text

    def north_american(match: re.Match[str]) -> str:
        area = match["area1"] or match["area2"]
        words = say_phone([match["country"] or "", area, match["exchange"], match["line"]])
        if match["country"] and match["country"].startswith("+"):
            words = "plus " + words
        return pad(words, match.string, match.start(), match.end())

    def international(match: re.Match[str]) -> str:
        words = "plus " + say_phone(re.split(r"[ .-]", match["groups"]))
        return pad(words, match.string, match.start(), match.end())

    def short(match: re.Match[str]) -> str:
        groups = [match["emergency"]] if match["emergency"] else [match["exchange"], match["line"]]
        return match["context"] + say_phone(groups)

    text = _STATUS.sub(_status, text)
    text = _NORTH_AMERICAN.sub(north_american, text)
    text = _INTERNATIONAL.sub(international, text)
    return _SHORT.sub(short, text)
