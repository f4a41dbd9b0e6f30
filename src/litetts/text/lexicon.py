"""A pronunciation dictionary: words whose phonemes are fixed, not guessed by the phonemizer.

Entries apply to English (``en-us`` and ``en-gb``; an entry may name one of them)
and match case-insensitively on word boundaries, the longest entry first, so
``New York City`` wins over ``New York``. A possessive ``'s`` after an entry is
part of the hit and is spoken as ``s``, ``z`` or ``ɪz`` as English does
("Kokoro's"); any other letter right before or after stops a hit ("kokoroish",
"Kokoros"). A hyphen is a boundary ("Kokoro-based").

Two file formats, chosen by the ``.json`` suffix or a leading ``{``::

    # TSV: word<TAB>IPA[<TAB>en-us|en-gb]; '#' starts a comment line
    Kokoro	kˈOkəɹO	en-us
    Kokoro	kˈQkəɹQ	en-gb
    New York	nˌu jˈɔɹk

    {"Kokoro": "kˈOkəɹO", "tomato": {"en-us": "təmˈAɾO", "en-gb": "təmˈɑːtQ"}}

IPA goes through `kokoro_phonemes` (misaki's symbols; common IPA spellings
converted). litetts ships a small list of words espeak-ng gets wrong
(``litetts/data/lexicon_en.tsv``); a user's dictionary is merged on top.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from attrs import field, frozen, validators

from litetts.errors import InvalidInputError
from litetts.text.markup import (
    Override,
    Plain,
    Segment,
    SymbolFilter,
    kokoro_phonemes,
    possessive,
)

__all__ = ["LEXICON_LANGUAGES", "Entry", "Lexicon"]

logger = logging.getLogger(__name__)

LEXICON_LANGUAGES: Final = ("en-us", "en-gb")
"""Languages a dictionary applies to; other languages pass through untouched."""

_BUILTIN: Final = "lexicon_en.tsv"

_Trie = dict[str, "_Trie"]
"""A character trie of dictionary keys; the key "" marks the end of a word."""


def _has_a_letter(instance: object, attribute: object, value: str) -> None:
    if not any(ch.isalnum() for ch in value) or "\t" in value or "\n" in value:
        raise InvalidInputError(
            f"dictionary word {value!r} must hold a letter or digit and no tab or line break",
            field="dictionary",
        )


def _language(instance: object, attribute: object, value: str | None) -> None:
    if value is not None and value not in LEXICON_LANGUAGES:
        raise InvalidInputError(
            f"dictionary language {value!r} is not one of {', '.join(LEXICON_LANGUAGES)}",
            field="dictionary",
        )


@frozen
class Entry:
    """One dictionary entry: `word` (one or more words) is spoken as `phonemes`.

    Attributes:
        word: as written; matched case-insensitively, runs of spaces as one.
        phonemes: Kokoro symbols (see `kokoro_phonemes`).
        lang: ``en-us`` or ``en-gb``; None for both.
    """

    word: str = field(validator=_has_a_letter)
    phonemes: str = field(validator=validators.min_len(1))
    lang: str | None = field(default=None, validator=_language)

    @property
    def key(self) -> str:
        """The lookup key: lower case, single spaces."""
        return " ".join(self.word.split()).lower()


def _symbol(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _trie_pattern(node: _Trie) -> str:
    """A regex matching exactly the keys below `node`, longest first; "" marks a key's end."""
    branches = []
    for ch in sorted(k for k in node if k):
        literal, child = _symbol(ch), node[ch]
        while len(child) == 1 and "" not in child:  # a chain without forks: one literal
            ((next_ch, child),) = child.items()
            literal += _symbol(next_ch)
        branches.append(literal + _trie_pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def _compile(keys: Iterable[str]) -> re.Pattern[str] | None:
    trie: _Trie = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return None
    return re.compile(
        rf"(?<!\w)(?P<word>{_trie_pattern(trie)})(?P<possessive>['’]s)?(?!['’]?\w)",
        re.IGNORECASE,
    )


class Lexicon:
    """Words with fixed pronunciations, for English; immutable once built.

    Args:
        entries: within one lexicon, a later entry for the same word and language
            wins, and an entry for one language wins over an entry for both.
    """

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        tables: dict[str, dict[str, str]] = {lang: {} for lang in LEXICON_LANGUAGES}
        entries = list(entries)
        for entry in entries:
            for lang in LEXICON_LANGUAGES if entry.lang is None else ():
                tables[lang][entry.key] = entry.phonemes
        for entry in entries:
            if entry.lang is not None:
                tables[entry.lang][entry.key] = entry.phonemes
        self._tables = tables
        self._patterns = {lang: _compile(table) for lang, table in tables.items()}

    @classmethod
    @cache
    def builtin(cls) -> Lexicon:
        """litetts' corrections for words espeak-ng gets wrong (package data)."""
        source = resources.files("litetts.data").joinpath(_BUILTIN)
        return cls(_parse_tsv(source.read_text(encoding="utf-8"), f"litetts/data/{_BUILTIN}"))

    @classmethod
    def load(cls, path: Path | str, *, vocabulary: SymbolFilter | None = None) -> Lexicon:
        """A user's dictionary file: JSON (``{"word": "IPA"}``) or TSV (``word<TAB>IPA``).

        Raises:
            InvalidInputError: (field ``dictionary``) the file is missing,
                unreadable or has a bad entry; the message names the file and line.
        """
        path = Path(path).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InvalidInputError(
                f"cannot read the pronunciation dictionary {str(path)!r}: {err}",
                field="dictionary",
            ) from err
        if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
            entries = _parse_json(text, str(path), vocabulary)
        else:
            entries = _parse_tsv(text, str(path), vocabulary)
        lexicon = cls(entries)
        logger.info("loaded %d dictionary entries from %s", len(lexicon), path)
        return lexicon

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon with `other`'s entries on top (other wins for a word in both)."""
        merged = Lexicon()
        merged._tables = {
            lang: {**self._tables[lang], **other._tables[lang]} for lang in LEXICON_LANGUAGES
        }
        merged._patterns = {lang: _compile(table) for lang, table in merged._tables.items()}
        return merged

    def __len__(self) -> int:
        """Distinct words (over both languages)."""
        return len({key for table in self._tables.values() for key in table})

    def lookup(self, word: str, lang: str) -> str | None:
        """The phonemes for `word` in `lang`, or None."""
        table = self._tables.get(lang)
        return None if table is None else table.get(" ".join(word.split()).lower())

    def apply(self, segments: Iterable[Segment], lang: str) -> list[Segment]:
        """`segments` with every dictionary word in plain text turned into an `Override`.

        Overrides and pauses pass through; so does everything in a language the
        dictionary does not cover.
        """
        segments = list(segments)
        pattern = self._patterns.get(lang)
        if pattern is None:
            return segments
        table = self._tables[lang]
        out: list[Segment] = []
        for segment in segments:
            if isinstance(segment, Plain):
                out.extend(_split_hits(segment.text, pattern, table, lang))
            else:
                out.append(segment)
        return out


def _split_hits(
    text: str, pattern: re.Pattern[str], table: Mapping[str, str], lang: str
) -> Iterator[Segment]:
    start = 0
    for match in pattern.finditer(text):
        phonemes = table.get(" ".join(match["word"].split()).lower())
        if phonemes is None:  # a case-insensitive match .lower() does not reproduce
            continue
        if match["possessive"]:
            phonemes += possessive(phonemes, lang)
        if match.start() > start:
            yield Plain(text[start : match.start()])
        yield Override(match[0], phonemes)
        start = match.end()
    if start < len(text):
        yield Plain(text[start:])


def _bad(source: str, line: int | None, problem: str) -> InvalidInputError:
    where = f"{source} line {line}" if line is not None else source
    return InvalidInputError(f"pronunciation dictionary {where}: {problem}", field="dictionary")


def _entry(
    word: str, ipa: str, lang: str | None, where: tuple[str, int | None], vocab: SymbolFilter | None
) -> Entry:
    source, line = where
    phonemes = kokoro_phonemes(ipa, vocab)
    if not phonemes.strip():
        raise _bad(
            source,
            line,
            f"{word!r} has no phonemes Kokoro knows in {ipa!r}; write IPA like kˈOkəɹO",
        )
    try:
        return Entry(word, phonemes, lang.strip().lower() if lang else None)
    except InvalidInputError as err:
        raise _bad(source, line, str(err)) from err


def _parse_tsv(text: str, source: str, vocabulary: SymbolFilter | None = None) -> list[Entry]:
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.rstrip("\r\n").split("\t")]
        if len(fields) not in (2, 3) or not all(fields):
            raise _bad(
                source,
                number,
                f"expected 'word<TAB>IPA' or 'word<TAB>IPA<TAB>en-us|en-gb', got {line!r}",
            )
        word, ipa, *lang = fields
        entries.append(_entry(word, ipa, lang[0] if lang else None, (source, number), vocabulary))
    return entries


def _line_of(text: str, key: str) -> int | None:
    at = text.find(json.dumps(key, ensure_ascii=False))
    if at < 0:
        at = text.find(json.dumps(key))
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _parse_json(text: str, source: str, vocabulary: SymbolFilter | None = None) -> list[Entry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise _bad(source, err.lineno, f"not valid JSON: {err.msg}") from err
    if not isinstance(data, dict):
        raise _bad(source, None, 'expected an object such as {"Kokoro": "kˈOkəɹO"}')
    entries = []
    for word, value in data.items():
        where = (source, _line_of(text, word))
        if isinstance(value, str):
            entries.append(_entry(word, value, None, where, vocabulary))
        elif isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            entries.extend(
                _entry(word, ipa, lang, where, vocabulary) for lang, ipa in value.items()
            )
        else:
            raise _bad(
                *where,
                f"{word!r} must map to an IPA string or to {{'en-us': IPA, 'en-gb': IPA}},"
                f" got {value!r}",
            )
    return entries
