"""Split speakable text into sentences, keeping every character.

A sentence ends at ``. ! ? …`` (with any closing quotes or brackets) followed by
whitespace, at the CJK enders ``。！？``, or at a blank line (a paragraph). A
single line break inside a paragraph is just a space: hard-wrapped prose reads on.
Digits joined by a stop ("3.50", "v1.2") never split, having no space after it.

A full stop after an abbreviation or an initial usually does not end a sentence;
what follows decides:

- titles (``Dr.``, ``Mrs.``, ``St.``) and run-on abbreviations (``e.g.``, ``vs.``,
  ``approx.``) never end one: "Dr. Smith paid $3.50." is one sentence;
- other abbreviations (``etc.``, ``Inc.``, ``Jr.``, ``a.m.``, ``No.``, ``Jan.``)
  end one before a capitalised word or an opening quote, not before a lower-case
  word or a number ("No. 5", "5 p.m. on Friday");
- initials and dotted initialisms (``J.``, ``U.S.``) end one only before a word
  that usually starts a sentence ("I got an A. Then I left." is two sentences,
  "J. R. R. Tolkien" and "the U.S. Army" are not split).

An ellipsis, or an ender inside closing quotes, followed by a lower-case word
does not end the sentence: "Wait... what?" and "“Stop!” he said." are one each.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from attrs import frozen

__all__ = ["Boundary", "Sentence", "SentenceEnd", "sentence_ends", "split_sentences"]

Boundary = Literal["paragraph", "sentence", "clause", "word", "end"]
"""What ends a chunk or sentence: a sentence ends at a ``paragraph`` break, a
``sentence`` ender or the ``end`` of the text; a chunk cut inside a long sentence ends
at a ``clause`` or ``word``."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLES: Final = _words(
    "mr mrs ms mx dr prof rev fr hon gen col capt lt sgt maj cmdr adm gov sen rep pres"
    " supt insp det messrs mme mlle st mt ft"
)
"""Abbreviations that stand before a name: never the end of a sentence (when capitalised)."""

_ANY_CASE_TITLES: Final = _words("mr mrs ms dr prof")
"""Titles too unambiguous to need a capital ("dr. who")."""

_RUN_ON: Final = _words("e.g eg i.e ie vs cf viz approx esp incl resp a.k.a aka w.r.t")
"""Abbreviations that something always follows within the sentence."""

_ENDING: Final = _words(
    "etc al inc ltd co corp llc plc jr sr esq bros a.m p.m"
    " no nos vol vols p pp fig figs ch chap sec art eq ed eds op ca dept est"
    " ave blvd rd hwy min max avg ft in"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
    " mon tue tues wed thu thur thurs fri sat sun"
)
"""Abbreviations that may end a sentence: they do before a capitalised word."""

_STARTERS: Final = _words(
    "a an the this that these those it its he she they we i you his her their our my your"
    " there then but and so yet or nor if when while after before in on at for as however"
    " meanwhile also still now today yesterday tomorrow what why how who where which yes no"
    " not all some many one each every later finally next first thus hence therefore"
    " instead although though because since until once please let here"
)
"""Words that usually begin a sentence: after an initial, they mark a real end."""

_OPENING: Final = "\"'“‘«([¿¡"
_CLOSING: Final = "\"'”’»)]"
_INITIALISM: Final = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_INITIAL: Final = re.compile(r"[A-Z]\.")
_WORD: Final = re.compile(r"\S*")

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


def _last_word(before: str) -> str:
    return before.rsplit(maxsplit=1)[-1].lstrip(_OPENING) if before.strip() else ""


def _abbreviation_kind(word: str) -> str | None:
    """What kind of abbreviation `word` (without its final stop) is, if any."""
    key = word.lower()
    if key in _TITLES and (word[:1].isupper() or key in _ANY_CASE_TITLES):
        return "title"
    if key in _RUN_ON:
        return "run-on"
    if key in _ENDING:
        return "ending"
    if (len(word) == 1 and word.isupper()) or _INITIALISM.fullmatch(word):
        return "initial"
    return None


