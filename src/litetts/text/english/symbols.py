"""Symbols between words or numbers: ``&`` -> "and", ``2+2=4``, ``#1`` -> "number 1", ``@``.

A symbol is only read when it joins or marks something (``Tom & Jerry``, ``#1``,
``~5``); a symbol on its own, or a string of symbols only, stays as it is.
``R&D`` and ``AT&T`` are spelled ("R and D"). Percent signs and degrees are read
with their numbers (`units`); ``@`` in addresses by `web`.
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.initialisms import spell
from litetts.text.english.years import say_year

__all__ = ["expand_symbols"]

_HASHTAG_YEAR: Final = re.compile(
    r"(?<=hashtag )(?P<word>[A-Za-z]+)(?P<year>(?:19|20)[0-9]{2})(?![\w])"
)
"""``#summer2024``: a year glued to a hashtag's word."""
_LETTERS_AND: Final = re.compile(r"(?<![\w&])(?P<left>[A-Z]{1,3})&(?P<right>[A-Z]{1,3})(?![\w&])")
_RULES: Final = (
    ("#", re.compile(r"#(?<![\w#]#)\s?(?=[0-9])"), "number "),
    ("#", re.compile(r"#(?<![\w#]#)(?=[A-Za-z])"), "hashtag "),
    ("&", re.compile(r"(?<=[^\W_])\s*&\s*(?=[^\W_])"), " and "),
    ("+", re.compile(r"(?:(?<=[^\W_])|(?<=\)))\s*\+\s*(?=\(*[^\W_])"), " plus "),
    ("=", re.compile(r"(?:(?<=[^\W_])|(?<=\)))\s*=\s*(?=[(\-−]*[^\W_])"), " equals "),
    ("×", re.compile(r"(?<=[0-9)])\s*×\s*(?=\(*[0-9])"), " times "),
    ("x", re.compile(r"(?<=[0-9])\s?x\s?(?=[0-9])"), " by "),
    ("x", re.compile(r"(?<=[0-9])x(?=\s|$|[.,;:!?])"), " times"),
    (" - ", re.compile(r"(?<=[0-9]) - (?=[0-9])"), " minus "),
    (" − ", re.compile(r"(?<=[0-9]) − (?=[0-9])"), " minus "),
    ("~", re.compile(r"~(?<![\w~]~)\s?(?=[$£€¥]?[0-9])"), "about "),
    ("w/", re.compile(r"(?<![\w/])w/o(?![\w/])"), "without"),
    ("w/", re.compile(r"(?<![\w/])w/(?=\s)"), "with"),
    ("≈", re.compile(r"≈(?<![\w≈]≈)\s?(?=[0-9])"), "approximately "),
    ("<", re.compile(r"<(?<![\w<]<)\s?(?=[0-9])"), "less than "),
    (">", re.compile(r">(?<![\w>-]>)\s?(?=[0-9])"), "more than "),
    ("≤", re.compile(r"≤(?<![\w≤]≤)\s?(?=[0-9])"), "at most "),
    ("≥", re.compile(r"≥(?<![\w≥]≥)\s?(?=[0-9])"), "at least "),
    ("±", re.compile(r"±(?<![\w±]±)\s?(?=[0-9])"), "plus or minus "),
    ("@", re.compile(r"@(?<![\w@]@)(?=[A-Za-z])"), "at "),
    ("@", re.compile(r"(?<=[^\W_] )@(?= [^\W_])"), "at"),
)
"""(a character the rule needs, the pattern, its words): the character is a cheap test."""


def expand_symbols(text: str, british: bool = False) -> str:
    """Symbols that join words or numbers, as words."""
    del british
    if "&" in text:
        text = _LETTERS_AND.sub(lambda m: f"{spell(m['left'])} and {spell(m['right'])}", text)
    for needed, pattern, words in _RULES:
        if needed in text:
            text = pattern.sub(words, text)
    if "hashtag " in text:
        text = _HASHTAG_YEAR.sub(lambda m: f"{m['word']} {say_year(int(m['year']))}", text)
    return text
