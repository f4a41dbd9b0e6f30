"""Symbols between words or numbers; symbols on their own stay."""

from __future__ import annotations

import pytest

from litetts.text import normalize

CASES = [
    ("Tom & Jerry", "Tom and Jerry"),
    ("R&D", "R and D"),
    ("AT&T", "A- T and T"),
    ("2+2=4", "two plus two equals four"),
    ("1 + 1 = 2", "one plus one equals two"),
    ("5 - 3 = 2", "five minus three equals two"),
    ("x = y + z", "x equals y plus z"),
    ("#1", "number one"),
    ("the #1 hit", "the number one hit"),
    ("#throwback", "hashtag throwback"),
    ("@elonmusk", "at elonmusk"),
    ("meet me @ noon", "meet me at noon"),
    ("1920x1080", "one thousand nine hundred twenty by one thousand eighty"),
    ("3 × 4", "three times four"),
    ("2x faster", "two times faster"),
    ("~5 km", "about five kilometers"),
    ("<10", "less than ten"),
    (">100", "more than one hundred"),
    ("±2", "plus or minus two"),
    ("50%", "fifty percent"),
]

UNCHANGED = ["&", "***", "...", "+", "=", "@", "#", "%", "C++", "-> <-", "!?", "—"]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_symbols_are_read_as_words(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize("text", UNCHANGED)
def test_symbols_on_their_own_are_unchanged(text: str) -> None:
    assert text == normalize(text)
