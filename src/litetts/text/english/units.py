"""Percentages and units after a number: ``50%`` -> "fifty percent", ``2.5kg`` -> "two point
five kilograms", ``20°C`` -> "twenty degrees Celsius".

A unit is only read as one right after a number, with or without a space (a
space is not allowed for "in", which is too often the word "in"). British English
spells "metre" and "litre". Exactly 1 takes the singular ("1 km" -> "one
kilometer"); anything else the plural.
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.fractions import say_fraction
from litetts.text.english.numbers import has_digit, number, pad

__all__ = ["UNITS", "expand_units"]

_SAME: Final = ("hertz", "kilohertz", "megahertz", "gigahertz", "percent")


def _unit(singular: str, plural: str | None = None) -> tuple[str, str]:
    if plural is None:
        plural = singular if singular in _SAME else singular + "s"
    return singular, plural


UNITS: Final[dict[str, tuple[str, str]]] = {
    "%": _unit("percent"),
    "km": _unit("kilometer"),
    "m": _unit("meter"),
    "cm": _unit("centimeter"),
    "mm": _unit("millimeter"),
    "µm": _unit("micrometer"),
    "mi": _unit("mile"),
    "yd": _unit("yard"),
    "ft": _unit("foot", "feet"),
    "in": _unit("inch", "inches"),
    "kg": _unit("kilogram"),
    "g": _unit("gram"),
    "mg": _unit("milligram"),
    "µg": _unit("microgram"),
    "lb": _unit("pound"),
    "lbs": _unit("pound"),
    "oz": _unit("ounce"),
    "l": _unit("liter"),
    "L": _unit("liter"),
    "ml": _unit("milliliter"),
    "mL": _unit("milliliter"),
    "cl": _unit("centiliter"),
    "gal": _unit("gallon"),
    "mph": _unit("mile per hour", "miles per hour"),
    "tbsp": _unit("tablespoon"),
    "Tbsp": _unit("tablespoon"),
    "tbs": _unit("tablespoon"),
    "tsp": _unit("teaspoon"),
    "qt": _unit("quart"),
    "c.": _unit("cup"),
    "in.": _unit("inch", "inches"),
    "fps": _unit("frame per second", "frames per second"),
    "km/h": _unit("kilometer per hour", "kilometers per hour"),
    "kph": _unit("kilometer per hour", "kilometers per hour"),
    "m/s": _unit("meter per second", "meters per second"),
    "°C": _unit("degree Celsius", "degrees Celsius"),
    "°F": _unit("degree Fahrenheit", "degrees Fahrenheit"),
    "°": _unit("degree"),
    "ºC": _unit("degree Celsius", "degrees Celsius"),
    "ºF": _unit("degree Fahrenheit", "degrees Fahrenheit"),
    "KB": _unit("kilobyte"),
    "kB": _unit("kilobyte"),
    "MB": _unit("megabyte"),
    "GB": _unit("gigabyte"),
    "TB": _unit("terabyte"),
    "kbps": _unit("kilobit per second", "kilobits per second"),
    "Mbps": _unit("megabit per second", "megabits per second"),
    "Gbps": _unit("gigabit per second", "gigabits per second"),
    "Hz": _unit("hertz"),
    "kHz": _unit("kilohertz"),
    "MHz": _unit("megahertz"),
    "GHz": _unit("gigahertz"),
    "W": _unit("watt"),
    "kW": _unit("kilowatt"),
    "MW": _unit("megawatt"),
    "Wh": _unit("watt hour"),
    "kWh": _unit("kilowatt hour"),
    "V": _unit("volt"),
    "kV": _unit("kilovolt"),
    "mAh": _unit("milliamp hour"),
    "h": _unit("hour"),
    "hr": _unit("hour"),
    "hrs": _unit("hour"),
    "min": _unit("minute"),
    "mins": _unit("minute"),
    "s": _unit("second"),
    "sec": _unit("second"),
    "secs": _unit("second"),
    "ms": _unit("millisecond"),
    "µs": _unit("microsecond"),
    "ns": _unit("nanosecond"),
    "km²": _unit("square kilometer"),
    "m²": _unit("square meter"),
    "cm²": _unit("square centimeter"),
    "ft²": _unit("square foot", "square feet"),
    "sq ft": _unit("square foot", "square feet"),
    "m³": _unit("cubic meter"),
    "cm³": _unit("cubic centimeter"),
}
"""Unit symbols after a number -> (singular, plural) in American spelling."""

_NUMBER: Final = (
    r"(?P<sign>(?:(?<=^)|(?<=[\s(\[]))[-−+])?"
    r"(?:(?:(?P<whole>[0-9]{1,6})\s)?(?P<num>[0-9]{1,6})/(?P<den>[0-9]{1,6})"
    r"|(?P<value>(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+))"
)
_SYMBOLS: Final = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
_UNIT: Final = re.compile(
    r"(?<![\w.,/'’])" + _NUMBER + r"(?P<gap>[ \-]?)(?P<unit>" + _SYMBOLS + r")"
    r"(?![\w²³/]|\.[0-9])(?P<dot>\.(?=[ \t]+[a-z]))?"
)
_ALONE_NEEDS_NO_SPACE: Final = frozenset({"in"})
_CLOCK_SPAN: Final = re.compile(
    r"(?<![\w.,])(?P<a>[0-9]{1,3})\s?(?P<big>h|hr|m|min)\s?(?P<b>[0-9]{1,2})\s?(?P<small>m|min|s|sec)\b"
)
"""``2m 30s``, ``1h 15m``: two units of a duration, the first one larger."""
_SPANS: Final = {("h", "m"): ("hour", "minute"), ("m", "s"): ("minute", "second")}
_BARE_DEGREES: Final = re.compile(
    r"(?P<pre>\b(?:at|to|of|is|was|reached|reaches|around|about|above|below) )"
    r"(?P<n>-?[0-9]{1,3})(?P<scale>[CF])\b"
)
"""``bake at 180C``: a temperature written without its degree sign."""


def _spell(words: str, british: bool) -> str:
    if british:
        return words.replace("meter", "metre").replace("liter", "litre")
    return words


def expand_units(text: str, british: bool = False) -> str:
    """``5 km`` -> "five kilometers", ``-5°C`` -> "minus five degrees Celsius"."""

    def spoken(match: re.Match[str]) -> str:
        unit = match["unit"]
        if unit in _ALONE_NEEDS_NO_SPACE and match["gap"]:
            return match[0]
        if unit.endswith(".") and not re.match(r"[ \t]+[a-z]", match.string[match.end() :]):
            return match[0]  # "5 in." ending a sentence: the word "in" and a full stop
        singular, plural = UNITS[unit]
        if match["value"] is not None:
            written = (match["sign"] or "") + match["value"]
            amount = number(written, british)
            one = match["value"] == "1"
        else:
            whole = int(match["whole"]) if match["whole"] else None
            amount = say_fraction(int(match["num"]), int(match["den"]), whole, british)
            if match["sign"]:
                amount = "minus " + amount
            one = False
        name = singular if one else plural
        if match["value"] is None and match["whole"] is None:
            article = "an" if singular[0] in "aeiou" else "a"
            name = f"of {article} {singular}"  # "3/4 kg" -> "three quarters of a kilogram"
            if amount == "one half":
                amount, name = "half", f"{article} {singular}"
        joiner = " "
        if match["gap"] == "-" and match["value"] is not None:
            joiner, name = "-", singular  # "a 5-kg bag" -> "a five-kilogram bag"
        words = f"{amount}{joiner}{_spell(name, british)}"
        if match["dot"] and not unit[-1].isalpha():
            words += "."
        return pad(words, match.string, match.start(), match.end())

    def span(match: re.Match[str]) -> str:
        key = (match["big"][0], match["small"][0])
        if key not in _SPANS:
            return match[0]
        big, small = _SPANS[key]
        a, b = int(match["a"]), int(match["b"])
        return (
            f"{number(match['a'], british)} {big if a == 1 else big + 's'}"
            f" {number(match['b'], british)} {small if b == 1 else small + 's'}"
        )

    if not has_digit(text):
        return text
    text = _CLOCK_SPAN.sub(span, text)
    text = _BARE_DEGREES.sub(lambda m: f"{m['pre']}{m['n']}°{m['scale']}", text)
    return _UNIT.sub(spoken, text)
