"""Spanish, French, Italian and Portuguese numbers, money, dates and times as words.

The four languages write numbers alike: a decimal comma (``3,5``), thousands grouped
with a dot or a space (``1.000``, ``1 000``), the currency sign after the amount
(``3,50 €``), ordinals with a raised letter (``1º``, ``1ª``, ``1er``, ``2e``), day-first
dates (``15/03/2024``) and 24-hour times (``14:30``, French ``14 h 30``). `num2words`
does the counting; `litetts.text.romance_words` holds each language's other words.

The rules run most specific shape first, so that a looser one never sees what an
earlier one owns: spaced thousands, dates, times, money, percentages, degrees,
ordinals, then every remaining number. Afterwards no ASCII digit is left.

>>> normalize_romance("El 15/03/2024 a las 14:30 pagué 3,50 € (un 20 %).", "es")
'El quince de marzo de dos mil veinticuatro a las catorce y treinta pagué tres euros con \
cincuenta céntimos (un veinte por ciento).'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from num2words import num2words

from litetts.text.romance_words import ROMANCE, Currency, RomanceWords

__all__ = ["cardinal", "normalize_romance", "ordinal", "read_number"]

MAX_DIGITS: Final = 15
"""Longer integers (IDs, card numbers) are read digit by digit."""

_NUMBER: Final = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|\.\d)|\d+(?:[,.]\d+)?)"
"""A written number: dot thousands with an optional decimal comma, or digits with one
decimal comma or point."""
_WORD_AFTER: Final = r"(?=\s+(?P<next>[^\W\d_]+))?"

_SPACED_THOUSANDS: Final = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d]| \d)")
_NUMERIC_DATE: Final = re.compile(
    r"(?<![\d/.:-])(?P<d>\d{1,2})(?P<s>[/.-])(?P<mo>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\d/.:-]?\d)"
)
_ISO_DATE: Final = re.compile(r"(?<![\d/.:-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?![\d-])")
_CLOCK: Final = re.compile(r"(?<![\d:.,])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])(?:\s?h\b)?")
_H_CLOCK: Final = re.compile(r"(?<![\d:.,])(?P<h>\d{1,2}) ?h ?(?P<m>\d{2})?(?![\w])")
_CURRENCY_SIGNS: Final = {
    "€": "euro",
    "$": "dollar",
    "US$": "dollar",
    "£": "pound",
    "R$": "real",
    "₹": "rupee",
}
_SIGN: Final = r"(?P<sym>US\$|R\$|[€$£₹])"
_MONEY_BEFORE: Final = re.compile(rf"{_SIGN}\s?(?P<n>{_NUMBER})")
_MONEY_AFTER: Final = re.compile(rf"(?<![\d,.])(?P<n>{_NUMBER})\s?{_SIGN}")
_PERCENT: Final = re.compile(rf"(?<![\d,.])(?P<n>{_NUMBER})\s?%")
_DEGREES: Final = re.compile(rf"(?<![\d,.])(?P<n>-?{_NUMBER})\s?°(?:\s?(?P<unit>[CF])(?!\w))?")
_DOTTED: Final = re.compile(r"(?<![\d.])\d+(?:\.\d+){2,}(?![.]?\d)")
"""A version or an address (``1.2.3``, ``192.168.1.1``): numbers joined by "point"."""
_MILLIONS: Final = re.compile(
    r"(?:mill[oó]n|millones|bill[oó]n|billones|millions?|milliards?|milion[ei]|miliard[oi]"
    r"|milh(?:ão|ões)|bilh(?:ão|ões))$"
)
_ORDINAL: Final = re.compile(
    r"(?<![\d,.])(?P<n>\d+)"
    r"(?:\.?(?P<mark>[ºª])|(?P<suffix>ers?|res?|ère|èmes?|es?|è|nde?|os?|as?)(?!\w))"
)
_DAY_MONTH: Final = r"(?<![\d,.])1[º°]?(?P<sep>\s+(?:de\s+)?)(?P<month>{months})\b"
_SIGNED: Final = re.compile(rf"(?<![\w.,])[-−](?P<n>{_NUMBER})")
_PLAIN: Final = re.compile(rf"(?<![\d,.])(?P<n>{_NUMBER}){_WORD_AFTER}")
_ANY_DIGIT: Final = re.compile(r"\d")
_DIGIT_RUN: Final = re.compile(r"\d+")

_DIGITS: Final = {
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve",
    "fr-fr": "zéro un deux trois quatre cinq six sept huit neuf",
    "it": "zero uno due tre quattro cinque sei sette otto nove",
    "pt-br": "zero um dois três quatro cinco seis sete oito nove",
}
_MASCULINE_IN_A: Final = frozenset(
    "día días dia dias mapa mapas problema problemas programa programas sistema sistemas "
    "tema temas idioma idiomas clima planeta planetas poeta poetas papa cinema".split()
)
"""Masculine nouns that end in -a, which the gender guess must not make feminine."""


def _digit_words(digits: str, lang: str) -> str:
    names = _DIGITS[lang].split()
    return " ".join(names[int(d)] for d in digits if d.isdigit())


def cardinal(value: int, lang: str) -> str:
    """``1999`` -> "mil novecientos noventa y nueve"; negative numbers say "minus"."""
    words = ROMANCE[lang]
    if len(str(abs(value))) > MAX_DIGITS:
        sign = words.minus + " " if value < 0 else ""
        return sign + _digit_words(str(abs(value)), lang)
    spoken = str(num2words(value, lang=words.num2words)).replace(",", "")
    return " ".join(spoken.split())


def ordinal(value: int, lang: str, *, feminine: bool = False) -> str:
    """``1`` -> "primero" (Spanish), "premier" (French), ``primera`` when `feminine`."""
    words = ROMANCE[lang]
    if len(str(value)) > MAX_DIGITS:
        return cardinal(value, lang)
    spoken = str(num2words(value, lang=words.num2words, to="ordinal")).replace(",", "")
    if feminine:
        if lang == "fr-fr":
            spoken = re.sub(r"\bpremier\b", "première", spoken)
        else:
            spoken = re.sub(r"o\b", "a", spoken)
    return " ".join(spoken.split())


def _feminine_noun(word: str | None) -> bool:
    """A guess at a Spanish, Italian or Portuguese noun's gender from its ending."""
    if not word:
        return False
    word = word.lower()
    return word.endswith(("a", "as")) and word not in _MASCULINE_IN_A


