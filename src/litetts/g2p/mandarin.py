"""A `Phonemizer` for Mandarin: jieba words, pypinyin syllables, Kokoro's IPA with tone arrows.

Kokoro v1.0's Mandarin voices were trained on misaki's first Chinese G2P (Apache-2.0):
jieba segments, pypinyin gives toned pinyin, and each syllable is written in broad
IPA (after pinyin-to-ipa, MIT) with the tone as an arrow after its vowel: 1 ``→``,
2 ``↗``, 3 ``↓``, 4 ``↘``, neutral none; a word's syllables run together and words
are separated by spaces. This module writes the same symbols, and improves on the
original in three ways: tone sandhi (pypinyin's: 你好 ni2 hao3, 不是 bu2, 一个 yi2),
numbers read in Chinese (`litetts.text.chinese`), and English words inside Chinese
text spoken by the English phonemizer instead of being passed through as letters.

jieba and pypinyin come with the ``zh`` extra and are imported on first use only.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Final

from litetts.errors import MissingDependencyError
from litetts.g2p.base import Phonemizer
from litetts.g2p.spacing import join_pieces, kokoro_mark
from litetts.text.chinese import normalize_chinese

__all__ = ["MandarinPhonemizer", "syllable_to_ipa"]

logger = logging.getLogger(__name__)

ZH_FIX: Final = "pip install 'litetts[zh]'"
"""The command that installs the Mandarin G2P."""

_INITIALS: Final = {
    "b": "p",
    "p": "pʰ",
    "m": "m",
    "f": "f",
    "d": "t",
    "t": "tʰ",
    "n": "n",
    "l": "l",
    "g": "k",
    "k": "kʰ",
    "h": "x",
    "j": "ʨ",
    "q": "ʨʰ",
    "x": "ɕ",
    "zh": "ꭧ",
    "ch": "ꭧʰ",
    "sh": "ʂ",
    "r": "ɻ",
    "z": "ʦ",
    "c": "ʦʰ",
    "s": "s",
}
"""Pinyin initial -> IPA (ꭧ is Kokoro's one-letter tʂ)."""

_FINALS: Final = {
    "a": "a0",
    "ai": "ai0",
    "an": "a0n",
    "ang": "a0ŋ",
    "ao": "au0",
    "e": "ɤ0",
    "ei": "ei0",
    "en": "ə0n",
    "eng": "ə0ŋ",
    "er": "ɚ0",
    "i": "i0",
    "ia": "ja0",
    "ian": "jɛ0n",
    "iang": "ja0ŋ",
    "iao": "jau0",
    "ie": "je0",
    "in": "i0n",
    "iou": "jou0",
    "ing": "i0ŋ",
    "iong": "jʊ0ŋ",
    "ong": "ʊ0ŋ",
    "ou": "ou0",
    "u": "u0",
    "uei": "wei0",
    "ua": "wa0",
    "uai": "wai0",
    "uan": "wa0n",
    "uen": "wə0n",
    "uang": "wa0ŋ",
    "ueng": "wə0ŋ",
    "uo": "wo0",
    "o": "wo0",
    "ü": "y0",
    "üe": "ɥe0",
    "üan": "ɥɛ0n",
    "ün": "y0n",
    "ê": "ɛ0",
}
"""Pinyin final -> IPA; ``0`` marks where the tone arrow goes."""

_WHOLE: Final = {"m": "m0", "n": "n0", "ng": "ŋ0", "hm": "hm0", "hng": "hŋ0", "io": "jɔ0"}
"""Syllables without the usual initial + final shape (interjections)."""

_DIGIT_NAMES: Final = frozenset("零一二三四五六七八九")
_TONES: Final = {"1": "→", "2": "↗", "3": "↓", "4": "↘", "5": ""}

_HAN: Final = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECES: Final = re.compile(rf"([{_HAN}]+)|([A-Za-z][A-Za-z'’\- ]*[A-Za-z]|[A-Za-z])|(.)", re.S)


def syllable_to_ipa(pinyin: str) -> str:
    """Kokoro's IPA for one toned pinyin syllable (``"hao3"`` -> ``"xau↓"``).

    Returns an empty string for something that is not a pinyin syllable.
    """
    from pypinyin.contrib.tone_convert import to_finals, to_initials

    tone = pinyin[-1] if pinyin[-1:] in _TONES else "5"
    bare = pinyin.rstrip("12345").replace("v", "ü")
    if bare in _WHOLE:
        return _WHOLE[bare].replace("0", _TONES[tone])
    initial = to_initials(bare, strict=True)
    final = to_finals(bare, strict=True, v_to_u=True)
    if initial not in _INITIALS and initial != "":
        return ""
    if initial in ("zh", "ch", "sh", "r", "z", "c", "s") and final == "i":
        ipa = "ɨ0"
    else:
        ipa = _FINALS.get(final, "")
    if not ipa:
        return ""
    return _INITIALS.get(initial, "") + ipa.replace("0", _TONES[tone])


class MandarinPhonemizer:
    """Mandarin text -> Kokoro symbols; thread-safe. Loads jieba on first use.

    Args:
        english: speaks Latin-script words found inside Chinese text (``"en-us"``);
            None leaves them out.
    """

    def __init__(self, english: Phonemizer | None = None) -> None:
        self._english = english
        self._lock = threading.Lock()
        self._segment: Callable[[str], list[str]] | None = None
        self._pinyin: ModuleType | None = None

    def phonemize(self, text: str, lang: str = "cmn") -> str:
        """Kokoro phonemes for Mandarin `text` (`lang` is accepted for the protocol).

        Raises:
            MissingDependencyError: the ``zh`` extra is not installed.
            PhonemizerError: the English phonemizer failed on a Latin-script word.
        """
        del lang
        segment, pinyin = self._load()
        text = normalize_chinese(text)
        out: list[str] = []
        for han, latin, other in _PIECES.findall(text):
            if han:
                with self._lock:  # jieba's tokenizer initialises lazily and is not locked
                    words = _digits_apart(segment(han))
                out.append(" ".join(filter(None, (_word_ipa(pinyin, w) for w in words))))
            elif latin:
                out.append(self._english_words(latin))
            else:
                mark = kokoro_mark(other)
                if mark:
                    out.append(mark)
        return join_pieces(out)

    def _english_words(self, words: str) -> str:
        if self._english is None:
            return ""
        return self._english.phonemize(words, "en-us")

    def _load(self) -> tuple[Callable[[str], list[str]], ModuleType]:
        if self._segment is not None and self._pinyin is not None:
            return self._segment, self._pinyin
        with self._lock:
            if self._segment is None or self._pinyin is None:
                try:
                    import jieba
                    import pypinyin
                except ImportError as err:
                    raise MissingDependencyError(
                        "Mandarin phonemization", "zh", err.name or "jieba"
                    ) from err
                jieba.setLogLevel(logging.WARNING)
                self._segment = jieba.lcut
                self._pinyin = pypinyin
                logger.info("Mandarin G2P loaded (jieba %s)", jieba.__version__)
        return self._segment, self._pinyin


def _digits_apart(words: list[str]) -> list[str]:
    """Digits read one by one (一三八) stay one word each, so each keeps its own tone:
    jieba would join them into words and tone sandhi would then change 一 and 不."""
    out: list[str] = []
    for word in words:
        if len(word) > 1 and all(c in _DIGIT_NAMES for c in word):
            out.extend(word)
        else:
            out.append(word)
    return out


def _word_ipa(pinyin: ModuleType, word: str) -> str:
    syllables = pinyin.lazy_pinyin(
        word, style=pinyin.Style.TONE3, neutral_tone_with_five=True, tone_sandhi=True
    )
    return "".join(syllable_to_ipa(s) for s in syllables if s and s[-1:] in _TONES)
