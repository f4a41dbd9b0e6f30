"""Tests for `litetts.text.parse_markup` and `compose`: pauses, overrides, plain brackets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import any_text, prose

from litetts.errors import InvalidInputError
from litetts.kokoro import Vocabulary
from litetts.text import Override, Pause, Plain, Segment, parse_markup
from litetts.text.chunking import chunk_text
from litetts.text.markup import (
    MAX_OVERRIDE_PHONEMES,
    Passage,
    compose,
    kokoro_phonemes,
    possessive,
)


def identity(text: str) -> str:
    return text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello [pause:0.5s] world", [Plain("Hello "), Pause(0.5), Plain(" world")]),
        ("[pause:500ms]", [Pause(0.5)]),
        ("[pause:1s]Hi", [Pause(1.0), Plain("Hi")]),
        ("Hi[pause:2s]", [Plain("Hi"), Pause(2.0)]),
        ("[pause:10s]", [Pause(10.0)]),
        ("[pause:.25s]", [Pause(0.25)]),
        ("[pause:1.s]", [Pause(1.0)]),
        ("[pause: 0.3 s ]", [Pause(0.3)]),
        ("[PAUSE:250MS]", [Pause(0.25)]),
        ("[pause:1ms]", [Pause(0.001)]),
        ("[pause:1s][pause:2s]", [Pause(1.0), Pause(2.0)]),
    ],
)
def test_pauses_parse_in_seconds_and_milliseconds(text: str, expected: list[Segment]) -> None:
    assert expected == parse_markup(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A ripe [tomato](/təmˈɑːtQ/).",
            [Plain("A ripe "), Override("tomato", "təmˈɑːtQ"), Plain(".")],
        ),
        ("[New York](/nˌu jˈɔɹk/)", [Override("New York", "nˌu jˈɔɹk")]),
        ("[  spaced   out ](/spˈAst/)", [Override("spaced out", "spˈAst")]),
        (
            "[a](/A/)[b](/bˈi/)",
            [Override("a", "A"), Override("b", "bˈi")],
        ),
    ],
)
def test_overrides_keep_the_words_and_take_the_phonemes(text: str, expected: list[Segment]) -> None:
    assert expected == parse_markup(text)


@pytest.mark.parametrize(
    "text",
    [
        "[citation needed]",
        "see [1] and [2]",
        "a [b] c",
        "[pause]",
        "[paused] for effect",
        "[link](http://example.com)",
        "[docs](/path/to/page)",
        "[x](not ipa)",
        "[]",
        "[](/A/)",
        "unbalanced ] and [ brackets",
        "(/təmˈɑːtQ/) alone",
    ],
)
def test_text_that_merely_holds_brackets_is_plain(text: str) -> None:
    assert [Plain(text)] == parse_markup(text)


def test_an_override_after_a_stray_bracket_still_parses() -> None:
    expected = [Plain("nested ["), Override("a", "A")]

    assert expected == parse_markup("nested [[a](/A/)")


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("[pause:abc]", 0),
        ("Wait [pause:-1s] now", 5),
        ("Wait [pause:99s] now", 5),
        ("[pause:0s]", 0),
        ("[pause:0ms]", 0),
        ("[pause:10.5s]", 0),
        ("[pause:1]", 0),
        ("[pause:1h]", 0),
        ("[pause:]", 0),
        ("ok [pause:1s", 3),
        ("ok [pause:1s\nnext] line", 3),
        ("Hi. [pause:1s] [pause:1 s 2s]", 15),
    ],
)
def test_a_malformed_pause_is_rejected_with_its_offset(text: str, offset: int) -> None:
    with pytest.raises(InvalidInputError, match=rf"at offset {offset}\b") as info:
        parse_markup(text)

    assert "input" == info.value.field
    assert "[pause:0.5s]" in str(info.value)


def test_a_pause_out_of_range_says_what_is_allowed() -> None:
    with pytest.raises(InvalidInputError, match=r"more than 0 and at most 10 seconds"):
        parse_markup("[pause:99s]")


def test_pauses_adding_up_to_too_much_are_rejected() -> None:
    with pytest.raises(InvalidInputError, match=r"offset 660\b.*600"):
        parse_markup("[pause:10s]" * 61)


@pytest.mark.parametrize(
    ("text", "offset"),
    [("[x](//)", 0), ("say [x](/###/)", 4), ("say [x](/123/)", 4), ("[ ](/A/)", 0)],
)
def test_an_override_without_known_phonemes_is_rejected(text: str, offset: int) -> None:
    with pytest.raises(InvalidInputError, match=rf"offset {offset}\b") as info:
        parse_markup(text, vocabulary=Vocabulary.default())

    assert "input" == info.value.field


def test_an_override_longer_than_the_limit_is_rejected() -> None:
    ipa = "a" * (MAX_OVERRIDE_PHONEMES + 1)

    with pytest.raises(InvalidInputError, match=rf"the most is {MAX_OVERRIDE_PHONEMES}"):
        parse_markup(f"[long](/{ipa}/)")


def test_symbols_outside_the_vocabulary_are_dropped_from_an_override() -> None:
    assert [Override("hi", "hˈI")] == parse_markup("[hi](/h#ˈI§/)", vocabulary=Vocabulary.default())


def test_without_a_vocabulary_an_override_keeps_every_symbol() -> None:
    assert [Override("hi", "h#ˈI§")] == parse_markup("[hi](/h#ˈI§/)")


@pytest.mark.parametrize(
    ("ipa", "expected"),
    [
        ("təˈmeɪtoʊ", "təˈmAtO"),
        ("ˈhaʊs", "ˈhWs"),
        ("ˈtʃɝtʃ", "ˈʧɜɹʧ"),
        ("ˈd͡ʒæm", "ˈʤæm"),
        ("'gəʊ", "ˈɡQ"),
        ("to.ˈma.to", "toˈmato"),
        ("ˈbɔɪ", "ˈbY"),
        ("ˈaɪ", "ˈI"),
        ("a:", "aː"),
        ("  two   words ", "two words"),
    ],
)
def test_common_ipa_spellings_become_kokoro_symbols(ipa: str, expected: str) -> None:
    assert expected == kokoro_phonemes(ipa)


@settings(max_examples=300)
@given(text=any_text)
def test_text_without_tags_never_raises_and_comes_back_whole(text: str) -> None:
    if "[pause" in text.lower() or "](/" in text:
        return

    segments = parse_markup(text)

    assert ([Plain(text)] if text else []) == segments


@settings(max_examples=200)
@given(
    pieces=st.lists(
        st.one_of(
            st.text(alphabet="ab [](/):", max_size=8),
            st.sampled_from(["[pause:1s]", "[x](/A/)", "[pause:2s]", "[pause:x]"]),
        ),
        max_size=8,
    )
)
def test_parse_never_raises_anything_but_invalid_input(pieces: list[str]) -> None:
    try:
        segments = parse_markup("".join(pieces))
    except InvalidInputError:
        return

    assert all(isinstance(s, Plain | Pause | Override) for s in segments)


def upper(text: str) -> str:
    return text.upper()


def test_compose_normalises_plain_text_only() -> None:
    segments = parse_markup("say [tomato](/təmˈAɾO/) twice")

    (passage,) = compose(segments, upper)

    assert isinstance(passage, Passage)
    assert "SAY tomato TWICE" == passage.show(passage.text)


def test_compose_splits_passages_at_pauses_and_merges_adjacent_pauses() -> None:
    segments = parse_markup("one [pause:1s] [pause:500ms] two [pause:1s]")

    parts = compose(segments, identity)

    assert [Passage("one"), Pause(1.5), Passage("two"), Pause(1.0)] == parts


def test_compose_keeps_a_leading_pause_and_drops_empty_passages() -> None:
    assert [Pause(0.5), Passage("hi")] == compose(parse_markup(" [pause:0.5s]  hi "), identity)


def test_compose_keeps_a_paragraph_break_next_to_an_override() -> None:
    (passage,) = compose(parse_markup("One.\n\n[two](/tˈu/) three."), identity)

    assert isinstance(passage, Passage)
    assert "One.\n\ntwo three." == passage.show(passage.text)


def test_compose_drops_private_use_characters_that_would_look_like_placeholders() -> None:
    (passage,) = compose([Plain("a \ue000\ue010\ue001 b")], identity)

    assert isinstance(passage, Passage)
    assert "a  b" == passage.text


def test_an_override_is_one_word_to_the_chunker() -> None:
    (passage,) = compose(parse_markup("[New York City](/nˌu jˈɔɹk sˈɪɾi/) is big."), identity)
    assert isinstance(passage, Passage)

    assert 3 == len(passage.text.split())


def test_the_passage_phonemizer_puts_pinned_phonemes_in_place() -> None:
    (passage,) = compose(parse_markup("A [tomato](/təmˈɑːtQ/)'s skin, [red](/ɹˈɛd/)."), identity)
    assert isinstance(passage, Passage)

    phonemize = passage.phonemizer(str.lower)

    assert "a təmˈɑːtQz skin, ɹˈɛd." == phonemize(passage.text)


def test_a_passage_without_overrides_uses_the_phonemizer_as_is() -> None:
    assert str.lower is Passage("Hello").phonemizer(str.lower)


@settings(max_examples=60, deadline=None)
@given(text=prose(max_words=120), data=st.data())
def test_chunks_of_a_passage_keep_every_override_whole(text: str, data: st.DataObject) -> None:
    words = text.split(" ")
    marked = [f"[{w}](/ˈOvəɹ/)" if w.isalpha() and data.draw(st.booleans()) else w for w in words]
    (passage,) = compose(parse_markup(" ".join(marked)), identity)
    assert isinstance(passage, Passage)
    phonemize = passage.phonemizer(identity)

    chunks = list(chunk_text(passage.text, phonemize, max_tokens=60, first_tokens=10))

    assert text.split() == " ".join(passage.show(c.text) for c in chunks).split()
    assert [] == [c for c in chunks if c.tokens > 60]
    expected = [phonemize(c.text) for c in chunks]
    assert expected == [c.phonemes for c in chunks]
    assert not any(re.search("[\ue000-\ue01f]", c.phonemes) for c in chunks)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en-us", "wˈɪnz hˈWs"), ("en-gb", "wˈɪnz hˈWs"), ("es", "wˈɪn's hˈWs")],
)
def test_an_english_possessive_after_an_override_joins_it(lang: str, expected: str) -> None:
    (passage,) = compose(parse_markup("[Nguyen](/wˈɪn/)'s [house](/hˈWs/)"), identity, lang=lang)
    assert isinstance(passage, Passage)

    assert expected == passage.phonemizer(identity)(passage.text)


@pytest.mark.parametrize(
    ("phonemes", "lang", "expected"),
    [
        ("mˈæks", "en-us", "ᵻz"),
        ("mˈæks", "en-gb", "ɪz"),
        ("bˈɑk", "en-us", "s"),
        ("kˈOkəɹO", "en-us", "z"),
        ("ʧˈɜɹʧ", "en-gb", "ɪz"),
    ],
)
def test_possessive_sounds_follow_the_last_sound(phonemes: str, lang: str, expected: str) -> None:
    assert expected == possessive(phonemes, lang)
