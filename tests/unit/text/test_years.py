"""Years in context, decades, eras and year ranges."""

from __future__ import annotations

import pytest

from litetts.text import normalize

CASES = [
    ("in 1999", "in nineteen ninety-nine"),
    ("1999 apples", "one thousand nine hundred ninety-nine apples"),
    ("since 2005", "since two thousand five"),
    ("by 2010", "by twenty ten"),
    ("In 1905, the", "In nineteen oh five, the"),
    ("until 2000", "until two thousand"),
    ("the year 1984", "the year nineteen eighty-four"),
    ("born 1961", "born nineteen sixty-one"),
    ("in 1066", "in ten sixty-six"),
    ("the summer of 1969", "the summer of nineteen sixty-nine"),
    ("between 1939 and 1945", "between nineteen thirty-nine and nineteen forty-five"),
    ("from 1990-1995", "from nineteen ninety to nineteen ninety-five"),
    ("the 2020-21 season", "the twenty twenty to twenty twenty-one season"),
    ("Q3 2023", "Q three twenty twenty-three"),
    ("the 1990s", "the nineteen nineties"),
    ("the 1800s", "the eighteen hundreds"),
    ("the 2000s", "the two thousands"),
    ("the 2010s", "the twenty tens"),
    ("the '90s", "the nineties"),
    ("in her 30s", "in her thirties"),
    ("the early 80s", "the early eighties"),
    ("mid-1970s", "mid-nineteen seventies"),
    ("500 BC", "five hundred B C"),
    ("AD 1066", "A- D ten sixty-six"),
]

BRITISH = [
    ("since 2005", "since two thousand and five"),
    ("in 1999", "in nineteen ninety-nine"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_years_are_read_as_years_in_context(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize(("written", "spoken"), BRITISH)
def test_british_years_keep_and(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "en-gb")
