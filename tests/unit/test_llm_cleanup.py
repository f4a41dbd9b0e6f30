"""clean_llm_output: a language model's Markdown read as prose; plain prose untouched."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices
from tests.strategies import prose

from litetts import InvalidInputError, Synthesizer
from litetts.config import SynthesisSettings
from litetts.text.llm import clean_llm_output

MARKDOWN_PIECES = (
    "**", "*", "_", "__", "~~", "`", "```", "#", "## ", "- ", "1. ", "> ", "|", "---",
    "[", "]", "(", ")", "https://www.example.com/a?b=1", "<b>", "👍", "\n", " ", "word",
    "[pause:1s]", "[tomato](/təmˈɑːtQ/)", "\\*", ".",
)  # fmt: skip


@settings(max_examples=300)
@given(prose(max_words=80))
def test_plain_prose_is_unchanged(text: str) -> None:
    assert text == clean_llm_output(text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=40).map("".join))
def test_cleaning_twice_changes_nothing_more(text: str) -> None:
    once = clean_llm_output(text)

    assert once == clean_llm_output(once)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=40).map("".join))
def test_litetts_markup_survives_outside_code_blocks(text: str) -> None:
    text = re.sub("`{3,}|~{3,}", "", text)  # a code block is skipped, tags and all
    cleaned = clean_llm_output(text)

    assert text.count("[pause:1s]") == cleaned.count("[pause:1s]")
    assert text.count("[tomato](/təmˈɑːtQ/)") == cleaned.count("[tomato](/təmˈɑːtQ/)")


@pytest.mark.parametrize(
    ("markdown", "spoken"),
    [
        (
            "This is **very** _really_ *quite* ~~not~~ important.",
            "This is very really quite not important.",
        ),
        ("Use `pip install litetts` now.", "Use pip install litetts now."),
        ("## Getting started\nFirst, install it.", "Getting started.\nFirst, install it."),
        ("You need\n- a model\n- [ ] a voice!", "You need.\na model.\na voice!"),
        ("Steps:\n1. Install it\n2) Run it.", "Steps:\n1, Install it.\n2, Run it."),
        ("> Quoted wisdom", "Quoted wisdom."),
        ("Read [the docs](https://example.com/docs) first.", "Read the docs first."),
        ("See ![a cat](cat.png) here.", "See a cat here."),
        ("Go to https://www.example.com/a/b?c=1.", "Go to example.com."),
        (
            "Or <https://docs.python.org/3/>, or www.kokoro.io/x.",
            "Or docs.python.org, or kokoro.io.",
        ),
        ("Great job 👍! Well done🎉.", "Great job! Well done."),
        ("Thumbs👍up", "Thumbs up"),
        ("| Name | Age |\n|:-----|----:|\n| Ann | 30 |", "Name, Age.\nAnn, 30."),
        ("Code:\n```python\nprint(1)\n```\nDone.", "Code:\n\n\nDone."),
        ("Call `**kwargs` here.", "Call kwargs here."),
        ("A rule\n\n---\n\nthen more.", "A rule\n\n\n\nthen more."),
        ("snake_case and 2 * 3 and a*b stay.", "snake_case and 2 * 3 and a*b stay."),
        ("An escaped \\*star\\* is plain.", "An escaped star is plain."),
        ("A note[^1] here.\n\n[^1]: https://example.com", "A note here.\n\n"),
        (
            "Say [tomato](/təmˈɑːtQ/) [pause:1s] **now**.",
            "Say [tomato](/təmˈɑːtQ/) [pause:1s] now.",
        ),
        ("A stray **bold start.", "A stray bold start."),
        ("Line<br>break and <b>bold</b>.", "Line break and bold."),
    ],
)
def test_markdown_reads_as_a_person_would(markdown: str, spoken: str) -> None:
    assert spoken == clean_llm_output(markdown)


def synthesizer(cleanup: str) -> tuple[Synthesizer, LetterPhonemizer]:
    phonemizer = LetterPhonemizer()
    settings = SynthesisSettings(llm_cleanup=cleanup)
    return Synthesizer(ToneModel(), fake_voices(), phonemizer, settings=settings), phonemizer


def heard(phonemizer: LetterPhonemizer) -> str:
    return " ".join(text for text, _ in phonemizer.calls)


def test_always_cleans_up_synthesize_and_stream() -> None:
    tts, phonemizer = synthesizer("always")

    tts.synthesize("## Hi\n**Look** at https://www.example.com/x 👍")
    list(tts.stream("- item one"))

    assert "#" not in heard(phonemizer)
    assert "*" not in heard(phonemizer)
    assert "example dot com" in heard(phonemizer)
    assert "slash" not in heard(phonemizer)
    assert "item one" in heard(phonemizer)


@pytest.mark.parametrize("cleanup", ["live", "off"])
def test_synthesize_reads_markdown_as_written_unless_always(cleanup: str) -> None:
    tts, phonemizer = synthesizer(cleanup)

    tts.synthesize("Look at https://www.example.com/x now.")

    assert "slash" in heard(phonemizer)


def test_text_of_only_code_is_empty_once_cleaned() -> None:
    tts, _ = synthesizer("always")

    with pytest.raises(InvalidInputError, match="empty"):
        tts.synthesize("```\ncode\n```")
