"""Unicode and whitespace clean-up of written text, before any language rules.

`clean` is the first and last step of `litetts.text.normalize.normalize`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["clean"]


_INVISIBLE: Final = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES: Final = re.compile(r"[^\S\n]+")
_BLANK_LINES: Final = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
_LINE_EDGES: Final = re.compile(r"[^\S\n]*\n[^\S\n]*")


_QUOTES: Final = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc\u2039\u203a", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb", '"'),
    }
)
"""Curly quotes and apostrophes (’ ‘ ‚ ‛ ʼ, “ ” „ ‟), guillemets (« » ‹ ›) -> straight ones,
so that every language's rules and G2P read them alike."""
_ACCENT_APOSTROPHE: Final = re.compile(r"(?<=[^\W\d_])[´`](?=[^\W\d_])")
"""``don´t``, ``l`été``: an accent typed for an apostrophe between letters."""

_CONTROLS: Final = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Unicode categories Cc (but the line feed), Zl and Zp."""


def _control_to_space(text: str) -> str:
    return _CONTROLS.sub(" ", text)


def clean(text: str) -> str:
    """`text` with invisible characters removed, control characters and odd spaces
    turned into plain spaces, curly quotes, apostrophes and guillemets made straight,
    runs of spaces collapsed, line breaks kept (a blank line marks a paragraph),
    Unicode NFC and ends stripped. Idempotent and pure."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    text = _control_to_space(text)
    text = _ACCENT_APOSTROPHE.sub("'", text.translate(_QUOTES))
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    text = _LINE_EDGES.sub(lambda m: "\n" * m.group().count("\n"), text)
    # NFC last: removing an invisible character can bring a letter and its accent together.
    return unicodedata.normalize("NFC", text).strip()
