"""Cut speakable text into model-sized chunks, lazily, along sentence lines.

Every chunk holds at most `max_tokens` phoneme tokens (Kokoro takes 510), never
splits a word (unless one word alone is longer than the model's window), and the
chunks together hold every word of the input in order. The first chunk is kept
short so first audio comes fast; later chunks grow towards `target_tokens`,
packing whole sentences, so the stream stays ahead of playback with fewer calls.

`phonemize` is any function from text to a phoneme string in which one
character is one token (the vocabulary has already dropped unknown symbols).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from attrs import frozen

from litetts.text.sentences import Boundary, split_sentences

__all__ = ["PAUSES", "Chunk", "chunk_text"]

Phonemize = Callable[[str], str]

PAUSES: Final[dict[Boundary, float]] = {
    "paragraph": 0.6,
    "sentence": 0.3,
    "clause": 0.15,
    "word": 0.03,
    "end": 0.0,
}
"""Seconds of silence after a chunk, by what ends it."""

_CLAUSE_END: Final = re.compile(r"[,;:—–]$|[,;:]['\"”’)]$")


@frozen
class Chunk:
    """Text for one model call, its phonemes, and the pause that follows it."""

    text: str
    phonemes: str
    pause: Boundary
    """What ends the chunk, which sets the pause after it (see `PAUSES`)."""

    @property
    def tokens(self) -> int:
        """Phoneme tokens in this chunk."""
        return len(self.phonemes)

    @property
    def pause_seconds(self) -> float:
        """Silence to insert after this chunk's audio."""
        return PAUSES[self.pause]


def _word_pause(words: list[str]) -> Boundary:
    return "clause" if _CLAUSE_END.search(words[-1]) else "word"


def _split_word(word: str, phonemize: Phonemize, limit: int) -> list[Chunk]:
    """A single word longer than the window: cut it by characters (nothing dropped)."""
    if len(word) <= 1:
        return [Chunk(word, phonemize(word)[:limit], "word")]
    half = len(word) // 2
    return _fit_words([word[:half]], phonemize, limit) + _fit_words([word[half:]], phonemize, limit)


def _split_point(words: list[str]) -> int:
    """Where to cut a word list in two: the clause end nearest the middle, else the middle."""
    middle = len(words) / 2
    clause_ends = [i + 1 for i, w in enumerate(words[:-1]) if _CLAUSE_END.search(w)]
    if clause_ends:
        return min(clause_ends, key=lambda i: abs(i - middle))
    return max(1, len(words) // 2)


def _fit_words(words: list[str], phonemize: Phonemize, limit: int) -> list[Chunk]:
    """Pieces of at most `limit` tokens covering `words`, cut at clauses where possible."""
    text = " ".join(words)
    phonemes = phonemize(text)
    if len(phonemes) <= limit:
        return [Chunk(text, phonemes, _word_pause(words))]
    if len(words) == 1:
        return _split_word(words[0], phonemize, limit)
    cut = _split_point(words)
    return _fit_words(words[:cut], phonemize, limit) + _fit_words(words[cut:], phonemize, limit)


def _lead(words: list[str], phonemize: Phonemize, limit: int, ratio: float) -> int:
    """How many leading words make a first chunk of at most `limit` tokens (at least one)."""
    budget_chars = limit / max(ratio, 1e-6)
    count, chars = 0, 0
    for i, word in enumerate(words):
        chars += len(word) + (1 if i else 0)
        if chars > budget_chars:
            break
        count = i + 1
        if _CLAUSE_END.search(word) and chars > budget_chars / 2:
            break  # a clause end past half the budget is a natural place to stop
    count = max(1, count)
    while count > 1 and len(phonemize(" ".join(words[:count]))) > limit:
        count -= 1
    return count


def _pieces(text: str, phonemize: Phonemize, max_tokens: int, first_tokens: int) -> Iterator[Chunk]:
    """Sentence-sized pieces within `max_tokens`; the very first one within `first_tokens`."""
    first = True
    for sentence in split_sentences(text):
        words = sentence.text.split()
        phonemes = phonemize(sentence.text)
        if first and len(phonemes) > first_tokens and len(words) > 1:
            ratio = len(phonemes) / max(1, len(sentence.text))
            count = _lead(words, phonemize, first_tokens, ratio)
            if count < len(words):
                head = " ".join(words[:count])
                yield Chunk(head, phonemize(head), _word_pause(words[:count]))
                words = words[count:]
                phonemes = phonemize(" ".join(words))
        first = False
        if len(phonemes) <= max_tokens:
            yield Chunk(" ".join(words), phonemes, sentence.boundary)
            continue
        parts = _fit_words(words, phonemize, max_tokens)
        yield from parts[:-1]
        last = parts[-1]
        yield Chunk(last.text, last.phonemes, sentence.boundary)


def _join(group: list[Chunk]) -> Chunk:
    if len(group) == 1:
        return group[0]
    return Chunk(
        " ".join(c.text for c in group), " ".join(c.phonemes for c in group), group[-1].pause
    )


def chunk_text(
    text: str,
    phonemize: Phonemize,
    *,
    max_tokens: int = 510,
    first_tokens: int = 20,
    target_tokens: int = 150,
) -> Iterator[Chunk]:
    """Chunks of `text` for the model, yielded as soon as each is complete.

    Args:
        text: speakable text (see `litetts.text.normalize`).
        phonemize: text -> phonemes, one character per token.
        max_tokens: hard limit per chunk (the model's window).
        first_tokens: soft limit for the first chunk, for fast first audio.
        target_tokens: soft size later chunks grow to by packing sentences.

    Yields:
        Chunks in order; a chunk never spans a paragraph break.
    """
    if max_tokens < 1:
        raise ValueError("max_tokens must be positive")
    first_tokens = max(1, min(first_tokens, max_tokens))
    target_tokens = max(first_tokens, min(target_tokens, max_tokens))
    budget = first_tokens
    group: list[Chunk] = []
    size = 0
    for piece in _pieces(text, phonemize, max_tokens, first_tokens):
        joined = size + piece.tokens + (1 if group else 0)
        if group and (joined > budget or group[-1].pause == "paragraph"):
            yield _join(group)
            budget = min(target_tokens, budget * 2)
            group, size = [], 0
            joined = piece.tokens
        group.append(piece)
        size = joined
    if group:
        yield _join(group)
