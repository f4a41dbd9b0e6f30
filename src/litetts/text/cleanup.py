"""Written text -> speakable text: Unicode and whitespace clean-up, then language rules.

`normalize` cleans the text, applies the rules of its language (numbers, money,
dates, symbols and abbreviations as words; see `litetts.text.english`), and
cleans again. A language without rules passes through with the clean-up only;
rules for another language plug into `LANGUAGE_RULES`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from types import MappingProxyType
from typing import Final

from litetts.errors import InvalidInputError
from litetts.text.chinese import normalize_chinese
from litetts.text.english import normalize_english
from litetts.text.japanese import normalize_japanese

__all__ = ["LANGUAGE_RULES", "clean", "normalize"]

LanguageRules = Callable[[str], str]

LANGUAGE_RULES: Final[Mapping[str, LanguageRules]] = MappingProxyType(
    {
        "en-us": normalize_english,
        "en-gb": partial(normalize_english, british=True),
        "ja": normalize_japanese,
        "cmn": normalize_chinese,
    }
)
"""Phonemizer language code -> its normalisation rules."""

_MAX_ROUNDS: Final = 4
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES: Final = re.compile(r"[^\S\n]+")
_BLANK_LINES: Final = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
_LINE_EDGES: Final = re.compile(r"[^\S\n]*\n[^\S\n]*")


_CONTROLS: Final = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Unicode categories Cc (but the line feed), Zl and Zp."""


def _control_to_space(text: str) -> str:
    return _CONTROLS.sub(" ", text)


def clean(text: str) -> str:
    """`text` with invisible characters removed, control characters and odd spaces
    turned into plain spaces, runs of spaces collapsed, line breaks kept (a blank
    line marks a paragraph), Unicode NFC and ends stripped. Idempotent and pure."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    text = _control_to_space(text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    text = _LINE_EDGES.sub(lambda m: "\n" * m.group().count("\n"), text)
    # NFC last: removing an invisible character can bring a letter and its accent together.
    return unicodedata.normalize("NFC", text).strip()


@lru_cache(maxsize=64)
def _rules_for(lang: str) -> LanguageRules | None:
    # Imported here: litetts.g2p's package imports its backends, which text never needs.
    from litetts.g2p.languages import resolve_language

    try:
        return LANGUAGE_RULES.get(resolve_language(lang))
    except InvalidInputError:
        return None


def normalize(text: str, lang: str = "en-us") -> str:
    """Speakable text from written text: clean-up, the language's rules, clean-up.

    Pure, never raises for any string, and idempotent (normalising its own output
    changes nothing).

    Args:
        text: any string.
        lang: its language, as `litetts.g2p.resolve_language` accepts it (``"a"``,
            ``"en"``, ``"en-gb"``...). A language without rules, or an unknown one,
            gets the clean-up only.
    """
    text = clean(text)
    rules = _rules_for(lang)
    if rules is None:
        return text
    # A rule can uncover work for an earlier one ("2e.g." -> "two e.g."), so the rules
    # run until the text stops changing: that fixed point is what makes normalize
    # idempotent. Plain prose stops after one round, text with numbers after two.
    for _ in range(_MAX_ROUNDS):
        spoken = clean(rules(text))
        if spoken == text:
            break
        text = spoken
    return text
