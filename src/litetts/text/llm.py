"""A language model's Markdown, read the way a person would read it aloud.

`clean_llm_output` turns chat-model output into prose before the language rules of
`litetts.text.normalize` run (``synthesis.llm_cleanup`` says when; see docs/streaming.md):

- emphasis, strike-through, inline code and HTML tags lose their marks, keeping the
  words (``**very** important`` -> "very important"); stray marks left by a cut are
  dropped too, and so are backslashes of escapes (``\\*`` is read as ``*``);
- headings, list items, quotes and table rows become sentences of their own, a full
  stop added where the line has no closing punctuation, so that each is read with a
  pause and not run into the next line; a numbered item keeps its number ("1, Install
  it."), a bullet and a task box go; a table is read row by row, cells joined with
  commas, the ``---`` row skipped;
- fenced code blocks are skipped (a listener cannot use code read symbol by symbol),
  leaving a paragraph break; horizontal rules, footnote marks and link definitions go;
- a link or image is read as its text (``[the docs](https://...)`` -> "the docs"); a
  bare web address as a person says it: its host, without scheme, ``www.`` and path
  (``https://www.example.com/a/b?c=1`` -> ``example.com``, which English reads as
  "example dot com");
- emoji are dropped: their names ("smiling face with smiling eyes") are long, English
  only, and rarely what the writer meant to be heard.

litetts' own markup (``[pause:1s]``, ``[word](/IPA/)``) passes through untouched. Text
without any of these marks comes back unchanged, and cleaning twice changes nothing
more than cleaning once.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

from litetts.text.markup import tag_spans

__all__ = ["clean_llm_output"]

_MASK_OPEN: Final = "\ue020"
_MASK_CLOSE: Final = "\ue021"
_MASK_DIGIT: Final = 0xE030
_MASKED: Final = re.compile("\ue020([\ue030-\ue039]+)\ue021")
_MAX_ROUNDS: Final = 8
_ESCAPE: Final = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")

_FENCE: Final = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,})[^\n]*(?:\n|\Z).*?(?:^[ \t]*(?P=fence)[`~]*[ \t]*(?:\n|\Z)|\Z)",
    re.M | re.S,
)
_RULE: Final = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*")
_TABLE_DIVIDER: Final = re.compile(
    r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?)?[ \t]*"
)
_TABLE_ROW: Final = re.compile(r"[ \t]*\|(?P<cells>.*)\|[ \t]*")
_HEADING: Final = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*")
_QUOTE: Final = re.compile(r"[ \t]*(?:>[ \t]?)+(?P<text>.*)")
_ITEM: Final = re.compile(
    r"[ \t]*(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(?P<text>.*)"
)
_DEFINITION: Final = re.compile(r"[ \t]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*")
_LINE_END: Final = ".!?…:;,。！？"

_IMAGE: Final = re.compile(r"!\[(?P<text>[^\]\n]*)\]\([^()\n]*\)")
_LINK: Final = re.compile(
    r"\[(?P<text>[^\]\n]+)\](?:\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"\n]*\")?\)|\[[^\]\n]*\])"
)
_FOOTNOTE: Final = re.compile(r"\[\^[^\]\n]+\]")
_AUTOLINK: Final = re.compile(r"<(?P<url>(?:https?|ftp)://[^\s<>]+)>")
_CODE: Final = re.compile(r"(?P<ticks>`+)(?P<text>[^`\n]+?)(?P=ticks)(?!`)")
_HTML: Final = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>\n]*)?/?>")
_EMPHASIS: Final = (
    re.compile(r"\*\*(?=\S)(?P<text>.+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)(?P<text>.+?)(?<=\S)__(?!\w)"),
    re.compile(r"~~(?=\S)(?P<text>.+?)(?<=\S)~~"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<text>.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])(?P<text>.+?)(?<=[^\s_])_(?![\w_])"),
)
_MARKS: Final = r"(?:\*+|_{2,}|~{2,})+"
_STRAY: Final = re.compile(rf"(?<!\S){_MARKS}(?=\S)|(?<=\S){_MARKS}(?!\S)")
_URL: Final = re.compile(
    r"(?<![\w@/])(?:(?:https?|ftp)://|www\.)[^\s<>\"'“”‘’()\[\]{}\ue020]+?"
    r"(?=[.,;:!?]*(?:\s|$|[\"'“”‘’()\[\]{}<>\ue020]))"
)
_EMOJI: Final = re.compile(
    "[ \t]*[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u231a\u231b\u23e9-\u23fa"
    "\ufe0e\ufe0f\u20e3\u200d\U000e0020-\U000e007f]+"
)


def _mask(text: str, spans: list[tuple[int, int]], kept: list[str]) -> str:
    """`text` with each span replaced by a private-use placeholder (restored by `_unmask`)."""
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        number = "".join(chr(_MASK_DIGIT + int(d)) for d in str(len(kept)))
        kept.append(text[start:end])
        out.append(_MASK_OPEN + number + _MASK_CLOSE)
        last = end
    out.append(text[last:])
    return "".join(out)


def _unmask(text: str, kept: list[str]) -> str:
    def restore(match: re.Match[str]) -> str:
        return kept[int("".join(str(ord(c) - _MASK_DIGIT) for c in match[1]))]

    while _MASKED.search(text):  # a placeholder may hold another one (escapes in code)
        text = _MASKED.sub(restore, text)
    return text


def _ended(text: str) -> str:
    """`text` with a full stop added unless it already ends with punctuation."""
    text = text.rstrip()
    return text + "." if text and text[-1] not in _LINE_END else text


def _cells(row: str) -> str:
    cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", row)]
    return _ended(", ".join(cell for cell in cells if cell))


def _block(line: str) -> str | None:
    """A heading, list item, quote or table row as prose; None for any other line."""
    if match := _TABLE_ROW.fullmatch(line):
        return _cells(match["cells"])
    if match := _HEADING.fullmatch(line):
        return _ended(match["text"])
    if match := _ITEM.fullmatch(line):
        text = _ended(match["text"])
        return f"{match['number']}, {text}" if match["number"] and text else text
    if match := _QUOTE.fullmatch(line):
        return _block(match["text"]) or _ended(match["text"])
    return None


def _lines(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        if _TABLE_DIVIDER.fullmatch(line) and "|" in line:
            continue  # the row under a table's header
        if _RULE.fullmatch(line) or _DEFINITION.fullmatch(line):
            out.append("")
            continue
        block = _block(line)
        if block is not None:
            out.append(block)
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        # A line that leads into a list, heading or table ends there ("Options:").
        leads = following.strip() and _block(following) and not _RULE.fullmatch(following)
        out.append(_ended(line) if leads and line.strip() else line)
    return "\n".join(out)


def _host(match: re.Match[str]) -> str:
    address = match[0] if "://" in match[0] else "http://" + match[0]
    try:
        host = urlsplit(address).hostname or ""
    except ValueError:
        return match[0]
    return host.removeprefix("www.") or match[0]


def _html(match: re.Match[str]) -> str:
    """A space for a tag that breaks a line or block, nothing for one inside a line."""
    name = match[0].lstrip("</").split(None, 1)[0].rstrip("/>").lower()
    return " " if name in ("br", "p", "div", "li", "tr", "td", "th", "hr") else ""


def _inline(text: str) -> str:
    text = _IMAGE.sub(lambda m: m["text"], text)
    text = _LINK.sub(lambda m: m["text"], text)
    text = _FOOTNOTE.sub("", text)
    text = _AUTOLINK.sub(lambda m: m["url"], text)
    text = _HTML.sub(_html, text)
    text = _URL.sub(_host, text)
    for pattern in _EMPHASIS:
        text = pattern.sub(lambda m: m["text"], text)
    text = _STRAY.sub("", text)
    return _EMOJI.sub(_no_emoji, text)


def _no_emoji(match: re.Match[str]) -> str:
    """Nothing for emoji and the space before them; a space where they stood between words."""
    text, start, end = match.string, match.start(), match.end()
    between = start > 0 and end < len(text) and not text[start - 1].isspace()
    return " " if between and text[end].isalnum() else ""


def clean_llm_output(text: str) -> str:
    """`text` (a language model's Markdown) as prose to read aloud; see the module."""
    if "\ue020" in text or "\ue021" in text:
        text = text.replace("\ue020", "").replace("\ue021", "")
    kept: list[str] = []
    text = _mask(text, tag_spans(text), kept)  # litetts markup is never Markdown
    text = _ESCAPE.sub(r"\1", text.replace("\r\n", "\n"))
    # Removing one mark can reveal another ("**```" is a fence once "**" is gone): clean
    # until nothing changes, which also makes cleaning twice the same as once.
    for _ in range(_MAX_ROUNDS):
        cleaned = _round(text)
        if cleaned == text:
            break
        text = cleaned
    return _unmask(text, kept)


def _round(text: str) -> str:
    text = _FENCE.sub("\n\n", text)
    text = _CODE.sub(lambda m: m["text"], text)
    return _inline(_lines(text))
