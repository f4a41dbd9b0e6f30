"""Ranges and scores: ``1-2`` -> "1 to 2", ``9am-5pm`` -> "9am to 5pm", ``won 3-2``.

This rule only rewrites the dash between two numbers as " to ", so the later
rules read each end with its own unit, meridiem or currency ("nine A- M to five
P M"). A range of years is read here, as years: ``1990-1995`` -> "nineteen ninety
to nineteen ninety-five", ``2020-21`` -> "twenty twenty to twenty twenty-one". A
chain such as ``3-2-1`` or a subtraction (``5 - 3 = 2``) is no range.
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.numbers import has_digit, pad
from litetts.text.english.years import is_year, say_year

__all__ = ["expand_ranges"]

_END: Final = r"[0-9]+(?:[.,:][0-9]+)*"
_RANGE: Final = re.compile(
    r"(?<![\w.,:/\-–—])(?P<left>(?P<leftnumber>" + _END + r")(?:\s?(?:%|[A-Za-z]{1,3}\.?))?)"
    r"(?P<dash>\s*[–—]\s*|-|\s-\s)"
    r"(?P<right>[$€£¥]?(?P<rightnumber>" + _END + r"))"
    r"(?![0-9]|[.,:][0-9]|\s?[-–—]\s?[0-9]|\s*[=+*/×])"
)
_BETWEEN: Final = re.compile(r"\b[Bb]etween\s+$")
_NOT_YEARS: Final = re.compile(r"\b(?:pages?|pp?\.|nos?\.|items?|lines?|numbers?|rooms?)\s*$", re.I)


def _year_range(match: re.Match[str], british: bool) -> str | None:
    left, right = match["left"], match["rightnumber"]
    if not (left.isdigit() and len(left) == 4 and right.isdigit() and len(right) in (2, 4)):
        return None
    if _NOT_YEARS.search(match.string[max(0, match.start() - 10) : match.start()]):
        return None
    start = int(left)
    end = int(left[:2] + right) if len(right) == 2 else int(right)
    if not (is_year(start) and is_year(end) and start < end):
        return None
    return f"{say_year(start, british)} to {say_year(end, british)}"


def expand_ranges(text: str, british: bool = False) -> str:
    """The dash of a numeric range or score as " to "; year ranges as years."""

    def spoken(match: re.Match[str]) -> str:
        years = _year_range(match, british)
        if years is not None:
            if _BETWEEN.search(match.string[max(0, match.start() - 8) : match.start()]):
                years = years.replace(" to ", " and ", 1)
            return pad(years, match.string, match.start(), match.end())
        before = match.string[max(0, match.start() - 8) : match.start()]
        joiner = "and" if _BETWEEN.search(before) else "to"
        return f"{match['left']} {joiner} {match['right']}"

    if not has_digit(text):
        return text
    return _RANGE.sub(spoken, text)
