"""Unicode and whitespace clean-up: the first step from written to speakable text."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["normalize"]

_INVISIBLE: Final = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES: Final = re.compile(r"[^\S\n]+")
_BLANK_LINES: Final = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
_LINE_EDGES: Final = re.compile(r"[^\S\n]*\n[^\S\n]*")


def _control_to_space(text: str) -> str:
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") and ch != "\n" else ch for ch in text
    )


def normalize(text: str, lang: str = "en-us") -> str:
    """Speakable text from written text.

    Today: invisible characters removed, control characters and odd spaces turned
    into plain spaces, runs of spaces collapsed, line breaks kept (a blank line
    marks a paragraph), Unicode NFC, ends stripped. Idempotent and pure.

    Args:
        text: any string.
        lang: the language it is written in; reserved for language rules.
    """
    del lang  # language-specific rules arrive with the full normaliser
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    text = _control_to_space(text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    text = _LINE_EDGES.sub(lambda m: "\n" * m.group().count("\n"), text)
    # NFC last: removing an invisible character can bring a letter and its accent together.
    return unicodedata.normalize("NFC", text).strip()
