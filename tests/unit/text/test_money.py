"""Amounts of money: currency symbols, cents and pence, scale words."""

from __future__ import annotations

import pytest

from litetts.text import normalize

CASES = [
    ("$5", "five dollars"),
    ("$1", "one dollar"),
    ("$2.50", "two dollars and fifty cents"),
    ("$1.01", "one dollar and one cent"),
    ("$0.99", "ninety-nine cents"),
    ("$0.01", "one cent"),
    ("$2.00", "two dollars"),
    ("$2.5", "two point five dollars"),
    ("$2.5 million", "two point five million dollars"),
    ("$1 billion", "one billion dollars"),
    ("$5k", "five thousand dollars"),
    ("$10M", "ten million dollars"),
    ("$1.5bn", "one point five billion dollars"),
    ("$1,000,000", "one million dollars"),
    ("-$5", "minus five dollars"),
    ("€3", "three euros"),
    ("€1", "one euro"),
    ("€3.50", "three euros and fifty cents"),
    ("10€", "ten euros"),
    ("£4.20", "four pounds twenty"),
    ("£1", "one pound"),
    ("£0.50", "fifty pence"),
    ("£0.01", "one penny"),
    ("¥500", "five hundred yen"),
    ("¥1", "one yen"),
    ("₹100", "one hundred rupees"),
    ("50¢", "fifty cents"),
    ("US$10", "ten U S dollars"),
    ("it was $5.99.", "it was five dollars and ninety-nine cents."),
    ("$5-$10", "five dollars to ten dollars"),
    ("Dr. Smith paid $3.50.", "Doctor Smith paid three dollars and fifty cents."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_money_is_read_with_its_currency(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


def test_british_money_keeps_and_after_hundreds() -> None:
    assert "one hundred and five pounds" == normalize("£105", "en-gb")