def _agree(spoken: str, lang: str, *, feminine: bool, before_noun: bool) -> str:
    """`spoken` with its last word agreeing with the noun it counts (``un libro``,
    ``una casa``, ``veintiún años``, ``duas horas``)."""
    if not before_noun:
        return spoken
    head, _, last = spoken.rpartition(" ")
    if lang == "es":
        table = {
            "uno": "una" if feminine else "un",
            "veintiuno": "veintiuna" if feminine else "veintiún",
        }
    elif lang == "it":
        table = {"uno": "una" if feminine else "un"} if not head else {}
    elif lang == "pt-br":
        table = {"um": "uma", "dois": "duas"} if feminine else {}
        if feminine:  # duzentas, trezentas...
            head = re.sub(r"entos\b", "entas", head)
            last = re.sub(r"entos$", "entas", last)
    else:
        table = {"un": "une"} if feminine else {}
    last = table.get(last, last)
    return f"{head} {last}" if head else last


def _split(number: str) -> tuple[str, str, str]:
    """Whole digits, the decimal word's key (``comma``/``point``/``""``), fraction digits."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", number):
        whole, _, fraction = number.replace(".", "").partition(",")
        return whole, "comma" if fraction else "", fraction
    for mark, key in ((",", "comma"), (".", "point")):
        if mark in number:
            whole, _, fraction = number.partition(mark)
            return whole, key, fraction
    return number, "", ""


def read_number(
    number: str, lang: str, *, feminine: bool = False, before_noun: bool = False
) -> str:
    """A written number (``1.000``, ``3,5``, ``42``) as words in `lang`.

    A fraction of one or two digits reads as a number (``3,50`` "tres coma
    cincuenta"), a longer one or one with a leading zero digit by digit.
    """
    whole, mark, fraction = _split(number)
    spoken = _agree(
        cardinal(int(whole), lang),
        lang,
        feminine=feminine,
        before_noun=before_noun and not fraction,
    )
    if not fraction:
        return spoken
    words = ROMANCE[lang]
    decimal = words.comma if mark == "comma" else words.point
    if len(fraction) <= 2 and not fraction.startswith("0"):
        return f"{spoken} {decimal} {cardinal(int(fraction), lang)}"
    return f"{spoken} {decimal} {_digit_words(fraction, lang)}"


def _millions_of(spoken: str, words: RomanceWords, noun: str | None) -> str:
    """``dos millones`` + noun -> ``dos millones de`` + noun."""
    if noun and noun.lower() not in ("de", "di", "d") and _MILLIONS.search(spoken):
        return f"{spoken} {words.of_millions}"
    return spoken


def _money(m: re.Match[str], lang: str) -> str:
    words = ROMANCE[lang]
    currency: Currency = words.currencies[_CURRENCY_SIGNS[m["sym"]]]
    whole, mark, fraction = _split(m["n"])
    units = int(whole)
    unit = currency.one if units == 1 else currency.many
    spoken = _agree(cardinal(units, lang), lang, feminine=currency.feminine, before_noun=True)
    if _MILLIONS.search(spoken):
        spoken = f"{spoken} {words.of_millions}"
    spoken = f"{spoken} {unit}"
    if mark and fraction:
        cents = int((fraction + "0")[:2])
        if cents:
            cent = currency.cent if cents == 1 else currency.cents
            said = _agree(cardinal(cents, lang), lang, feminine=False, before_noun=True)
            spoken = f"{spoken} {words.and_cents} {said} {cent}"
    return spoken


def _hour(hour: int, lang: str) -> str:
    # Hours are feminine in all four languages: "una", "une", "uma", "duas".
    return _agree(cardinal(hour, lang), lang, feminine=True, before_noun=True)


def _time(m: re.Match[str], lang: str) -> str:
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if hour > 24 or minute > 59:
        return m[0]
    words = ROMANCE[lang]
    hours = words.hours[0] if hour == 1 else words.hours[1]
    if minute == 0:
        return words.full_hour.format(h=_hour(hour, lang), hours=hours)
    said = cardinal(minute, lang)
    return words.time.format(h=_hour(hour, lang), hours=hours, m=said)


def _year(digits: str, lang: str) -> str:
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 50 else 1900
    return cardinal(year, lang)


def _day(day: int, lang: str) -> str:
    return ROMANCE[lang].first_day if day == 1 else cardinal(day, lang)


def _date(m: re.Match[str], lang: str) -> str:
    day, month = int(m["d"]), int(m["mo"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return m[0]
    words = ROMANCE[lang]
    return words.date.format(d=_day(day, lang), m=words.months[month - 1], y=_year(m["y"], lang))


def _ordinal(m: re.Match[str], lang: str) -> str:
    value, mark, suffix = int(m["n"]), m["mark"], m["suffix"] or ""
    plural = "s" if suffix.endswith("s") else ""
    if lang == "fr-fr":
        if suffix in ("er", "ers", "re", "res", "ère") and value == 1:
            return ordinal(1, lang, feminine=suffix[0] != "e") + plural
        if suffix in ("e", "es", "è", "ème", "èmes"):
            return ordinal(value, lang) + plural
        if suffix in ("nd", "nde") and value == 2:
            return "second" + suffix[2:]
        return read_number(m["n"], lang) + " " + suffix if suffix else m[0]
    if mark:
        feminine = mark == "ª"
    elif suffix in ("o", "a", "os", "as"):
        feminine = suffix[0] == "a"
    elif suffix == "er" and lang == "es" and value in (1, 3):
        return "primer" if value == 1 else "tercer"
    else:
        return read_number(m["n"], lang) + " " + suffix
    spoken = ordinal(value, lang, feminine=feminine)
    return re.sub(r"([oa])\b", r"\1s", spoken) if plural else spoken


def _dotted(m: re.Match[str], lang: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", m[0]):  # 1.000.000: thousands, read later
        return m[0]
    return f" {ROMANCE[lang].point} ".join(cardinal(int(n), lang) for n in m[0].split("."))


def _degrees(m: re.Match[str], lang: str) -> str:
    words = ROMANCE[lang]
    number = m["n"]
    sign = words.minus + " " if number.startswith("-") else ""
    number = number.lstrip("-")
    unit = words.degrees[0] if number == "1" else words.degrees[1]
    spoken = f"{sign}{read_number(number, lang)} {unit}"
    if m["unit"]:
        spoken += " Celsius" if m["unit"] == "C" else " Fahrenheit"
    return spoken


def _plain(m: re.Match[str], lang: str) -> str:
    noun = m["next"]
    before_noun = noun is not None and noun[0].islower()
    feminine = before_noun and lang != "fr-fr" and _feminine_noun(noun)
    spoken = read_number(m["n"], lang, feminine=feminine, before_noun=before_noun)
    return _millions_of(spoken, ROMANCE[lang], noun if before_noun else None)


def _rules(lang: str) -> tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]:
    words = ROMANCE[lang]
    months = "|".join(words.months)
    day_month = re.compile(_DAY_MONTH.format(months=months), re.IGNORECASE)
    clock = (_CLOCK, _H_CLOCK) if lang in ("fr-fr", "pt-br") else (_CLOCK,)
    return (
        (_SPACED_THOUSANDS, lambda m: m[0].replace(" ", "")),
        (_ISO_DATE, lambda m: _date(m, lang)),
        (day_month, lambda m: words.first_day + m["sep"] + m["month"]),
        (_NUMERIC_DATE, lambda m: _date(m, lang)),
        *((pattern, lambda m: _time(m, lang)) for pattern in clock),
        (_MONEY_BEFORE, lambda m: _money(m, lang)),
        (_MONEY_AFTER, lambda m: _money(m, lang)),
        (_DOTTED, lambda m: _dotted(m, lang)),
        (_PERCENT, lambda m: f"{read_number(m['n'], lang)} {words.percent}"),
        (_DEGREES, lambda m: _degrees(m, lang)),
        (_ORDINAL, lambda m: _ordinal(m, lang)),
        (_SIGNED, lambda m: f"{words.minus} {read_number(m['n'], lang)}"),
        (_PLAIN, lambda m: _plain(m, lang)),
        (_DIGIT_RUN, lambda m: cardinal(int(m[0]), lang)),
    )


_RULES: Final = {lang: _rules(lang) for lang in ROMANCE}


def normalize_romance(text: str, lang: str) -> str:
    """`text` with its numbers, money, percentages, dates and times as words in `lang`
    (``es``, ``fr-fr``, ``it`` or ``pt-br``). Pure; no ASCII digit is left."""
    if _ANY_DIGIT.search(text) is None:
        return text
    for pattern, speak in _RULES[lang]:
        text = pattern.sub(speak, text)
    # A digit outside ASCII (Arabic-Indic, superscript) that no rule reads.
    return "".join(c for c in text if not c.isdigit() or c.isascii())
