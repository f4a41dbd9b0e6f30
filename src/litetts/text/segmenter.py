"""Text arriving in pieces -> units to speak, each released as soon as it is complete.

A language model writes its answer a few characters at a time. `LiveSegmenter` takes
those pieces and hands back units of text to speak, each the moment the text after it
shows that it is complete:

- the first unit ends at the first clause mark (``, ; : —``) after at least
  `lead_words` words, or at the first sentence end, whichever comes first, so that
  speech can start early; a ``, ; :`` right after a letter is released the moment it
  arrives (it cannot be a digit group's "1,000"), without waiting a piece for the next
  word, and a closing quote or bracket right after that mark is silent and dropped;
- then sentence by sentence, exactly where `litetts.text.split_sentences` would cut the
  whole text: "Dr." + " Smith" and "$3." + "50" are never cut, since a cut waits for
  the text after it to decide;
- a unit that grows past `max_chars` without an end is cut at its last clause mark
  or word within that length;
- with ``markdown=True`` (text that `litetts.text.llm.clean_llm_output` will read),
  a line break next to a heading, list item, quote or table row ends a unit, a
  numbered item's "1." is no sentence, and a fenced code block is dropped as it
  arrives (the clean-up skips it anyway), so it never holds up speech or memory.

A cut never falls inside a ``[pause:...]`` or ``[word](/IPA/)`` tag (nor one still
open) or inside inline code. Given the same text, the units are the same however it
is split into pieces (`flush` aside, which cuts where it is called).
"""

from __future__ import annotations

import re
from typing import Final

from attrs import frozen

from litetts.text.markup import open_tag_start, tag_spans
from litetts.text.sentences import Boundary, sentence_ends

__all__ = ["LiveSegmenter", "Unit"]

_CLOSERS: Final = "'\"”’)"
_CLAUSE: Final = re.compile(rf"(?:[,;:](?:[{_CLOSERS}](?=\s))?|\s[—–-]|[—–])(?=\s+\S)")
_CLAUSE_AT_END: Final = re.compile(rf"(?<=[^\W\d_])[,;:][{_CLOSERS}]?\s*\Z")
"""A first clause mark after a letter at the end of what has arrived: released now."""
_WORD_GAP: Final = re.compile(r"\s+(?=\S)")
_INLINE_CODE: Final = re.compile(r"`[^`\n]*(?:`|\Z)")
_NUMBERED: Final = re.compile(r"(?m)^[ \t]*\d{1,9}[.)](?=[ \t])")
_BLOCK_LINE: Final = re.compile(r"[ \t]{0,3}(?:#{1,6}|[-*+]|\d{1,9}[.)]|>|\|)(?:[ \t]|$)")
_FENCE: Final = re.compile(r"(?m)^[ \t]*(`{3,}|~{3,})")
_LONGEST_TAG: Final = 300
"""An open ``[`` (or inline code's backtick) followed by more than this many characters
without its closing mark is no tag (or code) in the making."""
_NEXT_LINE_WORD: Final = re.compile(r"[ \t]*\S+[ \t\n]|[ \t]*\n")


@frozen
class Unit:
    """A complete piece of text to speak and what ends it (it sets the pause after it)."""

    text: str
    boundary: Boundary


@frozen
class _Cut:
    end: int
    resume: int
    boundary: Boundary
    settled: bool
    drop_closer: bool = False


