"""A `Phonemizer` on espeak-ng (espeakng-loader + phonemizer-fork).

espeak-ng writes broad IPA; Kokoro v1.0 was trained on misaki's symbol set, which
writes diphthongs and affricates as single letters (``eɪ`` -> ``A``, ``tʃ`` ->
``ʧ``). The tables below follow misaki's own espeak bridge (Apache-2.0) so the
model hears the symbols it learned. espeak-ng keeps global state, so every call
holds one lock shared by all instances.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import TYPE_CHECKING, Final

from litetts.errors import MissingDependencyError, PhonemizerError
from litetts.g2p.languages import resolve_language

if TYPE_CHECKING:
    from phonemizer.backend import EspeakBackend

__all__ = ["EspeakPhonemizer"]

logger = logging.getLogger(__name__)

_ESPEAK_LOCK = threading.Lock()

# phonemizer warns on every call where punctuation shifts its word count, which is
# expected with preserve_punctuation; keep its chatter out of the user's log.
_BACKEND_LOGGER = logging.getLogger("litetts.g2p.espeak.backend")
_BACKEND_LOGGER.setLevel(logging.ERROR)


def _longest_first(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


_ENGLISH: Final = _longest_first(
    {
        "ʔˌn\u0329": "tn",
        "ʔn\u0329": "tn",
        "ʔn": "tn",
        "ʔ": "t",
        "a^ɪ": "I",
        "a^ʊ": "W",
        "d^ʒ": "ʤ",
        "e^ɪ": "A",
        "e": "A",
        "t^ʃ": "ʧ",
        "ɔ^ɪ": "Y",
        "ə^l": "ᵊl",
        "ʲo": "jo",
        "ʲə": "jə",
        "ʲ": "",
        "ɚ": "əɹ",
        "r": "ɹ",
        "x": "k",
        "ç": "k",
        "ɐ": "ə",
        "ɬ": "l",
        "\u0303": "",
    }
)

_OTHER: Final = _longest_first(
    {
        "a^ɪ": "I",
        "a^ʊ": "W",
        "d^z": "ʣ",
        "d^ʒ": "ʤ",
        "e^ɪ": "A",
        "o^ʊ": "O",
        "ə^ʊ": "Q",
        "s^s": "S",
        "t^s": "ʦ",
        "t^ʃ": "ʧ",
        "ɔ^ɪ": "Y",
    }
)

_SYLLABIC = re.compile(r"(\S)\u0329")
_DOUBLE_R = re.compile("ɹɹ+")


def _to_kokoro_english(ps: str, british: bool) -> str:
    # Accent-specific diphthongs first: the generic table would split them.
    if british:
        ps = ps.replace("e^ə", "ɛː").replace("ə^ʊ", "Q")
    else:
        ps = ps.replace("o^ʊ", "O")
    for old, new in _ENGLISH:
        ps = ps.replace(old, new)
    ps = _SYLLABIC.sub(r"ᵊ\1", ps).replace("\u0329", "").replace("^", "")
    if british:
        return ps.replace("iə", "ɪə")
    ps = ps.replace("ɜːɹ", "ɜɹ").replace("ɜː", "ɜɹ").replace("ɪə", "iə").replace("ː", "")
    # espeak writes a linking r after ɚ before a vowel ("weather is" -> ðɚɹ ɪz); once ɚ
    # has become əɹ that r is doubled, which Kokoro speaks as a rolled r.
    return _DOUBLE_R.sub("ɹ", ps)


def _to_kokoro_other(ps: str) -> str:
    for old, new in _OTHER:
        ps = ps.replace(old, new)
    return ps.replace("^", "").replace("-", "")


class EspeakPhonemizer:
    """Phonemes from espeak-ng, mapped to Kokoro's symbols; thread-safe.

    The espeak library loads on first use, so constructing one is cheap.

    Raises (on first use):
        MissingDependencyError: the ``espeak`` extra is not installed.
        PhonemizerError: espeak-ng failed to load or to phonemize.
    """

    def __init__(self) -> None:
        self._backends: dict[str, EspeakBackend] = {}

    def phonemize(self, text: str, lang: str) -> str:
        """Kokoro phonemes for `text` in `lang`, with stress and punctuation kept."""
        code = resolve_language(lang)
        if not text.strip():
            return ""
        # espeak treats a newline as an utterance break and may drop what follows.
        flat = " ".join(text.split())
        if code not in ("en-us", "en-gb"):
            flat = flat.replace("«", "\u201c").replace("»", "\u201d")
            flat = flat.replace("(", "«").replace(")", "»")
        with _ESPEAK_LOCK:
            backend = self._backend(code)
            try:
                lines = backend.phonemize([flat], strip=True, njobs=1)
            except Exception as err:  # phonemizer raises bare RuntimeError/ValueError
                raise PhonemizerError(f"espeak-ng failed on {flat[:40]!r} ({code}): {err}") from err
        ps = lines[0].strip() if lines else ""
        if code == "en-us":
            return _to_kokoro_english(ps, british=False)
        if code == "en-gb":
            return _to_kokoro_english(ps, british=True)
        return _to_kokoro_other(ps).replace("«", "(").replace("»", ")")

    def _backend(self, code: str) -> EspeakBackend:
        backend = self._backends.get(code)
        if backend is None:
            backend = _make_backend(code)
            self._backends[code] = backend
        return backend


def _make_backend(code: str) -> EspeakBackend:
    try:
        import espeakng_loader
        from phonemizer.backend import EspeakBackend
        from phonemizer.backend.espeak.wrapper import EspeakWrapper
    except ImportError as err:
        raise MissingDependencyError(
            "espeak-ng phonemization", "espeak", err.name or "phonemizer"
        ) from err
    try:
        EspeakWrapper.set_library(espeakng_loader.get_library_path())
        EspeakWrapper.set_data_path(espeakng_loader.get_data_path())
        backend = EspeakBackend(
            language=code,
            preserve_punctuation=True,
            with_stress=True,
            tie="^",
            language_switch="remove-flags",
            logger=_BACKEND_LOGGER,
        )
    except Exception as err:  # RuntimeError from phonemizer, OSError from ctypes
        raise PhonemizerError(f"espeak-ng could not load language {code!r}: {err}") from err
    logger.info("espeak-ng %s loaded for %s", backend.version(), code)
    return backend
