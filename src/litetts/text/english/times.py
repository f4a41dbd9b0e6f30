"""Clock times: ``3:30 pm`` -> "three thirty P M", ``14:05`` -> "fourteen oh five",
British ``9.30 am`` -> "nine thirty A- M".

Minutes under ten read "oh five"; on the hour a 12-hour time says "o'clock"
(or just "P M"), a 24-hour time says "hundred" ("fourteen hundred"). The
meridiem is spelled as letters (`initialisms.spell`: "A- M", "P M").
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.initialisms import spell
from litetts.text.english.numbers import cardinal, has_digit, pad

__all__ = ["expand_times", "meridiem", "say_time"]

_MERIDIEM: Final = r"(?P<ampm>[AaPp]\.?[Mm]\.?)(?![\w])"
_CLOCK: Final = re.compile(
    r"(?<![\w.,:])(?P<h>[01]?[0-9]|2[0-3]):(?P<m>[0-5][0-9])(?::(?P<s>[0-5][0-9]))?"
    r"(?:\s?" + _MERIDIEM + r")?(?![\w:]|[.,][0-9])"
)
# British style "9.30 am": a dot between hour and minutes, only with a meridiem (else a decimal).
_DOTTED: Final = re.compile(r"(?<![\w.,:])(?P<h>1[0-2]|0?[1-9])\.(?P<m>[0-5][0-9])\s?" + _MERIDIEM)
_HOUR: Final = re.compile(r"(?<![\w.,:])(?P<h>1[0-2]|0?[1-9])\s?" + _MERIDIEM)


def meridiem(written: str) -> str:
    """``"pm"``, ``"P.M."`` -> "P M"; ``"am"`` -> "A- M"."""
    return spell(written[0] + "M")


def _minutes(minutes: int) -> str:
    return "oh " + cardinal(minutes) if minutes < 10 else cardinal(minutes)


def say_time(hours: int, minutes: int, ampm: str | None = None, seconds: int | None = None) -> str:
    """Words for a clock time.

    Args:
        hours: 0-23.
        minutes: 0-59.
        ampm: the written meridiem, if any (``"pm"``, ``"a.m."``).
        seconds: 0-59, if written.
    """
    twelve_hour = ampm is not None or 1 <= hours <= 12
    if hours == 0 and ampm is None:
        spoken = "zero " + (_minutes(minutes) if minutes else "hundred")
    elif minutes == 0 and ampm is not None:
        spoken = cardinal(hours)
    elif minutes == 0 and twelve_hour:
        spoken = cardinal(hours) + " o'clock"
    elif minutes == 0:
        spoken = cardinal(hours) + " hundred"
    else:
        spoken = cardinal(hours) + " " + _minutes(minutes)
    if seconds is not None:
        unit = "second" if seconds == 1 else "seconds"
        spoken += f" and {cardinal(seconds)} {unit}"
    if ampm is not None:
        spoken += " " + meridiem(ampm)
    return spoken


def _ends_sentence(text: str, end: int) -> bool:
    rest = text[end : end + 3]
    return rest == "" or rest[0] == "\n" or (len(rest) > 1 and rest[0] == " " and rest[1].isupper())


def expand_times(text: str, british: bool = False) -> str:
    """``3:30 pm`` -> "three thirty P M", ``10am`` -> "ten A- M", ``14:05`` -> "fourteen
    oh five"."""
    del british

    def spoken(match: re.Match[str]) -> str:
        hours = int(match["h"])
        ampm = match["ampm"]
        if ampm is not None and not 1 <= hours <= 12:
            ampm = None
        seconds = int(match["s"]) if match["s"] else None
        words = say_time(hours, int(match["m"]), ampm, seconds)
        if match["ampm"] is not None and ampm is None:
            words += " " + meridiem(match["ampm"])
        return _finish(words, match)

    def dotted(match: re.Match[str]) -> str:
        return _finish(say_time(int(match["h"]), int(match["m"]), match["ampm"]), match)

    def on_the_hour(match: re.Match[str]) -> str:
        return _finish(cardinal(int(match["h"])) + " " + meridiem(match["ampm"]), match)

    if not has_digit(text):
        return text
    text = _CLOCK.sub(spoken, text)
    text = _DOTTED.sub(dotted, text)
    return _HOUR.sub(on_the_hour, text)


def _finish(words: str, match: re.Match[str]) -> str:
    # "at 5 p.m." ends a sentence: the full stop the meridiem swallowed comes back.
    ampm = match["ampm"]
    if ampm is not None and ampm.endswith(".") and _ends_sentence(match.string, match.end()):
        words += "."
    return pad(words, match.string, match.start(), match.end())
