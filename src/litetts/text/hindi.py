"""Hindi numbers, money, percentages, dates and times as Devanagari words.

Hindi counts in the Indian system (hundred, thousand, lakh = 1,00,000, crore =
1,00,00,000) and has a separate word for each number below a hundred, which
`num2words` does not cover; so the words are here. Thousands are grouped either way
(``1,50,000`` or ``150,000``), decimals take a point, Devanagari digits (``१२३``) read
as ASCII ones, and a year in a date reads as Hindi reads years (``1999``: "उन्नीस सौ
निन्यानबे"). Pure; no digit is left.

>>> normalize_hindi("15/08/1947 को ₹1,50,000 मिले, 14:30 बजे, 50% ज़्यादा।")
'पंद्रह अगस्त उन्नीस सौ सैंतालीस को एक लाख पचास हज़ार रुपये मिले, चौदह बजकर तीस मिनट, पचास प्रतिशत ज़्यादा।'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = ["hindi_number", "normalize_hindi"]

_BELOW_100: Final = (
    "शून्य एक दो तीन चार पाँच छह सात आठ नौ "
    "दस ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह उन्नीस "
    "बीस इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस "
    "तीस इकतीस बत्तीस तैंतीस चौंतीस पैंतीस छत्तीस सैंतीस अड़तीस उनतालीस "
    "चालीस इकतालीस बयालीस तैंतालीस चवालीस पैंतालीस छियालीस सैंतालीस अड़तालीस उनचास "
    "पचास इक्यावन बावन तिरपन चौवन पचपन छप्पन सत्तावन अट्ठावन उनसठ "
    "साठ इकसठ बासठ तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर "
    "सत्तर इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर अठहत्तर उन्यासी "
    "अस्सी इक्यासी बयासी तिरासी चौरासी पचासी छियासी सत्तासी अट्ठासी नवासी "
    "नब्बे इक्यानबे बानबे तिरानबे चौरानबे पचानबे छियानबे सत्तानबे अट्ठानबे निन्यानबे"
).split()
_SCALES: Final = ((10**11, "खरब"), (10**9, "अरब"), (10**7, "करोड़"), (10**5, "लाख"), (1000, "हज़ार"))
_MONTHS: Final = ("जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर").split()
_CURRENCIES: Final = {
    "₹": ("रुपये", "पैसे"),
    "Rs.": ("रुपये", "पैसे"),
    "Rs": ("रुपये", "पैसे"),
    "रु.": ("रुपये", "पैसे"),
    "$": ("डॉलर", "सेंट"),
    "€": ("यूरो", "सेंट"),
    "£": ("पाउंड", "पेंस"),
}
MAX_DIGITS: Final = 15
"""Longer integers (IDs, card numbers) are read digit by digit."""

_NUMBER: Final = r"(?:\d{1,3}(?:,\d{2,3})+(?!\d)|\d+)(?:\.\d+)?"
_DEVANAGARI_DIGITS: Final = str.maketrans("०१२३४५६७८९", "0123456789")
_SIGN: Final = r"(?P<sym>₹|Rs\.?|रु\.|[$€£])"


def _integer(n: int) -> str:
    if n < 100:
        return _BELOW_100[n]
    words = []
    for size, name in _SCALES:
        if n >= size:
            words += [_integer(n // size), name]
            n %= size
    if n >= 100:
        words += [_BELOW_100[n // 100], "सौ"]
        n %= 100
    if n:
        words.append(_BELOW_100[n])
    return " ".join(words)


def _digits(digits: str) -> str:
    return " ".join(_BELOW_100[int(d)] for d in digits if d.isdigit())


def hindi_number(written: str) -> str:
    """A written number (``1,50,000``, ``3.5``, ``42``) as Hindi words.

    >>> [hindi_number(n) for n in ("21", "1,50,000", "3.05", "1999")]
    ['इक्कीस', 'एक लाख पचास हज़ार', 'तीन दशमलव शून्य पाँच', 'एक हज़ार नौ सौ निन्यानबे']
    """
    whole, _, fraction = written.replace(",", "").partition(".")
    spoken = _digits(whole) if len(whole) > MAX_DIGITS else _integer(int(whole))
    return f"{spoken} दशमलव {_digits(fraction)}" if fraction else spoken


def _year(digits: str) -> str:
    """A year as Hindi reads it: ``1947`` "उन्नीस सौ सैंतालीस", ``2024`` "दो हज़ार चौबीस"."""
    year = int(digits)
    if 1100 <= year < 2000 and year % 100:
        return f"{_BELOW_100[year // 100]} सौ {_BELOW_100[year % 100]}"
    if 1100 <= year < 2000:
        return f"{_BELOW_100[year // 100]} सौ"
    return _integer(year)


def _date(m: re.Match[str]) -> str:
    day, month = int(m["d"]), int(m["mo"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return m[0]
    return f"{_integer(day)} {_MONTHS[month - 1]} {_year(m['y'])}"


def _time(m: re.Match[str]) -> str:
    hour, minute = int(m["h"]), int(m["m"])
    if hour > 24 or minute > 59:
        return m[0]
    if minute == 0:
        return f"{_integer(hour)} बजे"
    return f"{_integer(hour)} बजकर {_integer(minute)} मिनट"


def _money(m: re.Match[str]) -> str:
    unit, cent = _CURRENCIES[m["sym"]]
    whole, _, fraction = m["n"].replace(",", "").partition(".")
    spoken = f"{hindi_number(whole)} {unit}"
    cents = int((fraction + "0")[:2]) if fraction else 0
    return f"{spoken} {_integer(cents)} {cent}" if cents else spoken


_YEAR_IN_CONTEXT: Final = re.compile(
    r"(?P<era>सन्\s*)?(?<![\d,.])(?P<y>\d{4})"
    r"(?(era)|(?=\s+(?:में|से|तक|का|की|के)(?=[\s।,.!?]|$)))"
)
"""``1999 में``, ``सन् 1999``: a year, read as one."""

Rule = tuple["re.Pattern[str]", Callable[["re.Match[str]"], str]]

_RULES: Final[tuple[Rule, ...]] = (
    (
        re.compile(
            r"(?<![\d/.:-])(?P<d>\d{1,2})([/.-])(?P<mo>\d{1,2})\2(?P<y>\d{4})(?![\d/.:-]?\d)"
        ),
        _date,
    ),
    (re.compile(r"(?<![\d/.:-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?![\d-])"), _date),
    (
        re.compile(
            rf"(?<![\d,.])(?P<d>\d{{1,2}})\s+(?P<month>{'|'.join(_MONTHS)})\s+(?P<y>\d{{4}})(?!\d)"
        ),
        lambda m: f"{_integer(int(m['d']))} {m['month']} {_year(m['y'])}",
    ),
    (re.compile(r"(?<![\d:.,])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])(?:\s*बजे)?"), _time),
    (re.compile(rf"{_SIGN}\s?(?P<n>{_NUMBER})"), _money),
    (
        re.compile(rf"(?<![\d,.])(?P<n>{_NUMBER})\s?(?:%|प्रतिशत)"),
        lambda m: f"{hindi_number(m['n'])} प्रतिशत",
    ),
    (_YEAR_IN_CONTEXT, lambda m: (m["era"] or "") + _year(m["y"])),
    (re.compile(rf"(?<![\w.,])[-−](?P<n>{_NUMBER})"), lambda m: "माइनस " + hindi_number(m["n"])),
    (re.compile(rf"(?<![\d,.])(?P<n>{_NUMBER})"), lambda m: hindi_number(m["n"])),
    (re.compile(r"\d+"), lambda m: hindi_number(m[0])),
)


def normalize_hindi(text: str) -> str:
    """`text` with its numbers, money, percentages, dates and times as Hindi words.

    Pure and idempotent; no digit is left.
    """
    text = text.translate(_DEVANAGARI_DIGITS)
    if not any(c.isdigit() for c in text):
        return text
    for pattern, speak in _RULES:
        text = pattern.sub(speak, text)
    return "".join(c for c in text if not c.isdigit())
