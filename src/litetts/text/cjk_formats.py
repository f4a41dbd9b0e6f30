"""Number formats that Japanese and Mandarin text share, as patterns each language reads.

Both languages write times, dates, money, percentages, fractions, signs and ranges the
same way with ASCII (or full-width) digits; only the words differ. Each pattern names
its groups: `DATE` ``y``/``mo``/``d``, `TIME` ``h``/``m``, `MONEY` ``sym``/``n``,
`PERCENT` and `SIGNED` ``n``, `FRACTION` ``a``/``b``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final

__all__ = [
    "DATE",
    "FRACTION",
    "MONEY",
    "NUMBER",
    "PERCENT",
    "RANGE",
    "SIGNED",
    "THOUSANDS",
    "TIME",
    "Rule",
    "apply_rules",
    "currency",
]

Rule = tuple["re.Pattern[str]", Callable[["re.Match[str]"], str]]
"""A pattern and what a match is read as."""

NUMBER: Final = r"\d+(?:\.\d+)?"
THOUSANDS: Final = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
DATE: Final = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
TIME: Final = re.compile(r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])")
RANGE: Final = re.compile(r"(?<=\d)\s*[-~〜～–]\s*(?=\d)")
MONEY: Final = re.compile(rf"(?P<sym>[¥￥€£]|(?:US)?\$)(?P<n>{NUMBER})")
PERCENT: Final = re.compile(rf"(?P<n>{NUMBER})%")
FRACTION: Final = re.compile(r"(?<![\d/])(?P<a>\d+)/(?P<b>\d+)(?![\d/])")
SIGNED: Final = re.compile(rf"(?<![0-9A-Za-z.])[-−](?P<n>{NUMBER})")

_FULL_WIDTH: Final = str.maketrans("０１２３４５６７８９％", "0123456789%")


def currency(symbol: str) -> str:
    """The currency a `MONEY` symbol stands for: ``yen``, ``dollar``, ``euro`` or ``pound``."""
    return {"¥": "yen", "￥": "yen", "€": "euro", "£": "pound"}.get(symbol, "dollar")


def apply_rules(text: str, rules: Iterable[Rule]) -> str:
    """`text` with full-width digits made ASCII, then each rule applied in order."""
    text = text.translate(_FULL_WIDTH)
    if not any(c.isdigit() for c in text):
        return text
    for pattern, speak in rules:
        text = pattern.sub(speak, text)
    return text
