"""LiveSegmenter: text pieces -> units to speak, the same however the text is split."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.strategies import prose

from litetts.text import split_sentences
from litetts.text.segmenter import LiveSegmenter, Unit

EXTRAS = ("$3.50", "[pause:1s]", "[tomato](/təmˈɑːtQ/)", "3.5kg", "Dr. Smith", "e.g. this")


def speak(pieces: list[str], *, markdown: bool = False, max_chars: int = 400) -> list[Unit]:
    segmenter = LiveSegmenter(markdown=markdown, max_chars=max_chars)
    units: list[Unit] = []
    for piece in pieces:
        units += segmenter.feed(piece)
    return units + segmenter.flush()


def without_first_closer(text: str, units: list[Unit]) -> str:
    """`text` less the closing quote that a first clause's mark drops (it is silent)."""
    if units and units[0].boundary == "clause" and units[0].text[-1] in ",;:":
        # The unit's words are those of `text` with whitespace collapsed.
        pattern = r"\s+".join(re.escape(word) for word in units[0].text.split())
        head = re.match(rf"\s*{pattern}", text)
        assert head is not None
        if text[head.end() : head.end() + 1] in ("'", '"', "”", "’", ")"):
            return text[: head.end()] + text[head.end() + 1 :]
    return text


def split_at(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *sorted({c % (len(text) + 1) for c in cuts}), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


@st.composite
def live_text(draw: st.DrawFn) -> str:
    """Prose with money, decimals, titles and markup tags mixed in."""
    words = draw(prose(max_words=60)).split(" ")
    for _ in range(draw(st.integers(0, 4))):
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(EXTRAS)))
    return " ".join(words)


@settings(max_examples=200)
@given(live_text(), st.lists(st.integers(0, 10_000), max_size=30), st.booleans())
def test_any_split_speaks_the_same_units_as_the_whole_text(
    text: str, cuts: list[int], markdown: bool
) -> None:
    assert speak([text], markdown=markdown) == speak(split_at(text, cuts), markdown=markdown)


@settings(max_examples=200)
@given(live_text(), st.lists(st.integers(0, 10_000), max_size=30))
@example('Dr. Dr. Dr. A,"\n\nDr.', [])  # the clause mark ends its sentence too
def test_units_are_the_whole_texts_sentences_the_first_maybe_cut_at_a_clause(
    text: str, cuts: list[int]
) -> None:
    units = speak(split_at(text, cuts), max_chars=100_000)
    texts = [" ".join(u.text.split()) for u in units]
    sentences = [s.text for s in split_sentences(without_first_closer(text, units))]
    # A first unit cut at a clause mark is followed by the rest of its sentence, unless
    # the mark ended the sentence too ('A,"' before a paragraph break).
    if len(units) > 1 and units[0].boundary == "clause" and sentences[:1] != texts[:1]:
        texts[:2] = [texts[0] + " " + texts[1]]

    assert sentences == texts


@settings(max_examples=100)
@given(live_text(), st.lists(st.integers(0, 10_000), max_size=30))
def test_no_word_is_lost_or_added(text: str, cuts: list[int]) -> None:
    units = speak(split_at(text, cuts), markdown=True, max_chars=60)

    assert " ".join(u.text for u in units).split() == without_first_closer(text, units).split()


def test_money_split_after_the_stop_is_not_a_sentence_end() -> None:
    segmenter = LiveSegmenter()

    assert [] == segmenter.feed("It costs $3.")
    assert [] == segmenter.feed("50 today")
    assert [Unit("It costs $3.50 today.", "end")] == segmenter.feed(".") + segmenter.flush()


def test_a_title_waits_for_the_next_word() -> None:
    segmenter = LiveSegmenter()

    assert [] == segmenter.feed("Ask Dr.")
    assert [] == segmenter.feed(" Smith")
    assert [] == segmenter.feed(" now. ")
    assert [Unit("Ask Dr. Smith now.", "sentence")] == segmenter.feed("Then")


