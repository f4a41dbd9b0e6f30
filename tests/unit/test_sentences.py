"""Tests for `litetts.text.split_sentences`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from tests.strategies import any_text, prose

from litetts.text import Sentence, split_sentences


@settings(max_examples=100)
@given(text=prose())
def test_joined_sentences_give_the_words_back(text: str) -> None:
    sentences = split_sentences(text)

    assert text.split() == " ".join(s.text for s in sentences).split()


@settings(max_examples=300)
@given(text=any_text)
def test_no_character_but_whitespace_is_lost_from_any_text(text: str) -> None:
    sentences = split_sentences(text)

    assert text.split() == " ".join(s.text for s in sentences).split()


@settings(max_examples=100)
@given(text=prose())
def test_every_sentence_is_non_empty_with_single_spaces(text: str) -> None:
    for sentence in split_sentences(text):
        assert " ".join(sentence.text.split()) == sentence.text
        assert sentence.text


@settings(max_examples=100)
@given(text=prose())
def test_only_the_last_sentence_ends_the_text(text: str) -> None:
    boundaries = [s.boundary for s in split_sentences(text)]

    assert "end" == boundaries[-1]
    assert "end" not in boundaries[:-1]


@settings(max_examples=100)
@given(text=prose())
def test_no_sentence_spans_a_blank_line(text: str) -> None:
    paragraphs = [p.split() for p in text.split("\n\n") if p.split()]
    sentences = split_sentences(text)

    closed: list[list[str]] = [[]]
    for sentence in sentences:
        closed[-1].extend(sentence.text.split())
        if sentence.boundary in ("paragraph", "end"):
            closed.append([])
    assert paragraphs == closed[:-1]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert [] == split_sentences(text)


def test_text_without_a_final_stop_is_one_sentence_ending_the_text() -> None:
    assert [Sentence("Hello world", "end")] == split_sentences("Hello world")


def test_abbreviation_and_decimal_do_not_end_a_sentence() -> None:
    expected = [
        Sentence("Dr. Smith paid $3.50 for it.", "sentence"),
        Sentence("Then he left.", "end"),
    ]

    assert expected == split_sentences("Dr. Smith paid $3.50 for it. Then he left.")


def test_e_g_does_not_end_a_sentence() -> None:
    expected = [Sentence("Bring fruit, e.g. apples and pears.", "end")]

    assert expected == split_sentences("Bring fruit, e.g. apples and pears.")


def test_initials_do_not_end_a_sentence() -> None:
    expected = [Sentence("J. R. R. Tolkien wrote it.", "end")]

    assert expected == split_sentences("J. R. R. Tolkien wrote it.")


@pytest.mark.parametrize("stop", ["!", "?", "…", "?!", '."', ".)", ".”"])
def test_other_enders_and_closing_quotes_end_a_sentence(stop: str) -> None:
    expected = [Sentence(f"Stop{stop}", "sentence"), Sentence("Go.", "end")]

    assert expected == split_sentences(f"Stop{stop} Go.")


def test_a_stop_without_a_following_space_does_not_split() -> None:
    assert [Sentence("See example.com now.", "end")] == split_sentences("See example.com now.")


def test_cjk_enders_split_without_spaces() -> None:
    expected = [Sentence("你好。", "sentence"), Sentence("再见。", "end")]

    assert expected == split_sentences("你好。再见。")


def test_a_single_line_break_reads_on() -> None:
    assert [Sentence("one two three", "end")] == split_sentences("one two\nthree")


def test_a_blank_line_ends_a_paragraph() -> None:
    expected = [Sentence("One", "paragraph"), Sentence("Two.", "end")]

    assert expected == split_sentences("One\n\nTwo.")


def test_a_stop_before_a_blank_line_is_a_paragraph_boundary() -> None:
    expected = [Sentence("One.", "paragraph"), Sentence("Two.", "end")]

    assert expected == split_sentences("One.\n\nTwo.")


@pytest.mark.parametrize("ending", ["Dr.", "e.g.", "Plan A."])
def test_an_abbreviation_before_a_blank_line_still_ends_the_paragraph(ending: str) -> None:
    expected = [Sentence(f"I mean {ending}", "paragraph"), Sentence("Next.", "end")]

    assert expected == split_sentences(f"I mean {ending}\n\nNext.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith paid $3.50.", ["Dr. Smith paid $3.50."]),
        ("He said “Stop.” Then he left.", ["He said “Stop.”", "Then he left."]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("I got an A. Then I left.", ["I got an A.", "Then I left."]),
        ("I got an A. I left.", ["I got an A.", "I left."]),
        ("John F. Kennedy spoke. He left.", ["John F. Kennedy spoke.", "He left."]),
        ("The U.S. Army came. It left.", ["The U.S. Army came.", "It left."]),
        ("We moved to the U.S. The rain came.", ["We moved to the U.S.", "The rain came."]),
        ("Meet at 5 p.m. on Friday. Eat.", ["Meet at 5 p.m. on Friday.", "Eat."]),
        ("Meet at 5 p.m. John comes.", ["Meet at 5 p.m.", "John comes."]),
        ("See No. 5 in the list.", ["See No. 5 in the list."]),
        ("He said no. Then he left.", ["He said no.", "Then he left."]),
        ("Pears, etc. Then more.", ["Pears, etc.", "Then more."]),
        ("Pears, etc. and more.", ["Pears, etc. and more."]),
        ("It costs approx. 5 dollars.", ["It costs approx. 5 dollars."]),
        ("Born Jan. 5, 1990 in Ohio.", ["Born Jan. 5, 1990 in Ohio."]),
        ("Mrs. Jones met Prof. Lee at St. Paul.", ["Mrs. Jones met Prof. Lee at St. Paul."]),
        ("Smith vs. Jones was heard.", ["Smith vs. Jones was heard."]),
        ("Smith et al. showed it. Yes.", ["Smith et al. showed it.", "Yes."]),
        ("Acme Inc. Announced it.", ["Acme Inc.", "Announced it."]),
        ("Version v1.2 is out. Go.", ["Version v1.2 is out.", "Go."]),
        ("Pi is 3.14159 or so.", ["Pi is 3.14159 or so."]),
        ("Wait... what? Really.", ["Wait... what?", "Really."]),
        ("Wait… what? Really.", ["Wait… what?", "Really."]),
        ("It ended... The next day came.", ["It ended...", "The next day came."]),
        ("“Stop!” he said. Then he ran.", ["“Stop!” he said.", "Then he ran."]),
        ('"Why?" she asked.', ['"Why?" she asked.']),
        ("(See above.) Then go.", ["(See above.)", "Then go."]),
        ("one more rep. Then rest.", ["one more rep.", "Then rest."]),
    ],
)
def test_abbreviations_initials_decimals_quotes_and_ellipses(
    text: str, expected: list[str]
) -> None:
    assert expected == [s.text for s in split_sentences(text)]
