"""Ranges, scores and version numbers."""

from __future__ import annotations

import pytest

from litetts.text import normalize

RANGES = [
    ("1-2", "one to two"),
    ("pages 10–20", "pages ten to twenty"),
    ("pages 10-20", "pages ten to twenty"),
    ("9am-5pm", "nine A- M to five P M"),
    ("10:00-11:30", "ten o'clock to eleven thirty"),
    ("between 5-10 minutes", "between five and ten minutes"),
    ("ages 3—5", "ages three to five"),
    ("$5-$10", "five dollars to ten dollars"),
    ("5-10%", "five to ten percent"),
    ("5kg-10kg", "five kilograms to ten kilograms"),
    ("1990-1995", "nineteen ninety to nineteen ninety-five"),
    ("2020-21", "twenty twenty to twenty twenty-one"),
    ("3-2-1", "three-two-one"),
    ("COVID-19", "COVID-nineteen"),
    ("5 - 3 = 2", "five minus three equals two"),
]

SCORES = [
    ("won 3-2", "won three to two"),
    ("He won 3-2.", "He won three to two."),
    ("lost 1-0", "lost one to zero"),
    ("a 2-1 victory", "a two to one victory"),
    ("drew 0-0", "drew zero to zero"),
]

VERSIONS = [
    ("v1.2.3", "version one point two point three"),
    ("v2", "version two"),
    ("version 2.0", "version two point oh"),
    ("Python 3.11", "Python three point eleven"),
    ("Python 3.11.4", "Python three point eleven point four"),
    ("iOS 17.4", "iOS seventeen point four"),
    ("1.2.3", "one point two point three"),
    ("HTTP 1.1", "H T T P one point one"),
    ("USB 3.0", "U S B three point oh"),
    ("3.11", "three point one one"),
    ("V8", "V eight"),
]


@pytest.mark.parametrize(("written", "spoken"), RANGES)
def test_ranges_read_to(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize(("written", "spoken"), SCORES)
def test_scores_read_to(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize(("written", "spoken"), VERSIONS)
def test_versions_read_point_between_whole_parts(written: str, spoken: str) -> None:
    assert spoken == normalize(written)
