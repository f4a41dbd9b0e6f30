"""Caption writers: what they write parses back to the words' times and text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

import litetts
from litetts import InvalidInputError, Synthesizer, Word
from litetts.captions import Cue, captions_to_string, cues, to_srt, to_vtt

TEXT = "Hello there. Dr. Smith paid $3.50 for it, then left [pause:1s] without a word."

_TIME = r"(\d\d):(\d\d):(\d\d)[,.](\d\d\d)"


def _seconds(match: tuple[str, ...]) -> float:
    h, m, s, ms = (int(x) for x in match)
    return h * 3600 + m * 60 + s + ms / 1000


def parse_srt(content: str) -> list[Cue]:
    """A strict SubRip reader: number, times, text, blank line."""
    parsed = []
    for number, block in enumerate(content.strip().split("\n\n"), start=1):
        index, times, *lines = block.split("\n")
        assert index == str(number)
        found = re.fullmatch(f"{_TIME} --> {_TIME}", times)
        assert found is not None, times
        parsed.append(
            Cue(_seconds(found.groups()[:4]), _seconds(found.groups()[4:]), "\n".join(lines))
        )
    return parsed


def parse_vtt(content: str) -> list[Cue]:
    """A strict WebVTT reader for what players need: header, then timed cues."""
    header, *blocks = content.strip().split("\n\n")
    assert header == "WEBVTT"
    parsed = []
    for block in blocks:
        times, *lines = block.split("\n")
        found = re.fullmatch(
            f"{_TIME.replace('[,.]', '[.]')} --> {_TIME.replace('[,.]', '[.]')}", times
        )
        assert found is not None, times
        parsed.append(
            Cue(_seconds(found.groups()[:4]), _seconds(found.groups()[4:]), "\n".join(lines))
        )
    return parsed


@pytest.fixture(scope="module")
def audio() -> litetts.Audio:
    return Synthesizer(ToneModel(), fake_voices(), LetterPhonemizer()).synthesize(TEXT, "af_bella")


@pytest.mark.parametrize(("suffix", "parse"), [(".srt", parse_srt), (".vtt", parse_vtt)])
def test_written_captions_parse_back_to_the_cues(
    audio: litetts.Audio, tmp_path: Path, suffix: str, parse: object
) -> None:
    path = litetts.write_captions(tmp_path / f"out{suffix}", audio.words, text=TEXT)

    parsed = parse(path.read_text(encoding="utf-8"))  # type: ignore[operator]

    expected = cues(audio.words, TEXT)
    assert [c.text for c in parsed] == [
        "Hello there.",
        "Dr. Smith paid $3.50 for it, then left",
        "without a word.",
    ]
    assert [c.text for c in parsed] == [c.text for c in expected]
    for got, want in zip(parsed, expected, strict=True):
        assert got.start == pytest.approx(want.start, abs=0.0015)
        assert got.end == pytest.approx(want.end, abs=0.0015)
    assert parsed[2].start - parsed[1].end >= 1.0  # the pause is a gap between cues


def test_json_captions_hold_every_word_with_offsets(audio: litetts.Audio, tmp_path: Path) -> None:
    path = litetts.write_captions(tmp_path / "out.json", audio.words, text=TEXT)

    data = json.loads(path.read_text(encoding="utf-8"))

    assert [w["text"] for w in data["words"]] == [w.text for w in audio.words]
    assert all(TEXT[w["char_start"] : w["char_end"]] == w["text"] for w in data["words"])
    assert data["cues"][0] == {
        "start": 0.0,
        "end": round(audio.words[1].end, 3),
        "text": "Hello there.",
    }


def test_an_unknown_suffix_is_an_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"\.srt, \.vtt or \.json"):
        litetts.write_captions(tmp_path / "out.txt", ())


def test_long_runs_are_cut_at_the_character_limit() -> None:
    words = [Word("word", i * 0.3, i * 0.3 + 0.25, i * 5, i * 5 + 4) for i in range(40)]

    assert all(len(c.text) <= 42 for c in cues(words))


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.from_regex(r"[A-Za-z]{1,12}[.,]?", fullmatch=True), st.floats(0.01, 5)),
        max_size=30,
    )
)
def test_srt_and_vtt_round_trip_any_words(items: list[tuple[str, float]]) -> None:
    words, at, offset = [], 0.0, 0
    for text, length in items:
        words.append(Word(text, at, at + length, offset, offset + len(text)))
        at, offset = at + length + 0.05, offset + len(text) + 1
    grouped = cues(words)

    for parsed in (parse_srt(to_srt(grouped)) if grouped else [], parse_vtt(to_vtt(grouped))):
        assert [c.text for c in parsed] == [c.text for c in grouped]
        assert [round(c.start, 3) for c in parsed] == [round(c.start, 3) for c in grouped]
    assert " ".join(c.text for c in grouped).split() == [w.text for w in words]
    assert captions_to_string(words, "json").count('"text"') == len(words) + len(grouped)