def test_the_first_unit_ends_at_a_clause_once_four_words_arrived() -> None:
    segmenter = LiveSegmenter()

    assert [] == segmenter.feed("Well, ")  # one word is too few
    assert [] == segmenter.feed("I think th")
    # A mark after a letter is released as it arrives, not one piece later.
    assert [Unit("Well, I think that,", "clause")] == segmenter.feed("at,")
    # Its closing quote, if one follows, is silent and dropped.
    assert [] == segmenter.feed('" once more, and again, ')
    assert "once more, and again, " == segmenter.pending.lstrip()  # later units wait


def test_a_mark_after_a_digit_waits_for_the_next_piece() -> None:
    segmenter = LiveSegmenter()

    assert [] == segmenter.feed("It was about 1,")
    assert [] == segmenter.feed("000 people")
    assert [Unit("It was about 1,000 people,", "clause")] == segmenter.feed(", and")


def test_a_sentence_is_released_when_the_next_word_begins() -> None:
    segmenter = LiveSegmenter()

    assert [] == segmenter.feed("Hello there. ")
    assert [Unit("Hello there.", "sentence")] == segmenter.feed("H")


def test_flush_speaks_the_buffer_now() -> None:
    segmenter = LiveSegmenter()
    segmenter.feed("half a senten")

    assert [Unit("half a senten", "end")] == segmenter.flush()
    assert "" == segmenter.pending


def test_a_cut_never_falls_inside_an_open_tag() -> None:
    segmenter = LiveSegmenter()

    units = segmenter.feed("Say [I am. Here](/aɪ æm. hˈɪɹ/) now. Then [Dr. X. Y. Z")

    assert [Unit("Say [I am. Here](/aɪ æm. hˈɪɹ/) now.", "sentence")] == units
    assert [] == segmenter.feed(" and more. Text")  # "[Dr. X. Y..." may still become a tag


def test_a_long_unit_without_an_end_is_cut_at_a_clause_or_word() -> None:
    words = " ".join(["word"] * 200)
    units = speak([words], max_chars=100)

    assert all(len(u.text) <= 100 for u in units)
    assert " ".join(u.text for u in units) == words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Options\n- apples\n- pears\nDone.", ["Options", "- apples", "- pears", "Done."]),
        ("# Title\nBody text here.", ["# Title", "Body text here."]),
        ("Steps:\n1. Install it now.\n2. Run it.", ["Steps:", "1. Install it now.", "2. Run it."]),
        ("Run:\n```py\nx = 1. Y = 2\n```\nDone.", ["Run:", "Done."]),
        ("Open:\n```\nnever closed. Code here", ["Open:"]),
    ],
)
def test_markdown_lines_and_code_blocks(text: str, expected: list[str]) -> None:
    for pieces in ([text], list(text), re.findall(r"\S*\s*", text)):
        assert expected == [u.text for u in speak(pieces, markdown=True)]


def test_a_code_block_is_dropped_as_it_arrives() -> None:
    segmenter = LiveSegmenter(markdown=True)
    segmenter.feed("Code:\n```\n")
    for _ in range(1000):
        segmenter.feed("x = 1\n")

    assert len(segmenter.pending) < 40
    assert [Unit("After.", "end")] == segmenter.feed("```\nAfter.")[1:] + segmenter.flush()


def test_a_stray_backtick_or_bracket_holds_speech_back_only_so_long() -> None:
    segmenter = LiveSegmenter(markdown=True)

    units = segmenter.feed("Don`t [wait " + "and talk on. " * 60 + "End")

    assert len(units) > 20
    assert len(segmenter.pending) < 400


@pytest.mark.parametrize(
    "text", ["So here we go — and on", "So here we go - and on", "So here we go; and on"]
)
def test_a_dash_or_semicolon_is_a_clause_mark(text: str) -> None:
    assert "clause" == LiveSegmenter().feed(text)[0].boundary


def test_a_hyphen_inside_a_word_is_no_clause_mark() -> None:
    assert [] == LiveSegmenter().feed("A well-known fact is that it works -5 and on")
