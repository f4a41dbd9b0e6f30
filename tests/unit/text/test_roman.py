"""Roman numerals, read only in context; never the pronoun I or words like MIX."""

from __future__ import annotations

import pytest

from litetts.text import normalize
from litetts.text.english.roman import roman_value

CASES = [
    ("World War II", "World War two"),
    ("World War I", "World War one"),
    ("Henry VIII", "Henry the Eighth"),
    ("Louis XIV", "Louis the Fourteenth"),
    ("Elizabeth II", "Elizabeth the Second"),
    ("Queen Elizabeth I", "Queen Elizabeth the First"),
    ("King George III", "King George the Third"),
    ("Pope John Paul II", "Pope John Paul the Second"),
    ("Richard III.", "Richard the Third."),
    ("Henry VIII's wives", "Henry the Eighth's wives"),
    ("Chapter IV", "Chapter four"),
    ("Part III", "Part three"),
    ("Act V, Scene II", "Act five, Scene two"),
    ("Super Bowl LVIII", "Super Bowl fifty-eight"),
    ("Volume XII", "Volume twelve"),
    ("Type II diabetes", "Type two diabetes"),
    ("Type I diabetes", "Type one diabetes"),
    ("He was in chapter I.", "He was in chapter one."),
    ("The chapter I.", "The chapter one."),
    ("Star Wars: Episode IV", "Star Wars: Episode four"),
]

UNCHANGED = [
    "I think so",
    "I am here",
    "Did I? Yes, I did.",
    "MIX",
    "The CIVIL war",
    "Malcolm X",
    "Elizabeth I think",
    "In the chapter I read yesterday, he dies.",
    "It was the part I liked best.",
    "Every level I reached was harder.",
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_roman_numerals_in_context_are_read(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize("text", UNCHANGED)
def test_words_and_the_pronoun_are_not_numerals(text: str) -> None:
    assert text == normalize(text)


def test_an_initialism_after_a_section_word_is_spelled_not_counted() -> None:
    assert "Chapter I V F" == normalize("Chapter IVF")


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("I", 1),
        ("IV", 4),
        ("IX", 9),
        ("XIV", 14),
        ("LVIII", 58),
        ("MCMXCIX", 1999),
        ("IIII", None),
        ("MIXX", None),
        ("", None),
    ],
)
def test_roman_value(numeral: str, value: int | None) -> None:
    assert value == roman_value(numeral)
