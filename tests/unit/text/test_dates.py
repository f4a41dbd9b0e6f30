"""Dates: ISO, numeric, month-first and day-first; weekday ranges."""

from __future__ import annotations

import pytest

from litetts.text import normalize

CASES = [
    ("2024-01-15", "January fifteenth, twenty twenty-four"),
    ("1999-12-31", "December thirty-first, nineteen ninety-nine"),
    ("1/15/2024", "January fifteenth, twenty twenty-four"),
    ("12/25/2024", "December twenty-fifth, twenty twenty-four"),
    ("25/12/2024", "December twenty-fifth, twenty twenty-four"),
    ("7/4/1776", "July fourth, seventeen seventy-six"),
    ("1/2/24", "January second, twenty twenty-four"),
    ("12.25.2024", "December twenty-fifth, twenty twenty-four"),
    ("12-25-2024", "December twenty-fifth, twenty twenty-four"),
    ("January 1, 2024", "January first, twenty twenty-four"),
    ("on Jan. 5, 2024, we", "on January fifth, twenty twenty-four, we"),
    ("Sept. 11, 2001", "September eleventh, two thousand one"),
    ("July 4th, 1776", "July fourth, seventeen seventy-six"),
    ("1 January 2024", "the first of January, twenty twenty-four"),
    ("the 3rd of May", "the third of May"),
    ("5th of November", "the fifth of November"),
    ("May 2024", "May twenty twenty-four"),
    ("on June 10", "on June tenth"),
    ("June 10am", "June ten A- M"),
    ("open Mon-Fri", "open Monday to Friday"),
    ("1/2", "one half"),
]

BRITISH = [
    ("1/2/2024", "the first of February, twenty twenty-four"),
    ("2024-01-15", "the fifteenth of January, twenty twenty-four"),
    ("January 1, 2024", "January the first, twenty twenty-four"),
    ("1 January 2024", "the first of January, twenty twenty-four"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_dates_are_read_as_a_narrator_says_them(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize(("written", "spoken"), BRITISH)
def test_british_dates_are_day_first(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "en-gb")
