"""Tests for `litetts.kokoro.Vocabulary`: phoneme symbols -> Kokoro token ids."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from litetts.kokoro import Vocabulary

VOCABULARY = Vocabulary.default()
phoneme_strings = st.text(st.one_of(st.sampled_from(sorted(VOCABULARY.table)), st.characters()))
"""Strings mixing known phoneme symbols with arbitrary characters."""


def test_default_has_114_symbols() -> None:
    assert 114 == len(VOCABULARY)


def test_default_ids_are_distinct_and_leave_zero_for_the_pad() -> None:
    ids = sorted(VOCABULARY.table.values())

    assert (114, 1) == (len(set(ids)), ids[0])


def test_default_is_loaded_once() -> None:
    assert Vocabulary.default() is Vocabulary.default()


def test_encode_maps_symbols_to_ids() -> None:
    assert [4, 3] == VOCABULARY.encode(".,")


def test_encode_drops_unknown_symbols() -> None:
    vocabulary = Vocabulary({"a": 1, "b": 2})

    assert [1, 2, 1] == vocabulary.encode("a#bXa")


def test_filter_keeps_only_known_symbols() -> None:
    vocabulary = Vocabulary({"a": 1, "b": 2})

    assert "aba" == vocabulary.filter("a#bXa")


def test_contains_knows_symbols() -> None:
    assert ("." in VOCABULARY, "#" in VOCABULARY) == (True, False)


def test_the_table_cannot_be_changed_through_the_vocabulary() -> None:
    source = {"a": 1}
    vocabulary = Vocabulary(source)
    source["b"] = 2

    assert {"a": 1} == dict(vocabulary.table)


@settings(max_examples=200)
@given(phonemes=phoneme_strings)
def test_filter_is_idempotent_and_keeps_only_known_symbols(phonemes: str) -> None:
    kept = VOCABULARY.filter(phonemes)

    assert kept == VOCABULARY.filter(kept)
    assert set() == {p for p in kept if p not in VOCABULARY}


@settings(max_examples=200)
@given(phonemes=phoneme_strings)
def test_encode_of_text_equals_encode_of_its_filtered_text(phonemes: str) -> None:
    assert VOCABULARY.encode(VOCABULARY.filter(phonemes)) == VOCABULARY.encode(phonemes)


@settings(max_examples=200)
@given(phonemes=phoneme_strings)
def test_encode_round_trips_the_filtered_symbols(phonemes: str) -> None:
    symbols = {token: symbol for symbol, token in VOCABULARY.table.items()}

    decoded = "".join(symbols[t] for t in VOCABULARY.encode(phonemes))

    assert VOCABULARY.filter(phonemes) == decoded
