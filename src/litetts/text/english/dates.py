"""Dates: ISO (``2024-01-15``), numeric (``1/15/2024``), ``January 1, 2024``, ``1 January 2024``.

Also weekday ranges: ``Mon-Fri`` -> "Monday to Friday".

American English reads a month-first date "January first, twenty twenty-four";
British English "January the first, twenty twenty-four". A day-first date reads
"the first of January" in both. Numeric dates are month-first in American English
and day-first in British English, unless only the other order is a valid date
(``25/12/2024``). A fraction such as ``1/2`` has no year and is never a date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from litetts.text.english.numbers import has_digit, ordinal, pad
from litetts.text.english.years import say_year

__all__ = ["MONTHS", "expand_dates", "say_date"]

MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS_IN_MONTH: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_SHORT: Final = {"Sept": 9} | {name[:3]: number for number, name in enumerate(MONTHS, 1)}
_MONTH: Final = (
    r"(?P<month>" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY: Final = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR: Final = r"(?:,?\s+(?P<year>[0-9]{4})(?![\w%]|[.,:][0-9]))?"
_NOT_A_TIME: Final = r"(?![0-9:]|[.,][0-9]|\s?(?:[AaPp]\.?[Mm]\b|%))"

_WEEKDAYS: Final = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Thur": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
_WEEKDAY: Final = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)"
_WEEKDAY_RANGE: Final = re.compile(
    r"\b(?P<first>" + _WEEKDAY + r")\.?\s?[-–]\s?(?P<last>" + _WEEKDAY + r")\b"
)
_ISO: Final = re.compile(
    r"(?<![\w.:/-])(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?![\w:-]|[.,][0-9])"
)
_NUMERIC: Final = re.compile(
    r"(?<![\w.,:/-])(?P<a>[0-9]{1,2})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)"
    r"(?P<year>[0-9]{4}|(?<=/)[0-9]{2})(?![\w/:-]|[.,][0-9])"
)
_MONTH_FIRST: Final = re.compile(r"\b" + _MONTH + r"\s+" + _DAY + _NOT_A_TIME + r"\b" + _YEAR)
_DAY_FIRST: Final = re.compile(
    r"(?<![\w.,:/])" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?![\w])" + _YEAR
)
_MONTH_YEAR: Final = re.compile(r"\b" + _MONTH + r"\s+(?P<year>[0-9]{4})(?![\w%]|[.,:][0-9])")


def _month_number(written: str) -> int:
    name = written.rstrip(".")
    if name in MONTHS:
        return MONTHS.index(name) + 1
    return _SHORT[name[:4] if name == "Sept" else name[:3]]


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def say_date(
    month: int, day: int, year: int | None = None, british: bool = False, day_first: bool = False
) -> str:
    """Words for a valid date: (1, 1, 2024) -> "January first, twenty twenty-four".

    Args:
        month: 1-12.
        day: 1-31.
        year: the year, if written.
        british: British English ("January the first").
        day_first: the day was written first ("the first of January").
    """
    name = MONTHS[month - 1]
    nth = ordinal(day, british)
    if day_first:
        spoken = f"the {nth} of {name}"
    elif british:
        spoken = f"{name} the {nth}"
    else:
        spoken = f"{name} {nth}"
    if year is not None:
        spoken += ", " + say_year(year, british)
    return spoken


def expand_dates(text: str, british: bool = False) -> str:
    """Every valid written date as words; invalid ones are left to the number rules."""

    def iso(match: re.Match[str]) -> str:
        month, day = int(match["month"]), int(match["day"])
        if not _valid(month, day):
            return match[0]
        words = say_date(month, day, int(match["year"]), british, day_first=british)
        return pad(words, match.string, match.start(), match.end())

    def numeric(match: re.Match[str]) -> str:
        a, b = int(match["a"]), int(match["b"])
        month, day = (b, a) if british else (a, b)
        if not _valid(month, day):
            month, day = day, month
            if not _valid(month, day):
                return match[0]
        year = int(match["year"])
        if len(match["year"]) == 2:
            year += 2000 if year < 50 else 1900
        words = say_date(month, day, year, british, day_first=british)
        return pad(words, match.string, match.start(), match.end())

    def named(day_first: bool) -> Callable[[re.Match[str]], str]:
        def spoken(match: re.Match[str]) -> str:
            month, day = _month_number(match["month"]), int(match["day"])
            if not _valid(month, day):
                return match[0]
            year = int(match["year"]) if match["year"] else None
            words = say_date(month, day, year, british, day_first=day_first)
            if (
                day_first
                and match.string[max(0, match.start() - 4) : match.start()].lower() == "the "
            ):
                words = words.removeprefix("the ")  # "the 3rd of May"
            return pad(words, match.string, match.start(), match.end())

        return spoken

    def month_year(match: re.Match[str]) -> str:
        month = MONTHS[_month_number(match["month"]) - 1]
        return month + " " + say_year(int(match["year"]), british)

    text = _WEEKDAY_RANGE.sub(lambda m: f"{_WEEKDAYS[m['first']]} to {_WEEKDAYS[m['last']]}", text)
    if not has_digit(text):
        return text
    text = _ISO.sub(iso, text)
    text = _NUMERIC.sub(numeric, text)
    text = _MONTH_FIRST.sub(named(day_first=False), text)
    text = _DAY_FIRST.sub(named(day_first=True), text)
    return _MONTH_YEAR.sub(month_year, text)
