"""Tests for `litetts.text.chunk_text`: model-sized, sentence-aligned chunks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import MAX_WORD_CHARS, prose

from litetts.text import PAUSES, Chunk, chunk_text

Phonemize = Callable[[str], str]


def identity(text: str) -> str:
    """One character, one token."""
    return text


def doubling(text: str) -> str:
    """Two tokens for every character."""
    return "".join(ch * 2 for ch in text)


phonemizers = st.sampled_from([identity, doubling])


@st.composite
def limits(draw: st.DrawFn) -> tuple[int, int, int]:
    """(max_tokens, first_tokens, target_tokens), where no word alone exceeds max_tokens."""
    max_tokens = draw(st.integers(2 * MAX_WORD_CHARS, 510))
    first_tokens = draw(st.integers(1, max_tokens))
    target_tokens = draw(st.integers(first_tokens, max_tokens))
    return max_tokens, first_tokens, target_tokens


def chunks_of(text: str, phonemize: Phonemize, lims: tuple[int, int, int]) -> list[Chunk]:
    max_tokens, first_tokens, target_tokens = lims
    return list(
        chunk_text(
            text,
            phonemize,
            max_tokens=max_tokens,
            first_tokens=first_tokens,
            target_tokens=target_tokens,
        )
    )


def paragraph_of_each_word(text: str) -> list[int]:
    return [index for index, para in enumerate(text.split("\n\n")) for _ in para.split()]


chunk_settings = settings(max_examples=60, deadline=None)


@chunk_settings
@given(text=prose(), phonemize=phonemizers, lims=limits())
def test_no_chunk_exceeds_max_tokens(
    text: str, phonemize: Phonemize, lims: tuple[int, int, int]
) -> None:
    max_tokens = lims[0]

    assert [] == [c for c in chunks_of(text, phonemize, lims) if c.tokens > max_tokens]


@chunk_settings
@given(text=prose(), phonemize=phonemizers, lims=limits())
def test_chunks_reassemble_the_words_in_order(
    text: str, phonemize: Phonemize, lims: tuple[int, int, int]
) -> None:
    chunks = chunks_of(text, phonemize, lims)

    assert text.split() == " ".join(c.text for c in chunks).split()


@chunk_settings
@given(text=prose(), phonemize=phonemizers, lims=limits())
def test_no_word_is_split(text: str, phonemize: Phonemize, lims: tuple[int, int, int]) -> None:
    words = text.split()
    position = 0
    for chunk in chunks_of(text, phonemize, lims):
        chunk_words = chunk.text.split()
        assert words[position : position + len(chunk_words)] == chunk_words
        position += len(chunk_words)


@chunk_settings
@given(text=prose(), phonemize=phonemizers, lims=limits())
def test_no_chunk_spans_a_paragraph_break(
    text: str, phonemize: Phonemize, lims: tuple[int, int, int]
) -> None:
    paragraph = paragraph_of_each_word(text)
    position = 0
    for chunk in chunks_of(text, phonemize, lims):
        count = len(chunk.text.split())
        assert paragraph[position] == paragraph[position + count - 1]
        position += count


@chunk_settings
@given(text=prose(), phonemize=phonemizers, lims=limits())
def test_first_chunk_respects_first_tokens_when_the_first_word_fits(
    text: str, phonemize: Phonemize, lims: tuple[int, int, int]
) -> None:
    first_tokens = lims[1]
    first_word = text.split(maxsplit=1)[0]
    if len(phonemize(first_word)) > first_tokens:
        return

    first = chunks_of(text, phonemize, lims)[0]

    assert first.tokens <= first_tokens


@chunk_settings
@given(text=prose(), lims=limits())
def test_chunk_phonemes_are_its_text_under_an_identity_phonemizer(
    text: str, lims: tuple[int, int, int]
) -> None:
    chunks = chunks_of(text, identity, lims)

    assert [c.text for c in chunks] == [c.phonemes for c in chunks]


@chunk_settings
@given(text=prose(), phonemize=phonemizers, lims=limits())
def test_only_the_last_chunk_ends_the_text(
    text: str, phonemize: Phonemize, lims: tuple[int, int, int]
) -> None:
    pauses = [c.pause for c in chunks_of(text, phonemize, lims)]

    assert "end" == pauses[-1]
    assert "end" not in pauses[:-1]


def test_a_word_longer_than_max_tokens_is_cut_by_characters() -> None:
    word = "abcdefghijklmnopqrstuvwxyz" * 3

    chunks = list(chunk_text(word, identity, max_tokens=10))

    assert word == "".join(c.text for c in chunks)
    assert [] == [c for c in chunks if c.tokens > 10]


def test_a_long_word_between_short_ones_drops_nothing() -> None:
    text = "short " + "x" * 45 + " words."

    chunks = list(chunk_text(text, doubling, max_tokens=20))

    assert "shortxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxwords." == "".join(
        c.text.replace(" ", "") for c in chunks
    )
    assert [] == [c for c in chunks if c.tokens > 20]


def test_a_short_text_is_one_chunk_ending_the_text() -> None:
    expected = [Chunk("Hello there.", "Hello there.", "end")]

    assert expected == list(chunk_text("Hello there.", identity))


def test_empty_text_gives_no_chunks() -> None:
    assert [] == list(chunk_text("", identity))


def test_a_full_stop_ends_a_chunk_with_a_sentence_pause() -> None:
    chunks = list(chunk_text("One two. Three four.", identity, max_tokens=12, first_tokens=12))

    assert [("One two.", "sentence"), ("Three four.", "end")] == [(c.text, c.pause) for c in chunks]


def test_a_cut_at_a_comma_gives_a_clause_pause() -> None:
    text = "Go. aaaa bbbb cccc dddd, eeee ffff gggg hhhh."

    chunks = list(chunk_text(text, identity, max_tokens=30, first_tokens=3))

    expected = [
        ("Go.", "sentence"),
        ("aaaa bbbb cccc dddd,", "clause"),
        ("eeee ffff gggg hhhh.", "end"),
    ]
    assert expected == [(c.text, c.pause) for c in chunks]


def test_a_cut_between_plain_words_gives_a_word_pause() -> None:
    text = "Go. aaaa bbbb cccc dddd eeee ffff gggg hhhh."

    chunks = list(chunk_text(text, identity, max_tokens=30, first_tokens=3))

    expected = [
        ("Go.", "sentence"),
        ("aaaa bbbb cccc dddd", "word"),
        ("eeee ffff gggg hhhh.", "end"),
    ]
    assert expected == [(c.text, c.pause) for c in chunks]


def test_the_first_chunk_stops_at_a_clause_end_past_half_its_budget() -> None:
    text = "aaaa bbbb cccc dddd, eeee ffff gggg hhhh."

    first = next(chunk_text(text, identity, max_tokens=30, first_tokens=30))

    assert ("aaaa bbbb cccc dddd,", "clause") == (first.text, first.pause)


def test_a_blank_line_ends_a_chunk_with_a_paragraph_pause() -> None:
    chunks = list(chunk_text("One two.\n\nThree four.", identity))

    assert [("One two.", "paragraph"), ("Three four.", "end")] == [
        (c.text, c.pause) for c in chunks
    ]


def test_sentences_that_fit_are_packed_into_one_chunk() -> None:
    chunks = list(chunk_text("One. Two. Three.", identity, first_tokens=100))

    assert [Chunk("One. Two. Three.", "One. Two. Three.", "end")] == chunks


def test_pause_seconds_follow_the_pause_table() -> None:
    assert PAUSES["clause"] == Chunk("a,", "a,", "clause").pause_seconds


def test_a_long_first_sentence_gives_a_short_first_chunk() -> None:
    text = " ".join(f"word{i}" for i in range(40)) + "."

    first = next(chunk_text(text, identity, first_tokens=20))

    assert "word0 word1 word2" == first.text


def test_chunking_is_lazy() -> None:
    sentences = [f"Sentence number s{i} is here." for i in range(50)]
    seen: list[str] = []

    def counting(text: str) -> str:
        seen.append(text)
        return text

    first = next(chunk_text(" ".join(sentences), counting, first_tokens=30, target_tokens=60))

    assert sentences[0] == first.text
    assert [] == [s for s in sentences[3:] if any(s in text for text in seen)]


def test_rejects_a_non_positive_max_tokens() -> None:
    with pytest.raises(ValueError, match="max_tokens"):
        next(chunk_text("Hello.", identity, max_tokens=0))


def test_chunks_follow_sentences_not_abbreviations() -> None:
    text = "Dr. Smith paid $3.50. Then he left."

    chunks = list(chunk_text(text, identity, max_tokens=25, first_tokens=25, target_tokens=25))

    assert [("Dr. Smith paid $3.50.", "sentence"), ("Then he left.", "end")] == [
        (c.text, c.pause) for c in chunks
    ]


def test_a_word_of_private_use_characters_is_kept_whole() -> None:
    placeholder = "\ue000\ue011\ue001"
    text = f"one {placeholder} two, three four five six."

    chunks = list(chunk_text(text, identity, max_tokens=12, first_tokens=4))

    assert [] == [c for c in chunks if "\ue000" in c.text and placeholder not in c.text]
    assert text.split() == " ".join(c.text for c in chunks).split()
