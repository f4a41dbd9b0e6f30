"""Roman numerals, only where context makes them numbers.

After a word that numbers its parts ("Chapter IV", "World War II", "Super Bowl
LVIII") a numeral reads as a cardinal: "Chapter four". After a capitalised name
("Henry VIII", "Louis XIV", "Elizabeth II") it reads as a regnal ordinal: "Henry
the Eighth". A lone "I" is only a numeral after a section word or a title and a
name ("King George I"), never the pronoun: not in a relative clause either ("the
chapter I read", "the part I liked": a determiner before the section word and a
lowercase word after "I"); words such as "MIX" or "CIVIL" are never numerals.
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.numbers import cardinal, ordinal

__all__ = ["expand_roman", "roman_value"]

_VALID: Final = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_VALUES: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_MAX_REGNAL: Final = 39

_SECTION_WORDS: Final = (
    r"(?:[Cc]hapter|[Pp]art|[Bb]ook|[Vv]olume|Vol\.|[Aa]ct|[Ss]cene|[Ss]ection|[Aa]rticle"
    r"|[Pp]hase|[Ee]pisode|[Tt]itle|[Aa]ppendix|[Ss]tage|[Ll]evel|[Tt]ype|[Cc]lass|[Ss]chedule"
    r"|[Aa]mendment|[Pp]salm|[Cc]anto|Apollo|[Ww]orld [Ww]ar|Super Bowl|[Ff]igure|[Tt]able)"
)
_TITLES: Final = (
    r"(?:King|Queen|Pope|Emperor|Empress|Tsar|Czar|Prince|Princess|Duke|Sultan|Kaiser|Pharaoh"
    r"|Saint|St\.)"
)
_NOT_NAMES: Final = frozenset(
    (
        "The A An And But Or Nor If In On At Of To By For From With As Is It Its We He She They"
        " You I This That These Those There Then When What Why How Who Where Which While My Our"
        " Your His Her Their So Not No Yes All Any Each Every Some Both"
    ).split()
)
_DETERMINER_BEFORE: Final = re.compile(
    r"\b(?:the|this|that|these|those|every|each|which|what|whatever|whichever|any|a|an|my"
    r"|your|his|her|our|their|first|last|next|only|same|one)\s+$",
    re.IGNORECASE,
)
_WORD_AFTER: Final = re.compile(r"\s+[a-z]")
_NUMERAL: Final = r"(?P<numeral>[IVXLCDM]+)"
_AFTER: Final = r"(?P<possessive>['’]s)?(?![\w'’\-]|\s+[A-Z](?:[\s.,;:!?'’-]|$))"
_SECTION: Final = re.compile(
    r"\b(?P<context>" + _SECTION_WORDS + r")(?P<gap>\s+)" + _NUMERAL + _AFTER
)
_REGNAL: Final = re.compile(
    r"(?P<context>\b(?:" + _TITLES + r"\s+)?(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))"
    r"(?P<gap>\s+)" + _NUMERAL + _AFTER
)


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed numeral (``"XIV"`` -> 14), or None."""
    if not numeral or not _VALID.fullmatch(numeral):
        return None
    total = 0
    for current, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = _VALUES[current]
        total += -value if following != " " and _VALUES[following] > value else value
    return total


def _relative_clause(match: re.Match[str]) -> bool:
    """True for "the chapter I read": the pronoun after "determiner + section word"."""
    if match["numeral"] != "I" or match["possessive"]:
        return False
    before = match.string[max(0, match.start() - 12) : match.start()]
    return bool(_DETERMINER_BEFORE.search(before) and _WORD_AFTER.match(match.string, match.end()))


def expand_roman(text: str, british: bool = False) -> str:
    """``World War II`` -> "World War two", ``Henry VIII`` -> "Henry the Eighth"."""

    def possessive(match: re.Match[str]) -> str:
        return match["possessive"] or ""

    def section(match: re.Match[str]) -> str:
        value = roman_value(match["numeral"])
        if value is None or _relative_clause(match):
            return match[0]
        return match["context"] + match["gap"] + cardinal(value, british) + possessive(match)

    def regnal(match: re.Match[str]) -> str:
        numeral, name = match["numeral"], match["name"]
        value = roman_value(numeral)
        if value is None or value > _MAX_REGNAL or not set(numeral) <= set("IVX"):
            return match[0]
        if name.split()[0] in _NOT_NAMES:
            return match[0]
        has_title = match["context"] != name
        if numeral == "X" or (numeral == "I" and not has_title):  # Malcolm X, "Mary I think"
            return match[0]
        nth = ordinal(value, british).capitalize()
        return f"{match['context']}{match['gap']}the {nth}{possessive(match)}"

    text = _SECTION.sub(section, text)
    return _REGNAL.sub(regnal, text)
