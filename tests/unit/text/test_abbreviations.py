"""Titles, street types, Latin abbreviations and abbreviations before numbers."""

from __future__ import annotations

import pytest

from litetts.text import normalize

CASES = [
    ("Dr. Smith", "Doctor Smith"),
    ("Dr Smith", "Doctor Smith"),
    ("Mr. Jones", "Mister Jones"),
    ("Mrs. Brown", "Missus Brown"),
    ("Ms. Lee", "Miz Lee"),
    ("Mr. and Mrs. Smith", "Mister and Missus Smith"),
    ("Prof. Adams", "Professor Adams"),
    ("St. Louis", "Saint Louis"),
    ("St. Patrick's Day", "Saint Patrick's Day"),
    ("Main St.", "Main Street."),
    ("on Main St. today", "on Main Street today"),
    ("221 Baker St", "two hundred twenty-one Baker Street"),
    ("5th St. North", "fifth Street North"),
    ("Elm Dr. is closed", "Elm Drive is closed"),
    ("Mt. Everest", "Mount Everest"),
    ("John Smith, Jr.", "John Smith, Junior."),
    ("Acme Inc. made it", "Acme Incorporated made it"),
    ("apples, oranges, etc.", "apples, oranges, et cetera."),
    ("apples, etc. are", "apples, et cetera are"),
    ("e.g. apples", "for example apples"),
    ("E.g. apples", "For example apples"),
    ("i.e. the end", "that is the end"),
    ("Smith vs. Jones", "Smith versus Jones"),
    ("cats vs dogs", "cats versus dogs"),
    ("No. 5", "Number five"),
    ("pp. 10-20", "pages ten to twenty"),
    ("see p. 7", "see page seven"),
    ("a.k.a. Bob", "also known as Bob"),
    ("coffee w/o sugar", "coffee without sugar"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_abbreviations_are_read_in_full(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize("text", ["the st. of it", "a dr. and", "no. no. no.", "the p. is"])
def test_lowercase_words_with_a_full_stop_are_not_titles(text: str) -> None:
    assert text == normalize(text)
