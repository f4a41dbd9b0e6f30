"""Properties of `litetts.text.normalize` on any input: total, idempotent, conservative."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.strategies import any_text

from litetts.text import normalize
from litetts.text.english.abbreviations import ABBREVIATIONS

WRITTEN_PIECES = (
    "1/2", "2 1/2", "$2.50", "£4.20", "€3", "¥500", "$2.5 million", "3:30 pm", "14:05",
    "10am", "9am-5pm", "1999", "in 1999", "the 1990s", "'90s", "21st", "-5", "+3",
    "1,000,000", "3.14", ".5", "2.5kg", "50%", "-5°C", "1/15/2024", "2024-01-15",
    "January 1, 2024", "1 January 2024", "(555) 123-4567", "+44 20 7946 0958", "Dr.",
    "St.", "Mr", "e.g.", "etc.", "vs.", "FBI", "NASA", "CEOs", "A", "I", "II", "IV",
    "Chapter", "Henry", "World War", "https://example.com/a?b=1", "jane@example.org",
    "example.com", "192.168.1.1", "v1.2.3", "Python", "3.11", "won", "3-2", "#1", "&",
    "+", "=", "@", "%", "x", "×", "~", "<", "½", "2¾", "—", "–", "-", ".", ",", ":", "/",
    "'", "’", "0", "007", "9", "12345678901234567890", "AD", "BC", "No.", "pp.", "Main",
    "Louis", "XIV", "MIX", "A- M", "P M",
)  # fmt: skip
"""Pieces that trigger the rules, to be glued together with spaces or nothing."""

written = st.lists(
    st.one_of(st.sampled_from(WRITTEN_PIECES), st.text("0123456789.,:-/ $%", max_size=8)),
    max_size=12,
).flatmap(
    lambda pieces: st.lists(
        st.sampled_from(("", " ", " ", ", ", ". ", "\n")),
        min_size=len(pieces),
        max_size=len(pieces),
    ).map(lambda gaps: "".join(gap + piece for gap, piece in zip(gaps, pieces, strict=True)))
)
"""Text dense with numbers, symbols and abbreviations."""

lowercase_words = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8).filter(
        lambda word: word not in ABBREVIATIONS
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=500)
@given(text=any_text)
def test_normalize_never_raises_on_any_string(text: str) -> None:
    assert isinstance(normalize(text), str)


@settings(max_examples=500)
@given(text=any_text)
def test_normalize_is_idempotent_on_any_string(text: str) -> None:
    once = normalize(text)

    assert once == normalize(once)


@settings(max_examples=1000)
@given(text=written)
def test_normalize_is_idempotent_on_text_full_of_numbers_and_symbols(text: str) -> None:
    once = normalize(text)

    assert once == normalize(once)


@settings(max_examples=500)
@given(text=written)
def test_normalize_leaves_no_ascii_digit(text: str) -> None:
    assert set() == set(normalize(text)) & set("0123456789")


@settings(max_examples=300)
@given(text=written, lang=st.sampled_from(("en-gb", "b", "en", "a", "fr", "xx")))
def test_normalize_is_idempotent_in_every_language(text: str, lang: str) -> None:
    once = normalize(text, lang)

    assert once == normalize(once, lang)


@settings(max_examples=500)
@given(
    words=lowercase_words,
    marks=st.lists(st.sampled_from(("", "", "", ".", ",", "!", "?")), min_size=30, max_size=30),
)
def test_normalize_leaves_plain_lowercase_prose_unchanged(
    words: list[str], marks: list[str]
) -> None:
    text = " ".join(word + mark for word, mark in zip(words, marks, strict=False))
    assume(text == text.strip())

    assert text == normalize(text)


@settings(max_examples=300)
@given(text=st.text("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", min_size=1, max_size=12))
def test_normalize_leaves_symbols_only_strings_unchanged(text: str) -> None:
    assume(" " not in text)

    assert text == normalize(text)
