"""Tests for `litetts.text.Lexicon`: matching, file formats, errors and the built-in list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from tests.strategies import any_text

from litetts.errors import InvalidInputError
from litetts.kokoro.vocabulary import Vocabulary
from litetts.text import Entry, Lexicon, Override, Pause, Plain, Segment

WORDS = Lexicon(
    [
        Entry("Kokoro", "kˈOkəɹO"),
        Entry("Kokoro", "kˈQkəɹQ", "en-gb"),
        Entry("New York", "nˌu jˈɔɹk"),
        Entry("New York City", "nˌu jˈɔɹk sˈɪɾi"),
        Entry("Max", "mˈæks"),
        Entry("Bach", "bˈɑk"),
        Entry("C++", "sˌi plˌʌs plˈʌs"),
    ]
)


@pytest.fixture
def lexicon() -> Lexicon:
    return WORDS


def hits(lexicon: Lexicon, text: str, lang: str = "en-us") -> list[str]:
    return [s.text for s in lexicon.apply([Plain(text)], lang) if isinstance(s, Override)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kokoro speaks.", ["Kokoro"]),
        ("kokoro and KOKORO", ["kokoro", "KOKORO"]),
        ("“Kokoro,” she said", ["Kokoro"]),
        ("a Kokoro-based voice", ["Kokoro"]),
        ("kokoroish", []),
        ("Kokoros", []),
        ("TheKokoro", []),
        ("Kokoro2", []),
        ("Kokoro'd", []),
        ("Kokoro's voice", ["Kokoro's"]),
        ("Kokoro’s voice", ["Kokoro’s"]),
        ("New York City at night", ["New York City"]),
        ("New York, then", ["New York"]),
        ("New  York Cityscape", ["New  York"]),
        ("new\nyork", ["new\nyork"]),
        ("I write C++ daily", ["C++"]),
    ],
)
def test_entries_match_case_insensitively_on_word_boundaries(
    lexicon: Lexicon, text: str, expected: list[str]
) -> None:
    assert expected == hits(lexicon, text)


def test_a_hit_becomes_an_override_between_plain_pieces(lexicon: Lexicon) -> None:
    expected = [Plain("I like "), Override("Kokoro", "kˈOkəɹO"), Plain(".")]

    assert expected == lexicon.apply([Plain("I like Kokoro.")], "en-us")


@pytest.mark.parametrize(
    ("text", "suffix"),
    [("Kokoro's", "z"), ("Max's", "ᵻz"), ("Bach's", "s")],
)
def test_a_possessive_is_spoken_as_english_does(lexicon: Lexicon, text: str, suffix: str) -> None:
    (override,) = lexicon.apply([Plain(text)], "en-us")
    base = lexicon.lookup(text[:-2], "en-us")

    assert isinstance(override, Override)
    assert f"{base}{suffix}" == override.phonemes


def test_a_language_specific_entry_wins_for_its_language(lexicon: Lexicon) -> None:
    assert ("kˈOkəɹO", "kˈQkəɹQ") == (
        lexicon.lookup("kokoro", "en-us"),
        lexicon.lookup("KOKORO", "en-gb"),
    )


def test_other_languages_pass_through(lexicon: Lexicon) -> None:
    segments: list[Segment] = [Plain("Kokoro habla.")]

    assert segments == lexicon.apply(segments, "es")


def test_overrides_and_pauses_are_left_alone(lexicon: Lexicon) -> None:
    segments: list[Segment] = [Override("Kokoro", "A"), Pause(1.0)]

    assert segments == lexicon.apply(segments, "en-us")


def test_an_empty_lexicon_changes_nothing() -> None:
    assert [Plain("Kokoro")] == Lexicon().apply([Plain("Kokoro")], "en-us")


@settings(max_examples=200)
@given(text=any_text)
def test_apply_keeps_every_character(text: str) -> None:
    if not text:
        return

    segments = WORDS.apply([Plain(text)], "en-us")

    assert text == "".join(s.text for s in segments if isinstance(s, Plain | Override))


def test_merged_puts_the_other_lexicon_on_top(lexicon: Lexicon) -> None:
    user = Lexicon([Entry("kokoro", "kəkˈɔɹO")])

    merged = lexicon.merged(user)

    assert ("kəkˈɔɹO", "kəkˈɔɹO", "nˌu jˈɔɹk") == (
        merged.lookup("Kokoro", "en-us"),
        merged.lookup("Kokoro", "en-gb"),
        merged.lookup("new york", "en-us"),
    )


def test_loads_a_tsv_file_with_comments(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text(
        "# my words\n\nKokoro\tkˈOkəɹO\n  # indented comment\ntomato\ttəmˈɑːtQ\ten-gb\n",
        encoding="utf-8",
    )

    lexicon = Lexicon.load(path)

    assert ("kˈOkəɹO", None, "təmˈɑːtQ") == (
        lexicon.lookup("kokoro", "en-gb"),
        lexicon.lookup("tomato", "en-us"),
        lexicon.lookup("tomato", "en-gb"),
    )


def test_loads_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "words.json"
    data = {"Kokoro": "kˈOkəɹO", "tomato": {"en-us": "təmˈAɾO", "en-gb": "təmˈɑːtQ"}}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    lexicon = Lexicon.load(path)

    assert ("kˈOkəɹO", "təmˈAɾO", "təmˈɑːtQ") == (
        lexicon.lookup("kokoro", "en-us"),
        lexicon.lookup("tomato", "en-us"),
        lexicon.lookup("tomato", "en-gb"),
    )


def test_a_json_object_is_recognised_without_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text('  {"kokoro": "kˈOkəɹO"}', encoding="utf-8")

    assert "kˈOkəɹO" == Lexicon.load(path).lookup("Kokoro", "en-us")


def test_ipa_in_a_file_is_converted_to_kokoro_symbols(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("tomato\ttəˈmeɪtoʊ\n", encoding="utf-8")

    assert "təˈmAtO" == Lexicon.load(path).lookup("tomato", "en-us")


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ("Kokoro\tkˈOkəɹO\nbroken line\n", 2, "expected 'word<TAB>IPA'"),
        ("# c\n\nKokoro\tkˈOkəɹO\tes\n", 3, "not one of en-us, en-gb"),
        ("a\tA\nb\t###\n", 2, "no phonemes"),
        ("a\tA\n\tA\n", 2, "expected"),
        ("a\tA\n!!\tA\n", 2, "letter or digit"),
        ("a\tA\tb\tc\n", 1, "expected"),
    ],
)
def test_a_bad_tsv_line_is_named(tmp_path: Path, content: str, line: int, problem: str) -> None:
    path = tmp_path / "words.tsv"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(InvalidInputError) as info:
        Lexicon.load(path, vocabulary=Vocabulary.default())

    assert "dictionary" == info.value.field
    assert f"{path} line {line}:" in str(info.value)
    assert problem in str(info.value)


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ('{\n  "a": "A",\n  "b": \n}', 4, "not valid JSON"),
        ('{\n  "a": "A",\n  "b": 3\n}', 3, "must map to an IPA string"),
        ('{\n  "a": {"en-au": "A"}\n}', 2, "not one of"),
        ('{\n  "a": "A",\n  "b": ""\n}', 3, "no phonemes"),
    ],
)
def test_a_bad_json_entry_is_named(tmp_path: Path, content: str, line: int, problem: str) -> None:
    path = tmp_path / "words.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(InvalidInputError) as info:
        Lexicon.load(path)

    assert f"{path} line {line}:" in str(info.value)
    assert problem in str(info.value)


def test_a_json_file_that_is_not_an_object_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "words.json"
    path.write_text('["a", "A"]', encoding="utf-8")

    with pytest.raises(InvalidInputError, match="expected an object"):
        Lexicon.load(path)


def test_a_missing_file_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"missing\.tsv") as info:
        Lexicon.load(tmp_path / "missing.tsv")

    assert "dictionary" == info.value.field


def test_a_file_that_is_not_utf8_is_a_dictionary_error(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_bytes(b"caf\xe9\tkafA\n")

    with pytest.raises(InvalidInputError, match="cannot read"):
        Lexicon.load(path)


def test_the_builtin_list_has_at_least_ten_words_in_kokoro_symbols() -> None:
    builtin = Lexicon.builtin()
    vocabulary = Vocabulary.default()

    assert len(builtin) >= 10
    for lang in ("en-us", "en-gb"):
        phonemes = builtin.lookup("Kokoro", lang)
        assert phonemes is not None
        assert phonemes == vocabulary.filter(phonemes)


def test_the_builtin_list_says_kokoro_as_misaki_writes_it() -> None:
    assert "kˈOkəɹO" == Lexicon.builtin().lookup("Kokoro", "en-us")
