"""Abbreviations: titles (``Dr.``, ``Mr.``, ``St.``), Latin (``e.g.``, ``etc.``), ``No. 5``.

``St.`` and ``Dr.`` read by context: before a name they are "Saint" and "Doctor",
after a street name "Street" and "Drive" ("St. Louis", "Main St."). British
titles without a full stop ("Mr Smith") are read too. An abbreviation that may
end a sentence ("etc.", "Jr.", "Main St.") keeps its full stop when the sentence
ends there; a title's full stop goes.
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.numbers import has_digit

__all__ = ["ABBREVIATIONS", "expand_abbreviations"]

TITLES: Final = {
    "Dr": "Doctor",
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Prof": "Professor",
    "St": "Saint",
    "Mt": "Mount",
    "Ft": "Fort",
    "Gen": "General",
    "Capt": "Captain",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Sgt": "Sergeant",
    "Rev": "Reverend",
    "Gov": "Governor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Pres": "President",
    "Fr": "Father",
}
"""Titles before a capitalised name."""

_NO_STOP_NEEDED: Final = frozenset({"Dr", "Mr", "Mrs", "Ms", "St", "Mt"})

STREETS: Final = {"St": "Street", "Dr": "Drive", "Ave": "Avenue", "Rd": "Road", "Blvd": "Boulevard"}
"""Street types after a street name."""

SUFFIXES: Final = {
    "Jr": "Junior",
    "Sr": "Senior",
    "Inc": "Incorporated",
    "Ltd": "Limited",
    "Corp": "Corporation",
    "Co": "Company",
}
"""Abbreviations after a name, which may end a sentence."""

BEFORE_NUMBERS: Final = {
    "No": "number",
    "no": "number",
    "Nos": "numbers",
    "nos": "numbers",
    "p": "page",
    "pp": "pages",
    "Vol": "volume",
    "vol": "volume",
    "Ch": "chapter",
    "ch": "chapter",
    "Fig": "figure",
    "fig": "figure",
    "Eq": "equation",
    "eq": "equation",
}
"""Abbreviations read only before a number ("No. 5", "pp. 10-20")."""

LATIN: Final = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "vs": "versus",
    "cf.": "compare",
    "approx.": "approximately",
    "a.k.a.": "also known as",
    "w/o": "without",
}
"""Abbreviations read the same everywhere (any case of the first letter)."""

ABBREVIATIONS: Final = frozenset(
    {key.lower().rstrip(".") for key in (*TITLES, *STREETS, *SUFFIXES, *BEFORE_NUMBERS)}
    | {key.lower().replace(".", "") for key in LATIN}
)
"""Every abbreviation this module reads, lower case, without full stops."""

_SENTENCE_END: Final = re.compile(r"(?:\s*$|\s*\n|\s+[A-Z\"“'‘(])")
_TITLE: Final = re.compile(
    r"(?<![\w.])(?P<abbr>" + "|".join(TITLES) + r")(?P<stop>\.)?(?P<gap>\s+)(?=[A-Z])"
)
_STREET: Final = re.compile(
    r"(?<=[A-Za-z0-9] )(?P<abbr>" + "|".join(STREETS) + r")(?P<stop>\.)?(?![\w'’.])"
)
_SUFFIX: Final = re.compile(
    r"(?<=[A-Za-z,] )(?P<abbr>" + "|".join(SUFFIXES) + r")(?P<stop>\.)?(?![\w'’.])"
)
_LONE_TITLE: Final = re.compile(r"(?<![\w.])(?P<abbr>Mrs|Mr|Ms|Dr|Prof)\.(?=\s)")
_BEFORE_NUMBER: Final = re.compile(
    r"(?<![\w.])(?P<abbr>" + "|".join(BEFORE_NUMBERS) + r")\.\s?(?=[0-9#])"
)
_LATIN_FORMS: Final = sorted({*LATIN, *(key.capitalize() for key in LATIN)}, key=len, reverse=True)
_LATIN: Final = re.compile(
    r"(?<![\w.])(?P<abbr>" + "|".join(map(re.escape, _LATIN_FORMS)) + r")(?![\w])"
)


def _ends_sentence(match: re.Match[str]) -> bool:
    return _SENTENCE_END.match(match.string, match.end()) is not None


def _with_stop(words: str, match: re.Match[str]) -> str:
    return words + "." if match["stop"] and _ends_sentence(match) else words


def expand_abbreviations(text: str, british: bool = False) -> str:
    """``Dr. Smith`` -> "Doctor Smith", ``Main St.`` -> "Main Street", ``e.g.`` -> "for
    example"."""
    del british

    def title(match: re.Match[str]) -> str:
        abbr = match["abbr"]
        if not match["stop"] and abbr not in _NO_STOP_NEEDED:
            return match[0]
        before = match.string[max(0, match.start() - 12) : match.start()]
        if abbr in STREETS and re.search(r"[0-9](?:st|nd|rd|th)? $", before):
            return STREETS[abbr] + match["gap"]  # "5th St. North"
        return TITLES[abbr] + match["gap"]

    def street(match: re.Match[str]) -> str:
        before = match.string[max(0, match.start() - 30) : match.start()]
        if not re.search(r"(?:\b[A-Z][\w'’-]*|[0-9](?:st|nd|rd|th)?) $", before):
            return match[0]
        return _with_stop(STREETS[match["abbr"]], match)

    def suffix(match: re.Match[str]) -> str:
        if match["abbr"] == "Co" and not match["stop"]:
            return match[0]
        return _with_stop(SUFFIXES[match["abbr"]], match)

    def before_number(match: re.Match[str]) -> str:
        words = BEFORE_NUMBERS[match["abbr"]]
        return (words.capitalize() if match["abbr"][0].isupper() else words) + " "

    def latin(match: re.Match[str]) -> str:
        written = match["abbr"]
        words = LATIN[written.lower()]
        if written[0].isupper():
            words = words[0].upper() + words[1:]
        if written.lower() == "etc." and _ends_sentence(match):
            words += "."
        return words

    if has_digit(text):
        text = _BEFORE_NUMBER.sub(before_number, text)
    text = _TITLE.sub(title, text)
    text = _STREET.sub(street, text)
    text = _SUFFIX.sub(suffix, text)
    text = _LONE_TITLE.sub(lambda match: TITLES[match["abbr"]], text)
    return _LATIN.sub(latin, text)
