"""`Word`: one spoken word with its time in the audio and its place in the caller's text.

`litetts.Synthesizer` fills `litetts.Audio.words` with them; the caption writers
(`litetts.captions`) turn them into SRT, WebVTT or JSON.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import evolve, frozen

__all__ = ["Word", "merge_words", "shift_words"]


@frozen
class Word:
    """A word as the caller wrote it, and when it is spoken.

    One word of the original text is one `Word` however it was spoken: "$3.50" is
    spoken "three dollars and fifty cents" and is one `Word` spanning all of it.

    Attributes:
        text: the word as written, ``original[char_start:char_end]`` (quotes and
            trailing ``,;:!?`` left out; a full stop kept).
        start: seconds from the start of the audio (of the whole stream, for a
            streamed piece) to where the word begins.
        end: seconds to where it ends.
        char_start: offset of the word's first character in the caller's text.
        char_end: offset just past its last character.
    """

    text: str
    start: float
    end: float
    char_start: int
    char_end: int

    @property
    def duration(self) -> float:
        """Seconds the word lasts."""
        return self.end - self.start


def shift_words(words: Iterable[Word], seconds: float) -> tuple[Word, ...]:
    """`words` moved `seconds` later (earlier when negative)."""
    if not seconds:
        return tuple(words)
    return tuple(evolve(w, start=w.start + seconds, end=w.end + seconds) for w in words)


def merge_words(words: Iterable[Word]) -> tuple[Word, ...]:
    """`words` with neighbours that are the same written word joined into one (a word
    whose spoken form a chunk boundary cut in two)."""
    merged: list[Word] = []
    for word in words:
        last = merged[-1] if merged else None
        if last is not None and (last.char_start, last.char_end) == (
            word.char_start,
            word.char_end,
        ):
            merged[-1] = evolve(last, end=max(last.end, word.end))
        else:
            merged.append(word)
    return tuple(merged)
