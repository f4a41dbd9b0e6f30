"""Japanese normalisation: written number formats rewritten so that OpenJTalk reads them.

OpenJTalk reads a plain number with its counter well (3本 さんぼん, 1日 ついたち), so
digits stay digits; what it misreads are the formats around them: ``3:30`` (read
"three, thirty"), ``2024/3/15``, ``¥1,500`` and ``$20`` (symbol read oddly or not at
all), ``-5``, ``1/3`` and ranges (``3-5``, ``3〜5``). Those are rewritten with their
Japanese words. Pure, dependency-free and idempotent: no rule's output matches any rule.

>>> normalize_japanese("2024/3/15の3:30に¥1,500払った。気温は-5度、1/3が残る。")
'2024年3月15日の3時30分に1500円払った。気温はマイナス5度、3分の1が残る。'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = ["normalize_japanese"]

_FULL_WIDTH: Final = str.maketrans("０１２３４５６７８９％", "0123456789%")
_NUMBER: Final = r"\d+(?:\.\d+)?"

_Rule = tuple["re.Pattern[str]", Callable[["re.Match[str]"], str]]


def _time(m: re.Match[str]) -> str:
    minute = int(m["m"])
    return f"{int(m['h'])}時" + (f"{minute}分" if minute else "")


def _suffix(unit: str) -> Callable[[re.Match[str]], str]:
    def speak(m: re.Match[str]) -> str:
        return m["n"] + unit

    return speak


_RULES: Final[tuple[_Rule, ...]] = (
    (re.compile(r"(?<=\d),(?=\d{3}(?!\d))"), lambda m: ""),
    (
        re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
        lambda m: f"{m['y']}年{int(m['mo'])}月{int(m['d'])}日",
    ),
    (re.compile(r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])"), _time),
    (re.compile(r"(?<=\d)\s*[-~〜～–]\s*(?=\d)"), lambda m: "から"),
    (re.compile(rf"[¥￥](?P<n>{_NUMBER})"), _suffix("円")),
    (re.compile(rf"(?:US)?\$(?P<n>{_NUMBER})"), _suffix("ドル")),
    (re.compile(rf"€(?P<n>{_NUMBER})"), _suffix("ユーロ")),
    (re.compile(rf"£(?P<n>{_NUMBER})"), _suffix("ポンド")),
    (re.compile(rf"(?P<n>{_NUMBER})%"), _suffix("パーセント")),
    (
        re.compile(r"(?<![\d/])(?P<a>\d+)/(?P<b>\d+)(?![\d/])"),
        lambda m: f"{m['b']}分の{m['a']}",
    ),
    (re.compile(rf"(?<![0-9A-Za-z.])[-−](?P<n>{_NUMBER})"), lambda m: "マイナス" + m["n"]),
)


def normalize_japanese(text: str) -> str:
    """`text` with times, dates, money, percentages, fractions and signs in Japanese words.

    Pure, never raises, and idempotent.
    """
    text = text.translate(_FULL_WIDTH)
    if not any(c.isdigit() for c in text):
        return text
    for pattern, speak in _RULES:
        text = pattern.sub(speak, text)
    return text
