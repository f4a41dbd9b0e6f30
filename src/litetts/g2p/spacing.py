"""Kokoro punctuation, and words and marks joined into one phoneme string as misaki does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

__all__ = ["curl_quotes", "join_pieces", "kokoro_mark"]

_MARKS: Final = {
    "，": ",",
    "、": ",",
    "。": ".",
    "．": ".",
    "！": "!",
    "？": "?",
    "：": ":",
    "；": ";",
    "（": "(",
    "）": ")",
    "「": "“",
    "」": "”",
    "『": "“",
    "』": "”",
    "《": "“",
    "》": "”",
    "【": "“",
    "】": "”",
    "«": "“",
    "»": "”",
    "‘": "“",
    "’": "”",
    "'": '"',
    "〜": "—",
    "～": "—",
    "~": "—",
    "-": ",",
    "‥": "…",
    "・": " ",
}
"""Full-width and other marks -> the punctuation Kokoro knows (or a word break)."""
_KEPT: Final = frozenset(';:,.!?—…"()“”')
_STOPS: Final = frozenset(";:,.!?)”…")
_OPENERS: Final = frozenset("(“")


def join_pieces(pieces: Iterable[str]) -> str:
    """Words separated by one space; a closing mark hugs the word before it and is
    followed by a space, an opening mark hugs the word after it; a blank piece is a
    word break.

    >>> join_pieces(["ni↓", ",", "ʂɨ↘", "“", "a", "”", "."])
    'ni↓, ʂɨ↘ “a”.'
    >>> join_pieces(["ʂɨ↘", '"', "a", '"', "."])
    'ʂɨ↘ “a”.'
    """
    text = ""
    quoted = False
    for written in pieces:
        piece = written
        if written == '"':  # straight quotes (as `litetts.text.cleanup` writes) open, then close
            piece, quoted = ("”" if quoted else "“"), not quoted
        if not piece.strip():
            text = text.rstrip() + " " if text else ""
        elif piece in _STOPS:
            text = text.rstrip() + piece + " "
        elif piece in _OPENERS:
            text = (text.rstrip() + " " if text else "") + piece
        else:
            glued = not text or text.endswith((" ", *_OPENERS))
            text += piece if glued else " " + piece
    return " ".join(text.split())


def curl_quotes(text: str) -> str:
    """Straight double quotes (as `litetts.text.cleanup` writes every kind) made curly,
    opening then closing, for a front end that reads only curly ones.

    >>> curl_quotes('彼は"はい"と言った。')
    '彼は“はい”と言った。'
    """
    if '"' not in text:
        return text
    parts = text.split('"')
    return "".join(
        part + ("" if i == len(parts) - 1 else "“" if i % 2 == 0 else "”")
        for i, part in enumerate(parts)
    )


def kokoro_mark(char: str) -> str:
    """The Kokoro punctuation mark for `char`, ``" "`` for a word break, ``""`` to drop it.

    >>> [kokoro_mark(c) for c in "。「・#"]
    ['.', '“', ' ', '']
    """
    mark = _MARKS.get(char, char)
    if mark in _KEPT:
        return mark
    return " " if mark.isspace() else ""
