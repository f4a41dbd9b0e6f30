"""Percentages and units after a number, with and without a space."""

from __future__ import annotations

import pytest

from litetts.text import normalize

CASES = [
    ("50%", "fifty percent"),
    ("2.5%", "two point five percent"),
    ("100 %", "one hundred percent"),
    ("-3%", "minus three percent"),
    ("2.5kg", "two point five kilograms"),
    ("1 kg", "one kilogram"),
    ("500 g", "five hundred grams"),
    ("5 mg", "five milligrams"),
    ("10 km", "ten kilometers"),
    ("100m", "one hundred meters"),
    ("3 cm", "three centimeters"),
    ("26.2 mi", "twenty-six point two miles"),
    ("6ft 2in", "six feet two inches"),
    ("5 ft. tall", "five feet tall"),
    ("5 in the box", "five in the box"),
    ("16 oz", "sixteen ounces"),
    ("200 lbs", "two hundred pounds"),
    ("60 mph", "sixty miles per hour"),
    ("100 km/h", "one hundred kilometers per hour"),
    ("20°C", "twenty degrees Celsius"),
    ("-5°C", "minus five degrees Celsius"),
    ("98.6°F", "ninety-eight point six degrees Fahrenheit"),
    ("90°", "ninety degrees"),
    ("1.5 l", "one point five liters"),
    ("250 ml", "two hundred fifty milliliters"),
    ("4GB", "four gigabytes"),
    ("512 MB", "five hundred twelve megabytes"),
    ("2.4 GHz", "two point four gigahertz"),
    ("60 W", "sixty watts"),
    ("230 V", "two hundred thirty volts"),
    ("2 h", "two hours"),
    ("45 min", "forty-five minutes"),
    ("30 s", "thirty seconds"),
    ("250 ms", "two hundred fifty milliseconds"),
    ("10 m²", "ten square meters"),
    ("a 5-kg bag", "a five-kilogram bag"),
    ("1/2 kg", "half a kilogram"),
    ("2 1/2 kg", "two and a half kilograms"),
]

BRITISH = [
    ("10 km", "ten kilometres"),
    ("1.5 l", "one point five litres"),
    ("1 m", "one metre"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_units_are_read_after_their_number(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize(("written", "spoken"), BRITISH)
def test_british_units_are_spelled_metre_and_litre(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "en-gb")