def _full_stop_ends(before: str, following: str) -> bool:
    """Whether a lone "." between `before` and the `following` word ends a sentence."""
    kind = _abbreviation_kind(_last_word(before))
    if kind is None:
        return True
    if kind in ("title", "run-on"):
        return False
    word = following.lstrip(_OPENING)
    if not word or word[:1].islower() or word[:1].isdigit():
        return not word  # the text's last stop ends it; lower case and numbers read on
    if following[:1] in _OPENING or kind == "ending":
        return True
    if _INITIAL.fullmatch(word.rstrip(",;:")):
        return False  # another initial: "J. R. R."
    return word.rstrip(".,;:!?\"'”’)").lower() in _STARTERS


def _ends_sentence(stop: str, before: str, following: str) -> bool:
    """Whether `stop` (enders and closing marks) ends a sentence, between the text
    `before` it and the `following` word ("" at the end of the text)."""
    core = stop.rstrip(_CLOSING)
    if core != stop or "…" in core or ".." in core:
        # "“Stop!” he said", "Wait... what?"
        return not following.lstrip(_OPENING)[:1].islower()
    if core == ".":
        return _full_stop_ends(before, following)
    return True


@frozen
class SentenceEnd:
    """Where a sentence ends in a text (see `sentence_ends`)."""

    end: int
    """Offset just past the sentence's last character (its stop and closing marks)."""
    resume: int
    """Offset where what follows begins (past the whitespace)."""
    boundary: Boundary
    settled: bool
    """Whether more text after `resume` could not change this verdict; always True for
    a complete text (see `sentence_ends`)."""


_NEXT_WORD: Final = re.compile(r"\S+\s")


def _needs_next_word(stop: str, before: str) -> bool:
    """Whether the verdict on `stop` depends on the word after it."""
    core = stop.rstrip(_CLOSING)
    if core != stop or "…" in core or ".." in core:
        return True
    return core == "." and _abbreviation_kind(_last_word(before)) is not None


def sentence_ends(text: str, *, complete: bool = True) -> list[SentenceEnd]:
    """Where each sentence of `text` ends but the last, in order: the boundaries
    `split_sentences` cuts at.

    With ``complete=False`` `text` is the start of a longer text still arriving: an end
    may be reported before the text after it shows whether it is one ("Dr." + " Smith"
    is none, "$3." + "50" never looks like one): then `SentenceEnd.settled` is False,
    it is the last one reported, and more text may confirm, move or drop it.
    """
    ends: list[SentenceEnd] = []
    start = 0
    for match in _END.finditer(text):
        boundary: Boundary
        settled = complete or match.end() < len(text)  # more whitespace may still come
        if match["para"] is not None:
            end, boundary = match.start(), "paragraph"
        elif match["stop"] is not None:
            end = match.end("stop")
            paragraph = "\n\n" in match["gap"]
            following = _WORD.match(text, match.end())
            word = following[0] if following else ""
            boundary = "paragraph" if paragraph else "sentence"
            if (
                not complete
                and not paragraph
                and _needs_next_word(match["stop"], text[start : match.start()])
            ):
                settled = settled and _NEXT_WORD.match(text, match.end()) is not None
            if not settled:  # undecided: it may or may not be an end
                ends.append(SentenceEnd(end, match.end(), boundary, False))
                break
            if (
                not paragraph
                and not _ends_sentence(  # a blank line ends even after "Dr."
                    match["stop"], text[start : match.start()], word
                )
            ):
                continue
        else:
            end = match.end("cjk")
            boundary = "sentence"
        ends.append(SentenceEnd(end, match.end(), boundary, settled))
        if not settled:
            break
        start = match.end()
    return ends


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, in order; joining their texts with spaces gives `text`
    back modulo whitespace. Empty text gives no sentences."""
    sentences: list[Sentence] = []
    start = 0
    for found in sentence_ends(text):
        piece = text[start : found.end].strip()
        if piece:
            sentences.append(Sentence(" ".join(piece.split()), found.boundary))
        elif sentences and found.boundary == "paragraph":
            sentences[-1] = Sentence(sentences[-1].text, "paragraph")
        start = found.resume
    tail = text[start:].strip()
    if tail:
        sentences.append(Sentence(" ".join(tail.split()), "end"))
    if sentences:
        sentences[-1] = Sentence(sentences[-1].text, "end")
    return sentences
