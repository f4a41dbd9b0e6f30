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
from typing import Final

from litetts.text.cjk_formats import (
    DATE,
    FRACTION,
    MONEY,
    PERCENT,
    RANGE,
    SIGNED,
    THOUSANDS,
    TIME,
    Rule,
    apply_rules,
    currency,
)

__all__ = ["normalize_japanese"]

_CURRENCIES: Final = {"yen": "円", "dollar": "ドル", "euro": "ユーロ", "pound": "ポンド"}


def _time(m: re.Match[str]) -> str:
    minute = int(m["m"])
    return f"{int(m['h'])}時" + (f"{minute}分" if minute else "")


_RULES: Final[tuple[Rule, ...]] = (
    (THOUSANDS, lambda m: ""),
    (DATE, lambda m: f"{m['y']}年{int(m['mo'])}月{int(m['d'])}日"),
    (TIME, _time),
    (RANGE, lambda m: "から"),
    (MONEY, lambda m: m["n"] + _CURRENCIES[currency(m["sym"])]),
    (PERCENT, lambda m: m["n"] + "パーセント"),
    (FRACTION, lambda m: f"{m['b']}分の{m['a']}"),
    (SIGNED, lambda m: "マイナス" + m["n"]),
)


def normalize_japanese(text: str) -> str:
    """`text` with times, dates, money, percentages, fractions and signs in Japanese words.

    Pure, never raises, and idempotent.
    """
    return apply_rules(text, _RULES)