class LiveSegmenter:
    """Collects text pieces and releases complete units; see the module.

    Args:
        lead_words: words the first unit needs before a clause mark may end it.
        max_chars: longest unit without an end before one is forced.
        markdown: read the text as Markdown (see the module).
    """

    def __init__(self, *, lead_words: int = 4, max_chars: int = 400, markdown: bool = False):
        self.lead_words = lead_words
        self.max_chars = max_chars
        self.markdown = markdown
        self._buffer = ""
        self._line_start = True
        """Whether the buffer starts a line."""
        self._fence: str | None = None
        """The fence of a code block being dropped, or None."""
        self._code_from = 0
        """Where that code block stood in the buffer."""
        self._first = True
        self._drop_closer = False
        """Whether a first clause was released at a mark that a closing quote may follow."""

    @property
    def pending(self) -> str:
        """Text received but not released yet."""
        return self._buffer

    def feed(self, text: str) -> list[Unit]:
        """Add `text`; the units it completes, in order."""
        if self._drop_closer and text:
            text = text.lstrip(_CLOSERS)
            self._drop_closer = not text
        self._buffer += text
        return self._release(complete=False)

    def flush(self) -> list[Unit]:
        """Everything buffered, as units, now (the last ends at the flush)."""
        return self._release(complete=True)

    def _release(self, *, complete: bool) -> list[Unit]:
        units: list[Unit] = []
        while True:
            if self.markdown:
                self._drop_code(complete=complete)
            cut = self._next_cut(complete=complete)
            if cut is None or not cut.settled:
                break
            self._emit(units, self._buffer[: cut.end], cut.boundary)
            self._drop_closer = cut.drop_closer
            self._line_start = "\n" in self._buffer[cut.end : cut.resume] or (
                cut.resume == 0 and self._line_start
            )
            self._buffer = self._buffer[cut.resume :]
            self._code_from = max(0, self._code_from - cut.resume)
        if complete:
            self._emit(units, self._buffer, "end")
            self._buffer, self._line_start, self._fence = "", True, None
        return units

    def _emit(self, units: list[Unit], text: str, boundary: Boundary) -> None:
        if text.strip():
            units.append(Unit(text.strip(), boundary))
            self._first = False
        elif units and boundary == "paragraph":
            units[-1] = Unit(units[-1].text, "paragraph")

    def _drop_code(self, *, complete: bool) -> None:
        """Drop fenced code blocks from the buffer as they arrive, leaving a blank line."""
        while True:
            if self._fence is None:
                match = next(
                    (m for m in _FENCE.finditer(self._buffer) if m.start() or self._line_start),
                    None,
                )
                if match is None:
                    return
                line_end = self._buffer.find("\n", match.end())
                if line_end < 0:
                    if complete:
                        self._buffer = self._buffer[: match.start()]
                    return
                self._fence = match[1]
                self._buffer = self._buffer[: match.start()] + "\n\n" + self._buffer[line_end + 1 :]
                self._code_from = match.start() + 2
            code = self._buffer[self._code_from :]
            closing = re.search(rf"(?m)^[ \t]*{re.escape(self._fence)}[`~]*[ \t]*(?:\n|\Z)", code)
            if closing is None or (closing.end() == len(code) and not code.endswith("\n")):
                if complete:
                    self._buffer = self._buffer[: self._code_from]
                    self._fence = None
                    return
                # Keep only the line in progress: it may become the closing fence.
                self._buffer = self._buffer[: self._code_from] + code[code.rfind("\n") + 1 :]
                return
            self._buffer = self._buffer[: self._code_from] + code[closing.end() :]
            self._fence = None

    def _view(self) -> tuple[str, int]:
        """The buffer with tags and inline code blanked out (same offsets), and where
        cuts must stop: at a tag, code span or code block still open."""
        text = self._buffer
        limit = len(text)
        if self._fence is not None:
            limit = self._code_from
        spans = tag_spans(text)
        open_tag = open_tag_start(text)
        if open_tag is not None and len(text) - open_tag <= _LONGEST_TAG:
            limit = min(limit, open_tag)
        if self.markdown:
            for match in _INLINE_CODE.finditer(text):
                if not match[0].endswith("`") or len(match[0]) == 1:
                    if len(match[0]) <= _LONGEST_TAG:  # longer: a stray backtick, no code
                        limit = min(limit, match.start())
                    break
                spans.append(match.span())
            spans.extend(
                m.span() for m in _NUMBERED.finditer(text) if m.start() or self._line_start
            )
        chars = list(text)
        for start, end in spans:
            chars[start:end] = "x" * (end - start)
        return "".join(chars), limit

    def _next_cut(self, *, complete: bool) -> _Cut | None:
        view, limit = self._view()
        candidates: list[_Cut] = []
        ends = sentence_ends(view, complete=complete)
        if ends:
            end = ends[0]
            candidates.append(_Cut(end.end, end.resume, end.boundary, end.settled))
        if self._first:
            candidates.extend(self._clause(view))
        if self.markdown:
            candidates.extend(self._line_breaks(self._buffer, complete=complete))
        candidates = [c for c in candidates if 0 < c.resume <= limit]
        if candidates:
            return min(candidates, key=lambda c: c.end)
        if limit > self.max_chars:
            return self._forced(view[: self.max_chars + 1])
        return None

    def _clause(self, view: str) -> list[_Cut]:
        for match in _CLAUSE.finditer(view):
            if len(view[: match.end()].split()) >= self.lead_words:
                gap = _WORD_GAP.match(view, match.end())
                resume = gap.end() if gap else match.end()
                mark = match.start() + 1 if view[match.start()] in ",;:" else match.end()
                return [_Cut(mark, resume, "clause", True)]  # a closing quote is dropped
        at_end = _CLAUSE_AT_END.search(view)
        if at_end and len(view[: at_end.start()].split()) >= self.lead_words:
            bare = at_end.end() - at_end.start() == 1  # its closing quote may come next
            return [_Cut(at_end.start() + 1, len(view), "clause", True, drop_closer=bare)]
        return []

    def _line_breaks(self, text: str, *, complete: bool) -> list[_Cut]:
        """The first line break next to a Markdown block line (a heading, list item...)."""
        start = 0
        for number, line in enumerate(text.split("\n")[:-1]):
            end = start + len(line)
            is_block = bool(_BLOCK_LINE.match(line)) and (number > 0 or self._line_start)
            after = _NEXT_LINE_WORD.match(text, end + 1)
            if is_block:
                return [_Cut(end, end + 1, "sentence", True)]
            if after and _BLOCK_LINE.match(after[0].rstrip() + " "):
                return [_Cut(end, end + 1, "sentence", True)]
            if after is None and not complete:
                return [_Cut(end, end + 1, "sentence", False)]  # undecided yet
            start = end + 1
        return []

    def _forced(self, window: str) -> _Cut:
        """A cut inside a unit too long to wait for its end: at its last clause or word."""
        clauses = [m.end() for m in _CLAUSE.finditer(window)]
        if clauses:
            gap = _WORD_GAP.match(window, clauses[-1])
            return _Cut(clauses[-1], gap.end() if gap else clauses[-1], "clause", True)
        gaps = list(_WORD_GAP.finditer(window))
        if gaps and gaps[-1].start() > 0:
            return _Cut(gaps[-1].start(), gaps[-1].end(), "word", True)
        return _Cut(len(window), len(window), "word", True)
