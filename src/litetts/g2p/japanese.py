"""A `Phonemizer` for Japanese: OpenJTalk readings written in Kokoro's Japanese IPA.

Kokoro v1.0's Japanese voices were trained on misaki's cutlet route (Apache-2.0;
its kana table comes from cutlet, MIT): every morpheme's reading, in kana, written
in broad IPA (``し`` -> ``ɕi``, ``つ`` -> ``ʦɨ``, ``ー`` -> ``ː``, ``っ`` -> ``ʔ``) with a
space between morphemes. This module writes the same symbols from the readings of
pyopenjtalk-plus, whose bundled dictionary needs no download and reads numbers
with their counters (3本 さんぼん, 6本 ろっぽん, 1日 ついたち). No pitch-accent mark is
ever written: Kokoro v1.0 has none in its Japanese training data. pyopenjtalk-plus's
optional Sudachi homograph pass is left off (half the memory, 141 MiB instead of 287).

pyopenjtalk-plus comes with the ``ja`` extra and is imported on first use only.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final

from litetts.errors import MissingDependencyError
from litetts.g2p.spacing import curl_quotes, join_pieces, kokoro_mark
from litetts.text.japanese import normalize_japanese

__all__ = ["JapanesePhonemizer", "kana_to_ipa", "openjtalk_frontend"]

logger = logging.getLogger(__name__)

Frontend = Callable[[str], Sequence[Mapping[str, object]]]
"""OpenJTalk's front end: text -> one feature dict per word (``string``, ``pron``, ``pos``...)."""


def _table(kana: str, ipa: str) -> dict[str, str]:
    return dict(zip(kana.split(), ipa.split(), strict=True))


_KANA: Final = _table(
    "あ い う え お か き く け こ が ぎ ぐ げ ご さ し す せ そ ざ じ ず ぜ ぞ "
    "た ち つ て と だ ぢ づ で ど な に ぬ ね の は ひ ふ へ ほ ば び ぶ べ ぼ "
    "ぱ ぴ ぷ ぺ ぽ ま み む め も や ゆ よ ら り る れ ろ わ ゐ ゑ を ゔ "
    "ぁ ぃ ぅ ぇ ぉ ゃ ゅ ょ ゎ ゕ ゖ",
    "a i ɯ e o ka kʲi kɯ ke ko ɡa ɡʲi ɡɯ ɡe ɡo sa ɕi sɨ se so ʣa ʥi zɨ ʣe ʣo "
    "ta ʨi ʦɨ te to da ʥi zɨ de do na ɲi nɯ ne no ha çi ɸɯ he ho ba bʲi bɯ be bo "
    "pa pʲi pɯ pe po ma mʲi mɯ me mo ja jɯ jo ɾa ɾʲi ɾɯ ɾe ɾo βa i e o vɯ "
    "a i ɯ e o ja jɯ jo βa ka ke",
)
"""One kana -> IPA, as in misaki's cutlet table."""

_DIGRAPHS: Final = _table(
    "いぇ うぃ うぇ うぉ きぇ きゃ きゅ きょ ぎゃ ぎゅ ぎょ くぁ くぃ くぇ "
    "くぉ ぐぁ ぐぃ ぐぇ ぐぉ しぇ しゃ しゅ しょ じぇ じゃ じゅ じょ ちぇ "
    "ちゃ ちゅ ちょ ぢゃ ぢゅ ぢょ つぁ つぃ つぇ つぉ てぃ てゅ でぃ でゅ "
    "とぅ どぅ にぇ にゃ にゅ にょ ひぇ ひゃ ひゅ ひょ びゃ びゅ びょ ぴゃ "
    "ぴゅ ぴょ ふぁ ふぃ ふぇ ふぉ ふゅ ふょ みゃ みゅ みょ りゃ りゅ りょ "
    "ゔぁ ゔぃ ゔぇ ゔぉ ゔゅ ゔょ",
    "je βi βe βo kʲe kʲa kʲɨ kʲo ɡʲa ɡʲɨ ɡʲo kᵝa kᵝi kᵝe kᵝo ɡᵝa ɡᵝi ɡᵝe ɡᵝo ɕe "
    "ɕa ɕɨ ɕo ʥe ʥa ʥɨ ʥo ʨe ʨa ʨɨ ʨo ʥa ʥɨ ʥo ʦa ʦʲi ʦe ʦo tʲi tʲɨ "
    "dʲi dʲɨ tɯ dɯ ɲe ɲa ɲɨ ɲo çe ça çɨ ço bʲa bʲɨ bʲo pʲa pʲɨ pʲo ɸa ɸʲi "
    "ɸe ɸo ɸʲɨ ɸʲo mʲa mʲɨ mʲo ɾʲa ɾʲɨ ɾʲo va vʲi ve vo bʲɨ bʲo",
)
"""Two kana (a small ゃ, ぃ... after a full one) -> IPA, as in misaki's cutlet table."""

_SMALL: Final = frozenset("ゃゅょぁぃぅぇぉ")


def _hiragana(katakana: str) -> str:
    return "".join(
        chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else ("ゔ" if c == "ヴ" else c) for c in katakana
    )


