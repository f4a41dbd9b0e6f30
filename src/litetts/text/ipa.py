"""Written IPA -> the phoneme symbols Kokoro speaks, for pronunciations people type.

Kokoro learned misaki's symbols, which write diphthongs and affricates as one letter.
An override in the text (``[tomato](/təmˈɑːtQ/)``) or a dictionary entry is written in
IPA, often with the usual two-letter spellings; `kokoro_phonemes` converts them.
`possessive` says how English ``'s`` sounds after a word given as phonemes.
"""

from __future__ import annotations

from typing import Final, Protocol

__all__ = ["SymbolFilter", "kokoro_phonemes", "possessive"]


class SymbolFilter(Protocol):
    """Keeps the phoneme symbols a speaker knows (`litetts.kokoro.Vocabulary` is one)."""

    def filter(self, phonemes: str) -> str:
        """`phonemes` without the symbols the speaker does not know."""
        ...


# Spellings people type in IPA -> the symbols Kokoro learned from misaki.
_IPA_SPELLINGS: Final = (
    ("\u0361", ""),  # tie bars: t͡ʃ is tʃ
    ("\u035c", ""),
    (".", ""),  # syllable breaks; "." would be a full stop to the model
    ("eɪ", "A"),
    ("aɪ", "I"),
    ("oʊ", "O"),
    ("əʊ", "Q"),
    ("aʊ", "W"),
    ("ɔɪ", "Y"),
    ("tʃ", "ʧ"),
    ("dʒ", "ʤ"),
    ("ɝ", "ɜɹ"),
    ("g", "ɡ"),  # ASCII g is not in the vocabulary; the IPA letter is
    ("'", "ˈ"),
    (":", "ː"),
)
_SIBILANTS: Final = frozenset("szʃʒʧʤ")
_VOICELESS: Final = frozenset("ptkfθ")
_MARKS: Final = "ˈˌːˑ "


def kokoro_phonemes(ipa: str, vocabulary: SymbolFilter | None = None) -> str:
    """`ipa` in Kokoro's symbols: common IPA spellings mapped, unknown symbols dropped.

    Kokoro learned misaki's symbols, which write diphthongs and affricates as one
    letter (``eɪ`` -> ``A``, ``oʊ`` -> ``O``, ``əʊ`` -> ``Q``, ``tʃ`` -> ``ʧ``); those,
    ASCII ``g``, ``'`` (stress) and ``:`` (length) are converted, tie bars and
    syllable dots removed, spaces collapsed. With a `vocabulary`, anything else
    outside it is dropped with a debug log; without one, nothing is dropped here
    (the tokenizer drops unknown symbols before the model sees them).
    """
    for written, symbol in _IPA_SPELLINGS:
        ipa = ipa.replace(written, symbol)
    spelled = " ".join(ipa.split())
    return spelled if vocabulary is None else vocabulary.filter(spelled)


def possessive(phonemes: str, lang: str) -> str:
    """The sound of English ``'s`` after a word said as `phonemes`: ``ɪz``, ``s`` or ``z``.

    After a sibilant it is ``ᵻz`` in American English (misaki's reduced vowel) and
    ``ɪz`` in British; after a voiceless consonant ``s``; otherwise ``z``.
    """
    last = phonemes.rstrip(_MARKS)[-1:]
    if last in _SIBILANTS:
        return "ᵻz" if lang == "en-us" else "ɪz"
    return "s" if last in _VOICELESS else "z"
