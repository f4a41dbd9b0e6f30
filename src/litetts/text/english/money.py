"""Money: ``$2.50`` -> "two dollars and fifty cents", ``£4.20`` -> "four pounds twenty".

Dollars and euros say "and N cents"; pounds follow British usage, "four pounds
twenty" (pence alone: "fifty pence"). A scale word or letter makes the amount a
plain number before the currency: ``$2.5 million`` -> "two point five million
dollars", ``$5k`` -> "five thousand dollars". Yen have no minor unit.
"""

from __future__ import annotations

import re
from typing import Final

from attrs import frozen

from litetts.text.english.numbers import cardinal, has_digit, number, pad

__all__ = ["CURRENCIES", "Currency", "expand_money", "say_amount"]


@frozen
class Currency:
    """How one currency is spoken."""

    one: str
    many: str
    cent: str | None = None
    """The minor unit, singular; None where there is none (yen)."""
    cents: str | None = None
    """The minor unit, plural."""
    british_style: bool = False
    """Say "four pounds twenty" rather than "four pounds and twenty pence"."""


CURRENCIES: Final = {
    "$": Currency("dollar", "dollars", "cent", "cents"),
    "US$": Currency("U S dollar", "U S dollars", "cent", "cents"),
    "€": Currency("euro", "euros", "cent", "cents"),
    "£": Currency("pound", "pounds", "penny", "pence", british_style=True),
    "¥": Currency("yen", "yen"),
    "₹": Currency("rupee", "rupees", "paisa", "paise"),
    "₩": Currency("won", "won"),
    "₽": Currency("ruble", "rubles", "kopeck", "kopecks"),
}
"""Currency symbols and how their amounts are spoken."""

_SCALES: Final = {
    "thousand": "thousand",
    "k": "thousand",
    "K": "thousand",
    "million": "million",
    "m": "million",
    "M": "million",
    "mn": "million",
    "billion": "billion",
    "bn": "billion",
    "B": "billion",
    "trillion": "trillion",
    "tn": "trillion",
    "T": "trillion",
}
_AMOUNT: Final = r"(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.(?P<minor>[0-9]+))?"
_SCALE: Final = r"(?:\s?(?P<scale>" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\b)?"
_SYMBOL: Final = r"(?P<symbol>US\$|[$€£¥₹₩₽])"
_PREFIXED: Final = re.compile(
    r"(?P<sign>(?<![\w.,])[-−])?" + _SYMBOL + r"\s?" + _AMOUNT + _SCALE + r"(?![0-9]|[.,][0-9])"
)
_SUFFIXED: Final = re.compile(r"(?<![\w.,])" + _AMOUNT + r"\s?(?P<symbol>[€¢])(?!\w)")


def say_amount(
    currency: Currency, whole: str, minor: str | None, scale: str | None, british: bool = False
) -> str:
    """Words for an amount of `currency`.

    Args:
        currency: how the currency is spoken.
        whole: the digits before the decimal point (separators allowed).
        minor: the digits after it, if any.
        scale: "thousand", "million"..., if the amount had one.
        british: British English number words.
    """
    written = whole + ("." + minor if minor else "")
    if scale is not None:
        return f"{number(written, british)} {scale} {currency.many}"
    units = int(whole.replace(",", "")) if len(whole) <= 18 else None
    two_digit_minor = minor is not None and len(minor) == 2 and currency.cent is not None
    if units is None or (minor is not None and not two_digit_minor):
        return f"{number(written, british)} {currency.many}"
    name = currency.one if units == 1 else currency.many
    major = f"{cardinal(units, british)} {name}"
    cents = int(minor) if minor is not None and two_digit_minor else 0
    if not cents:
        return major
    minor_words = cardinal(cents, british)
    if currency.british_style and units:
        return f"{major} {minor_words}"
    minor_name = currency.cent if cents == 1 else currency.cents
    if not units:
        return f"{minor_words} {minor_name}"
    return f"{major} and {minor_words} {minor_name}"


def expand_money(text: str, british: bool = False) -> str:
    """``$5`` -> "five dollars", ``€3`` -> "three euros", ``¥500`` -> "five hundred yen"."""

    def prefixed(match: re.Match[str]) -> str:
        currency = CURRENCIES[match["symbol"]]
        scale = _SCALES[match["scale"]] if match["scale"] else None
        words = say_amount(currency, match["whole"], match["minor"], scale, british)
        if match["sign"]:
            words = "minus " + words
        return pad(words, match.string, match.start(), match.end())

    def suffixed(match: re.Match[str]) -> str:
        if match["symbol"] == "¢":
            cents = Currency("cent", "cents")
            words = say_amount(cents, match["whole"], match["minor"], None, british)
        else:
            words = say_amount(CURRENCIES["€"], match["whole"], match["minor"], None, british)
        return pad(words, match.string, match.start(), match.end())

    if not has_digit(text):
        return text
    text = _PREFIXED.sub(prefixed, text)
    return _SUFFIXED.sub(suffixed, text)