def _moraic_n(following: str) -> str:
    """ん before the next sound: m before lips, ŋ before k/g, ɲ before palatals, n before
    alveolars, else uvular ɴ (as cutlet writes it)."""
    if following[:1] in ("m", "p", "b"):
        return "m"
    if following[:1] in ("k", "ɡ"):
        return "ŋ"
    if following[:1] in ("ɲ", "ʨ", "ʥ"):
        return "ɲ"
    if following[:1] in ("n", "t", "d", "ɾ", "z", "ʣ"):
        return "n"
    return "ɴ"


def kana_to_ipa(kana: str) -> str:
    """Kokoro's Japanese IPA for a reading in kana (``"さんぼん"`` -> ``"samboɴ"``).

    Katakana and hiragana both work; characters that are not kana are dropped.
    """
    hira = _hiragana(kana)
    out: list[str] = []
    pending_n = False
    index = 0
    while index < len(hira):
        pair = hira[index : index + 2]
        char = hira[index]
        if pair in _DIGRAPHS:
            sound, index = _DIGRAPHS[pair], index + 2
        elif char in _KANA and hira[index + 1 : index + 2] in _SMALL and char not in _SMALL:
            sound = _KANA[char][:-1] + _KANA[hira[index + 1]]
            index += 2
        elif char in _KANA:
            sound, index = _KANA[char], index + 1
        elif char == "ー":
            sound, index = "ː", index + 1
        elif char == "っ":
            sound, index = "ʔ", index + 1
        elif char == "ん":
            if pending_n:
                out.append("ɴ")
            pending_n = True
            index += 1
            continue
        else:
            index += 1
            continue
        if pending_n:
            out.append(_moraic_n(sound))
            pending_n = False
        out.append(sound)
    if pending_n:
        out.append("ɴ")
    return "".join(out)


class JapanesePhonemizer:
    """Japanese text -> Kokoro symbols; thread-safe. Loads OpenJTalk on first use.

    Args:
        frontend: OpenJTalk's front end; default pyopenjtalk-plus's ``run_frontend``.
            Tests pass a fake that returns fixed readings.
    """

    def __init__(self, frontend: Frontend | None = None) -> None:
        self._frontend = frontend
        self._lock = threading.Lock()

    def phonemize(self, text: str, lang: str = "ja") -> str:
        """Kokoro phonemes for Japanese `text` (`lang` is accepted for the protocol).

        Raises:
            MissingDependencyError: the ``ja`` extra is not installed.
        """
        del lang
        text = curl_quotes(normalize_japanese(text))
        if not text.strip():
            return ""
        frontend = self._load()
        with self._lock:  # OpenJTalk's shared instance is not thread-safe
            words = frontend(text)
        return join_pieces(_pieces(words))

    def _load(self) -> Frontend:
        if self._frontend is None:
            with self._lock:
                if self._frontend is None:
                    self._frontend = openjtalk_frontend()
        return self._frontend


def openjtalk_frontend() -> Frontend:
    """pyopenjtalk-plus's front end, as litetts runs it.

    Sudachi's homograph fixes are off: they double the memory (141 -> 287 MiB RSS).
    Sudachi still reads a kanji OpenJTalk does not know, through a call Sudachi has
    deprecated; that warning is not the user's to act on, so it is silenced.

    Raises:
        MissingDependencyError: the ``ja`` extra is not installed.
    """
    try:
        import pyopenjtalk
    except ImportError as err:
        raise MissingDependencyError(
            "Japanese phonemization", "ja", err.name or "pyopenjtalk"
        ) from err
    logger.info("Japanese G2P loaded (pyopenjtalk-plus)")

    def run(text: str) -> Sequence[Mapping[str, object]]:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=DeprecationWarning, module="pyopenjtalk")
            return pyopenjtalk.run_frontend(text, use_sudachi_kanji_yomi=False)

    return run


def _pieces(words: Iterable[Mapping[str, object]]) -> list[str]:
    """One IPA string per word (a run of numerals is one word), or a punctuation mark."""
    pieces: list[str] = []
    numeral = False
    for word in words:
        surface = str(word.get("string", ""))
        pron = str(word.get("pron", "")).replace("’", "")
        is_numeral = word.get("pos_group1") == "数"
        if word.get("pos") == "記号" or not pron.strip("*"):
            pieces.extend(filter(None, map(kokoro_mark, surface)))
            numeral = False
            continue
        ipa = kana_to_ipa(pron)
        if not ipa:
            continue
        if pieces and (ipa.startswith("ː") or (is_numeral and numeral)):
            pieces[-1] += ipa
        else:
            pieces.append(ipa)
        numeral = is_numeral
    return _close_sokuon(pieces)


def _close_sokuon(pieces: list[str]) -> list[str]:
    """A word ending in ʔ runs into the next one, as cutlet writes it (``maʔ te`` -> ``maʔte``)."""
    out: list[str] = []
    for piece in pieces:
        if out and out[-1].endswith("ʔ") and piece[:1].isalpha():
            out[-1] += piece
        else:
            out.append(piece)
    return out
