"""Telephone numbers, digit by digit in their groups."""

from __future__ import annotations

import pytest

from litetts.text import normalize

US = "five five five, one two three, four five six seven"

CASES = [
    ("(555) 123-4567", US),
    ("555-123-4567", US),
    ("555.123.4567", US),
    ("+1 555 123 4567", "plus one, " + US),
    ("+1-555-123-4567", "plus one, " + US),
    ("1-800-555-0199", "one, eight oh oh, five five five, oh one nine nine"),
    ("1 (800) 555-0199", "one, eight oh oh, five five five, oh one nine nine"),
    ("+44 20 7946 0958", "plus four four, two oh, seven nine four six, oh nine five eight"),
    ("+33 1 23 45 67 89", "plus three three, one, two three, four five, six seven, eight nine"),
    ("call 555-0199", "call five five five, oh one nine nine"),
    ("Call me at 555-1234.", "Call me at five five five, one two three four."),
    ("tel: 555-0100", "tel: five five five, oh one oh oh"),
    ("Phone: (212) 555-0000", "Phone: two one two, five five five, oh oh oh oh"),
    ("dial 911", "dial nine one one"),
    ("call 999 now", "call nine nine nine now"),
    ("my number is 555-123-4567, ok", f"my number is {US}, ok"),
    ("between 100-1000 people", "between one hundred and one thousand people"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_phone_numbers_are_read_digit_by_digit(written: str, spoken: str) -> None:
    assert spoken == normalize(written)
