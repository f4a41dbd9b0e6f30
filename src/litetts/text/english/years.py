"""Years and decades: ``1999`` -> "nineteen ninety-nine", ``1800s`` -> "eighteen hundreds".

A bare four-digit number is only a year in context, since "1999 apples" is a
count: after a word such as "in", "since", "by", "until", "during", "year",
"circa", "the summer of", or before an era (AD, BC, BCE, CE). Dates and year
ranges call `say_year` themselves. Decades (``1990s``, ``'90s``, ``the 80s``)
are always read as decades.
"""

from __future__ import annotations

import re
from typing import Final

from num2words import num2words

from litetts.text.english.initialisms import spell
from litetts.text.english.numbers import cardinal, has_digit, pad, plural

__all__ = ["expand_decades", "expand_years", "is_year", "say_decade", "say_year"]

FIRST_YEAR: Final = 1000
LAST_YEAR: Final = 2999
"""Bare four-digit numbers in this span may be read as years."""

_CONTEXT: Final = (
    r"(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Yy]ear|[Cc]irca|c\.|ca\.|[Aa]round"
    r"|[Dd]uring|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Tt]hrough|[Ss]ummer of|[Ww]inter of"
    r"|[Ss]pring of|[Aa]utumn of|[Ff]all of|[Cc]lass of|[Yy]ear of|[Ee]nd of|[Ss]tart of"
    r"|[Bb]eginning of|[Mm]iddle of|[Ss]ince early|[Ss]ince late|[Bb]orn|[Dd]ied|[Ff]ounded"
    r"|[Ee]stablished|[Ee]st\.|[Bb]etween|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|Q[1-4]|H[12]|FY)"
)
_YEAR: Final = r"[0-9]{4}(?![\w%°]|[.,:/][0-9])"
_IN_CONTEXT: Final = re.compile(
    r"(?<![\w.])(?<![0-9] )(?P<context>" + _CONTEXT + r")(?P<gap>\s+)(?P<year>" + _YEAR + r")"
    r"(?:(?P<link>\s+(?:and|to|or|until|through)\s+)(?P<second>" + _YEAR + r"))?"
)
_ERA: Final = re.compile(
    r"(?<![\w.,])(?P<year>[0-9]{1,4})\s?(?P<era>AD|BC|BCE|CE|A\.D\.|B\.C\.)(?![\w])"
    r"|(?<![\w.])(?P<ad>AD|A\.D\.)\s?(?P<adyear>[0-9]{1,4})(?![\w.,]|[.,][0-9])"
)
_DECADE: Final = re.compile(
    r"(?<![\w.,'’])(?P<apostrophe>['’])?(?P<year>[0-9]{0,2}[1-9]0|[1-9][0-9]?00)['’]?s\b"
)
_DECADE_CONTEXT: Final = re.compile(
    r"(?:\b(?:[Tt]he|her|his|their|my|your|our|[Ee]arly|[Mm]id|[Ll]ate)\s+|\b[Mm]id-)$"
)


def is_year(value: int) -> bool:
    """Whether a bare four-digit number may be a year (1000-2999)."""
    return FIRST_YEAR <= value <= LAST_YEAR


def say_year(value: int, british: bool = False) -> str:
    """``1999`` -> "nineteen ninety-nine", ``2005`` -> "two thousand five" ("two thousand
    and five" in British English), ``1905`` -> "nineteen oh five"."""
    if not 0 < value < 10_000:
        return cardinal(value, british)
    words = str(num2words(value, lang="en", to="year")).replace("oh-", "oh ").replace(",", "")
    return words if british else words.replace(" and ", " ")


def say_decade(value: int, british: bool = False) -> str:
    """``1990`` -> "nineteen nineties", ``1800`` -> "eighteen hundreds", ``90`` -> "nineties"."""
    if value < 100:
        return plural(cardinal(value))
    return plural(say_year(value, british))


def expand_decades(text: str, british: bool = False) -> str:
    """``1990s`` -> "nineteen nineties", ``'90s`` and ``the 80s`` -> "nineties", "eighties"."""

    def decade(match: re.Match[str]) -> str:
        written = match["year"]
        before = match.string[max(0, match.start() - 8) : match.start()]
        if len(written) == 2 and not match["apostrophe"] and not _DECADE_CONTEXT.search(before):
            return match[0]  # "30s" is thirty seconds unless "the 30s", "her 30s"
        words = say_decade(int(written), british)
        return pad(words, match.string, match.start(), match.end())

    if not has_digit(text):
        return text
    return _DECADE.sub(decade, text)


def expand_years(text: str, british: bool = False) -> str:
    """Years in context: ``in 1999`` -> "in nineteen ninety-nine", ``between 1939 and
    1945``, ``500 BC``."""

    def in_context(match: re.Match[str]) -> str:
        value = int(match["year"])
        if not is_year(value):
            return match[0]
        words = match["context"] + match["gap"] + say_year(value, british)
        if match["second"] is None:
            return words
        second = int(match["second"])
        # "between 1939 and 1945": the second is a year too, when it could be one
        said = say_year(second, british) if is_year(second) else match["second"]
        return words + match["link"] + said

    def era(match: re.Match[str]) -> str:
        if match["ad"] is not None:
            words = spell("AD") + " " + say_year(int(match["adyear"]), british)
        else:
            letters = match["era"].replace(".", "")
            words = say_year(int(match["year"]), british) + " " + spell(letters)
            if match["era"].endswith(".") and match.end() == len(match.string):
                words += "."
        return pad(words, match.string, match.start(), match.end())

    if not has_digit(text):
        return text
    text = _ERA.sub(era, text)
    return _IN_CONTEXT.sub(in_context, text)
