"""Initialisms spelled letter by letter (FBI -> "F B I"); acronyms said as words stay (NASA).

A run of two or more capital letters is spelled unless it is a known acronym,
a short common word written in capitals ("NO", "THE"), part of a shouted phrase
(its neighbours are capitals too), a roman numeral (left to `roman`), or, from
four letters up, shaped like an English word (a vowel, and consonant clusters that
can begin and end a syllable).

Spelled letters are capitals separated by spaces, which espeak-ng reads as letter
names. The letter A is written ``A-``: a bare "A" before a word reads as the
article ("ə"), the hyphen makes it the letter name and adds no pause. A plural or
possessive keeps its ``'s`` on the last letter: ``CEOs`` -> "C E O's". Dotted
initialisms (``U.S.``, ``U.N.``) are spelled the same way.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["expand_initialisms", "is_pronounceable", "spell"]

ACRONYMS: Final = frozenset(
    (
        "AIDS ASAP ASCII CAPTCHA COVID DARPA FEMA FIFA FLOTUS FOMO GIF GIFS ISIS IKEA ISO JPEG"
        " JSON LAN LASER LEGO MERS NAFTA NASA NASDAQ NATO NIMBY NOAA OPEC OSHA PAC PIN PINS"
        " POTUS RADAR RAM ROM SARS SCOTUS SCUBA SIM SONAR SWAT TASER UNESCO UNICEF WAN WASP"
        " WYSIWYG YAML YOLO ZIP"
    ).split()
)
"""Acronyms said as words although the heuristic would spell them (or might)."""

SPELLED: Final = frozenset("ESPN IEEE NYSE UCLA USSR UEFA AARP NCAA".split())
"""Word-shaped initialisms that are nevertheless spelled."""

COMMON_WORDS: Final = frozenset(
    (
        "AN AS AT BE BY DO GO HE HI IF IN IS ME MY NO OF OH ON OR SO TO UP WE AM"
        " THE AND BUT FOR NOT YOU ARE WAS ALL CAN HAS HAD HER HIS HIM HOW ITS LET MAY NEW NOW"
        " OLD OUR OUT OWN SAY SEE SHE TOO TWO WAY WHY YES YET GET GOT BIG BAD HOT RED RUN TOP"
        " WIN OFF DAY END FUN BOY MAN MEN ONE SIX TEN DID GOD LOT ANY FEW BOX CAT DOG CAR SUN"
        " ART AGE AGO AIR ASK BED BUY CUT EAT EYE FAR FLY GUY HIT JOB KEY KID LAW LAY LEG LIE"
        " LOW MOM DAD MIX NOR ODD OIL PAY PUT SAD SIT SKY SON TAX TRY USE WAR WET ZOO FIX HEY"
        " WOW YAY"
    ).split()
)
"""Short words that capitals do not turn into initialisms (emphasis, headings)."""

_ONSETS: Final = frozenset(
    (
        "B C D F G H J K L M N P Q R S T V W X Z BL BR CH CL CR DR DW FL FR GL GR KN PH PL PR"
        " QU SC SCH SCR SH SHR SK SL SM SN SP SPL SPR SQU ST STR SW TH THR TR TW WH WR"
    ).split()
) | {""}
_CODAS: Final = frozenset(
    (
        "B C D F G K L M N P R S T V X Z CH CK CT FT GH LD LF LK LL LM LP LT MB MP ND NG NK NT"
        " PT RB RC RD RK RL RM RN RP RS RT SH SK SP SS ST TH TS XT NS MS DS GS KS LS PS RG NDS"
        " NTS RTS NCH RCH TCH"
    ).split()
) | {""}
_ROMAN_ONLY: Final = re.compile(r"[IVX]+")
_TOKEN: Final = re.compile(
    r"(?<![\w'’.])(?P<letters>[A-Z]{2,})(?P<suffix>['’]s\b|s\b)?(?![\w'’]|\.[A-Za-z0-9])"
)
_DOTTED: Final = re.compile(
    r"(?<![\w.])(?P<letters>(?:[A-Z]\.){2,})(?P<suffix>['’]?s\b)?(?P<end>\s*$|\s*\n)?"
)
"""``U.S.``, ``U.N.``, ``D.C.``: capitals each followed by a dot."""
_WORD_BEFORE: Final = re.compile(r"([A-Za-z]+)[ \t]+$")
_WORD_AFTER: Final = re.compile(r"^[ \t]+([A-Za-z]+)")
_WINDOW: Final = 40


def spell(letters: str, plural: bool = False) -> str:
    """Letters as spoken letter names: ``"FBI"`` -> "F B I", ``"ATM"`` -> "A- T M".

    Args:
        letters: ASCII letters, any case (spelled as capitals).
        plural: add ``'s`` to the last letter (plurals and possessives).
    """
    names = [ch for ch in letters.upper() if "A" <= ch <= "Z"]
    if not names:
        return letters
    spoken = ["A-" if ch == "A" else ch for ch in names]
    if plural:
        spoken[-1] = names[-1] + "'s"
    return " ".join(spoken)


def _is_vowel(word: str, index: int) -> bool:
    ch = word[index]
    return ch in "AEIOU" or (ch == "Y" and index > 0)


def is_pronounceable(word: str) -> bool:
    """Whether capital `word` reads as a word (NASA) rather than letter by letter (FBI)."""
    word = word.upper()
    if word in ACRONYMS:
        return True
    if word in SPELLED or len(word) < 4:
        return False
    vowels = [_is_vowel(word, i) for i in range(len(word))]
    if not any(vowels):
        return False
    first = vowels.index(True)
    last = len(word) - 1 - vowels[::-1].index(True)
    if word[:first] not in _ONSETS or word[last + 1 :] not in _CODAS:
        return False
    runs = re.findall(r"0+|1+", "".join("1" if v else "0" for v in vowels[first : last + 1]))
    return all(len(run) <= (2 if run[0] == "1" else 3) for run in runs)


def _neighbour_is_capital(match: re.Match[str]) -> bool:
    text = match.string
    before = _WORD_BEFORE.search(text[max(0, match.start() - _WINDOW) : match.start()])
    after = _WORD_AFTER.search(text[match.end() : match.end() + _WINDOW])
    # A neighbour in capitals is shouting only when it is a word (THE, NEWS), not
    # another initialism ("the UK's GDP").
    return any(
        found is not None
        and found[1].isupper()
        and (found[1] in COMMON_WORDS or len(found[1]) == 1 or is_pronounceable(found[1]))
        for found in (before, after)
    )


def expand_initialisms(text: str, british: bool = False) -> str:
    """``FBI`` -> "F B I", ``CEOs`` -> "C E O's"; ``NASA`` and shouted words stay."""
    del british

    def spoken(match: re.Match[str]) -> str:
        letters, suffix = match["letters"], match["suffix"]
        if (
            letters in COMMON_WORDS
            or _ROMAN_ONLY.fullmatch(letters)
            or is_pronounceable(letters)
            or _neighbour_is_capital(match)
        ):
            return match[0]
        return spell(letters, plural=suffix is not None)

    def dotted(match: re.Match[str]) -> str:
        words = spell(match["letters"], plural=match["suffix"] is not None)
        return words + ("." + match["end"] if match["end"] is not None else "")

    if "." in text:
        text = _DOTTED.sub(dotted, text)
    return _TOKEN.sub(spoken, text)
