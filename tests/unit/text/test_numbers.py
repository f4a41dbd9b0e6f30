"""Cardinals, signs, separators, decimals, ordinals and fractions as words."""

from __future__ import annotations

import pytest

from litetts.text import normalize

CASES = [
    ("0", "zero"),
    ("7", "seven"),
    ("42", "forty-two"),
    ("101", "one hundred one"),
    ("-5", "minus five"),
    ("−12", "minus twelve"),
    ("+3", "plus three"),
    ("1,000", "one thousand"),
    ("1,000,000", "one million"),
    ("1234567", "one million two hundred thirty-four thousand five hundred sixty-seven"),
    ("2.5", "two point five"),
    ("3.14", "three point one four"),
    ("0.5", "zero point five"),
    (".5", "point five"),
    ("-0.25", "minus zero point two five"),
    ("007", "zero zero seven"),
    (
        "12345678901234567890",
        " ".join("one two three four five six seven eight nine zero".split() * 2),
    ),
    ("1999 apples", "one thousand nine hundred ninety-nine apples"),
    ("A4 paper", "A- four paper"),
    ("1st", "first"),
    ("2nd", "second"),
    ("3rd", "third"),
    ("12th", "twelfth"),
    ("21st", "twenty-first"),
    ("22nd", "twenty-second"),
    ("103rd", "one hundred third"),
    ("1,000th", "one thousandth"),
    ("the 21st century", "the twenty-first century"),
    ("1/2", "one half"),
    ("3/4", "three quarters"),
    ("1/4", "one quarter"),
    ("2 1/2", "two and a half"),
    ("2 3/4", "two and three quarters"),
    ("2/3", "two thirds"),
    ("5/8", "five eighths"),
    ("1/100", "one hundredth"),
    ("3/125", "three over one hundred twenty-five"),
    ("24/7", "twenty-four seven"),
    ("10/10", "ten out of ten"),
    ("½", "one half"),
    ("2¾", "two and three quarters"),
]

BRITISH = [
    ("101", "one hundred and one"),
    ("1,234", "one thousand two hundred and thirty-four"),
    ("2 1/2", "two and a half"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_numbers_are_read_as_words(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize(("written", "spoken"), BRITISH)
def test_british_numbers_keep_and_after_hundreds(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "en-gb")


def test_a_fraction_is_never_read_as_a_date() -> None:
    assert "one half" == normalize("1/2")
