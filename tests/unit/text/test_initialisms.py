"""Initialisms spelled letter by letter; acronyms and shouted words left alone."""

from __future__ import annotations

import pytest

from litetts.text import normalize
from litetts.text.english.initialisms import is_pronounceable

CASES = [
    ("the FBI said", "the F B I said"),
    ("NASA launched", "NASA launched"),
    ("the CIA and the NSA", "the C I A- and the N S A-"),
    ("an HTML page", "an H T M L page"),
    ("UNESCO", "UNESCO"),
    ("IBM", "I B M"),
    ("the ATM", "the A- T M"),
    ("the USA", "the U S A-"),
    ("the UK", "the U K"),
    ("an AI model", "an A- I model"),
    ("CEOs", "C E O's"),
    ("DVDs", "D V D's"),
    ("the FBI's agents", "the F B I's agents"),
    ("NATO", "NATO"),
    ("the NAACP", "the N A- A- C P"),
    ("STOP IT NOW", "STOP IT NOW"),
    ("I LOVE NEW YORK", "I LOVE NEW YORK"),
    ("UNICEF", "UNICEF"),
    ("COVID-19", "COVID-nineteen"),
    ("the BBC reported", "the B B C reported"),
    ("JSON", "JSON"),
    ("MP3", "M P three"),
    ("FBI-led", "F B I-led"),
    ("U.S.", "U S."),
    ("the U.S. Army", "the U S Army"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_initialisms_are_spelled_and_acronyms_are_said(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize("word", ["NASA", "UNICEF", "LINUX", "RAID", "OPEC", "SWAT", "FEMA"])
def test_word_shaped_capitals_are_pronounceable(word: str) -> None:
    assert is_pronounceable(word)


@pytest.mark.parametrize("word", ["FBI", "HTML", "NAACP", "USSR", "CIA", "IBM", "UCLA"])
def test_letter_strings_are_not_pronounceable(word: str) -> None:
    assert not is_pronounceable(word)
