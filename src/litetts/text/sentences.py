"""Split speakable text into sentences, keeping every character.

A sentence ends at ``. ! ? …`` (with any closing quotes or brackets) followed by
whitespace, at the CJK enders ``。！？``, or at a blank line (a paragraph). A
single line break inside a paragraph is just a space: hard-wrapped prose reads on.
Common abbreviations (``Dr.``, ``e.g.``) and initials do not end a sentence.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from attrs import frozen

__all__ = ["Sentence", "split_sentences"]

Boundary = Literal["paragraph", "sentence", "end"]

_ABBREVIATIONS: Final = frozenset(
    (
        "mr mrs ms dr prof sr jr st vs etc e.g i.e no fig approx dept est inc ltd co mt ave"
        " jan feb mar apr jun jul aug sep sept oct nov dec"
    ).split()
)
_END: Final = re.compile(
    r"""(?P<stop>[.!?…]+["'”’»)\]]*)(?P<gap>\s+)"""  # western enders need a following space
    r"""|(?P<cjk>[。！？]+[」』”’)]*)(?P<cjkgap>\s*)"""
    r"""|(?P<para>\n\n+)"""
)


@frozen
class Sentence:
    """One sentence and what follows it."""

    text: str
    boundary: Boundary


def _is_abbreviation(before: str) -> bool:
    word = before.rsplit(maxsplit=1)[-1] if before.strip() else ""
    word = word.lstrip("\"'“‘(«[").rstrip(".").lower()
    if word in _ABBREVIATIONS:
        return True
    # a single capital initial like "J. R. R. Tolkien"
    return len(word) == 1 and word.isalpha() and before.rstrip(".")[-1:].isupper()


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, in order; joining their texts with spaces gives `text`
    back modulo whitespace. Empty text gives no sentences."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        boundary: Boundary
        if match["para"] is not None:
            end, boundary = match.start(), "paragraph"
        elif match["stop"] is not None:
            end = match.end("stop")
            paragraph = "\n\n" in match["gap"]
            if (
                not paragraph  # a blank line ends the paragraph even after "Dr."
                and match["stop"].startswith(".")
                and _is_abbreviation(text[start : match.start()] + ".")
            ):
                continue
            boundary = "paragraph" if paragraph else "sentence"
        else:
            end = match.end("cjk")
            boundary = "sentence"
        piece = text[start:end].strip()
        if piece:
            sentences.append(Sentence(" ".join(piece.split()), boundary))
        elif sentences and boundary == "paragraph":
            sentences[-1] = Sentence(sentences[-1].text, "paragraph")
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(Sentence(" ".join(tail.split()), "end"))
    if sentences:
        sentences[-1] = Sentence(sentences[-1].text, "end")
    return sentences
