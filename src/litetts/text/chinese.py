"""Mandarin normalisation: numbers, money, percentages, dates and times as Chinese words.

Pure and dependency-free, so that `litetts.text.normalize(text, "cmn")` works without
the ``zh`` extra and is idempotent: every digit it meets becomes Chinese numerals,
so a second pass finds nothing to change.

>>> normalize_chinese("2024年3月15日下午3:30，票价¥25.80，涨了50%，我买了2个。")
'二零二四年三月十五日下午三点三十分，票价二十五点八零元，涨了百分之五十，我买了两个。'
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.cjk_formats import (
    DATE,
    FRACTION,
    MONEY,
    NUMBER,
    PERCENT,
    RANGE,
    SIGNED,
    THOUSANDS,
    TIME,
    Rule,
    apply_rules,
    currency,
)

__all__ = ["chinese_number", "normalize_chinese"]

_DIGITS: Final = "零一二三四五六七八九"
_SMALL_UNITS: Final = ("", "十", "百", "千")
_BIG_UNITS: Final = ("", "万", "亿", "万亿")
_CLASSIFIERS: Final = "个只本张位件条天次种名块杯瓶双把台辆家岁周颗棵场套份段层间句篇首门"
_CURRENCIES: Final = {"yen": "元", "dollar": "美元", "euro": "欧元", "pound": "英镑"}


def _group(n: int) -> str:
    """0 < n < 10000, with zeros read as one 零."""
    out = ""
    zero = False
    for place in range(3, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + _SMALL_UNITS[place]
    return out


def chinese_number(digits: str) -> str:
    """An integer or decimal written with ASCII digits, as Chinese numerals.

    >>> [chinese_number(n) for n in ("1500", "10", "3.14", "100200")]
    ['一千五百', '十', '三点一四', '十万零二百']
    """
    whole, _, fraction = digits.partition(".")
    whole = whole.lstrip("0") or "0"
    if len(whole) > 16:
        spoken = _digit_by_digit(whole)
    else:
        spoken = _integer(int(whole))
    if fraction:
        spoken += "点" + _digit_by_digit(fraction)
    return spoken


def _integer(n: int) -> str:
    if n == 0:
        return "零"
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        if out and (zero or group < 1000):
            out += "零"
        out += _group(group) + _BIG_UNITS[index]
        zero = False
    # 一十五 is read 十五 at the start of a number.
    return out[1:] if out.startswith("一十") else out


def _digit_by_digit(digits: str) -> str:
    return "".join(_DIGITS[int(d)] for d in digits)


def _phone(m: re.Match[str]) -> str:
    """A mobile number, digit by digit in the 3-4-4 groups it is read in."""
    digits = m[0]
    return " ".join(_digit_by_digit(g) for g in (digits[:3], digits[3:7], digits[7:]))


def _time(m: re.Match[str]) -> str:
    hour, minute = int(m["h"]), int(m["m"])
    spoken = ("两" if hour == 2 else _integer(hour)) + "点"
    if minute:
        spoken += ("零" if minute < 10 else "") + _integer(minute) + "分"
    return spoken


def _date(m: re.Match[str]) -> str:
    return f"{_digit_by_digit(m['y'])}年{_integer(int(m['mo']))}月{_integer(int(m['d']))}日"


def _signed(m: re.Match[str]) -> str:
    return "负" + chinese_number(m["n"])


_RULES: Final[tuple[Rule, ...]] = (
    (DATE, _date),
    (TIME, _time),
    (RANGE, lambda m: "到"),
    (MONEY, lambda m: chinese_number(m["n"]) + _CURRENCIES[currency(m["sym"])]),
    (PERCENT, lambda m: "百分之" + chinese_number(m["n"])),
    (FRACTION, lambda m: chinese_number(m["b"]) + "分之" + chinese_number(m["a"])),
    (re.compile(r"(?P<y>\d{2,4})(?=年)"), lambda m: _digit_by_digit(m["y"])),
    (re.compile(r"(?<![\d,.])1\d{10}(?!\d)"), _phone),
    (re.compile(r"(?<![\d,.])(?:0\d+|\d{11,})"), lambda m: _digit_by_digit(m[0])),
    (THOUSANDS, lambda m: ""),
    (re.compile(rf"(?<![\d.])2(?=[{_CLASSIFIERS}])"), lambda m: "两"),
    (SIGNED, _signed),
    (re.compile(NUMBER), lambda m: chinese_number(m[0])),
)


def normalize_chinese(text: str) -> str:
    """`text` with its numbers, money, percentages, fractions, dates and times in Chinese words.

    Pure, never raises, and idempotent: no digit survives.
    """
    text = apply_rules(text, _RULES)
    # A digit outside ASCII (Arabic-Indic, superscript) that the rules cannot read.
    return "".join(c for c in text if not c.isdigit())
