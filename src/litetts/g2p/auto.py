"""A `Phonemizer` that prefers espeak-ng and falls back to CMUdict for English.

Japanese and Mandarin go to their own phonemizers (`JapanesePhonemizer`,
`MandarinPhonemizer`), whose dictionaries come with the ``ja`` and ``zh`` extras
and load on the first Japanese or Mandarin request only.

espeak-ng is an optional extra (``litetts[espeak]``) and a native library that
can fail to load. Without it, English still speaks, a little less well, through
`CmudictPhonemizer`; other languages raise a `PhonemizerError` that names the fix.
Loading espeak-ng is tried once, on first use; the outcome is kept, and a failure
is logged as one warning.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import cache
from typing import Final, Literal

from litetts.errors import LiteTTSError, MissingDependencyError, PhonemizerError
from litetts.g2p.base import Phonemizer
from litetts.g2p.cmudict import CmudictPhonemizer
from litetts.g2p.espeak import EspeakPhonemizer
from litetts.g2p.japanese import JapanesePhonemizer
from litetts.g2p.languages import LANGUAGE_NAMES, resolve_language
from litetts.g2p.mandarin import MandarinPhonemizer

__all__ = ["ESPEAK_FIX", "AutoPhonemizer", "Backend", "default_phonemizer"]

logger = logging.getLogger(__name__)

Backend = Literal["espeak", "cmudict"]
"""Which phonemizer an `AutoPhonemizer` uses."""

ESPEAK_FIX: Final = "pip install 'litetts[espeak]'"
"""The command that installs espeak-ng for litetts."""

_PROBE: Final = "hello"
_ENGLISH: Final = ("en-us", "en-gb")


class AutoPhonemizer:
    """espeak-ng when it loads; otherwise CMUdict for English. Thread-safe.

    Args:
        espeak_factory: makes the espeak phonemizer; it is called, and tried on one
            English word, on first use. A `MissingDependencyError` or
            `PhonemizerError` from either step means espeak-ng is unavailable.
        fallback: the English phonemizer used without espeak-ng; default
            `CmudictPhonemizer`.
        japanese: speaks ``ja``; default `JapanesePhonemizer`.
        mandarin: speaks ``cmn``; default `MandarinPhonemizer`, which speaks English
            words inside Chinese text through this phonemizer.
    """

    def __init__(
        self,
        espeak_factory: Callable[[], Phonemizer] = EspeakPhonemizer,
        fallback: Phonemizer | None = None,
        *,
        japanese: Phonemizer | None = None,
        mandarin: Phonemizer | None = None,
    ) -> None:
        self._factory = espeak_factory
        self._fallback = fallback if fallback is not None else CmudictPhonemizer()
        self._own: dict[str, Phonemizer] = {
            "ja": japanese if japanese is not None else JapanesePhonemizer(),
            "cmn": mandarin if mandarin is not None else MandarinPhonemizer(english=self),
        }
        self._lock = threading.Lock()
        self._tried = False
        self._espeak: Phonemizer | None = None
        self._error: LiteTTSError | None = None

    @property
    def backend(self) -> Backend:
        """``"espeak"`` or ``"cmudict"``; loads espeak-ng if not tried yet."""
        return "espeak" if self._load() is not None else "cmudict"

    @property
    def espeak_error(self) -> LiteTTSError | None:
        """Why espeak-ng is unavailable, or None when it loaded."""
        self._load()
        return self._error

    def retry(self) -> bool:
        """Forget a failed espeak-ng load, so that the next use tries it again.

        Returns:
            True when espeak-ng had failed (and will be tried again), else False.
        """
        with self._lock:
            if not self._tried or self._espeak is not None:
                return False
            self._tried = False
            self._error = None
            return True

    def phonemize(self, text: str, lang: str) -> str:
        """Kokoro phonemes for `text` in `lang`: Japanese and Mandarin from their own
        phonemizers, the rest from espeak-ng or, for English, CMUdict.

        Raises:
            MissingDependencyError: `lang` is Japanese or Mandarin and its extra
                (``ja``, ``zh``) is not installed.
            PhonemizerError: espeak-ng is unavailable and `lang` is not English, or
                espeak-ng failed on this text.
            InvalidInputError: `lang` is not a language Kokoro speaks.
        """
        code = resolve_language(lang)
        own = self._own.get(code)
        if own is not None:
            return own.phonemize(text, code)
        espeak = self._load()
        if espeak is not None:
            return espeak.phonemize(text, code)
        if code in _ENGLISH:
            return self._fallback.phonemize(text, code)
        raise PhonemizerError(
            f"{LANGUAGE_NAMES[code]} ({code}) needs espeak-ng, which did not load; "
            f"install it with: {ESPEAK_FIX}"
        ) from self._error

    def _load(self) -> Phonemizer | None:
        if self._tried:
            return self._espeak
        with self._lock:
            if not self._tried:
                try:
                    espeak = self._factory()
                    espeak.phonemize(_PROBE, "en-us")
                except (MissingDependencyError, PhonemizerError) as err:
                    self._error = err
                    logger.warning(
                        "espeak-ng did not load, so English falls back to CMUdict and "
                        "other languages cannot be spoken (fix: %s): %s",
                        ESPEAK_FIX,
                        err,
                    )
                else:
                    self._espeak = espeak
                    logger.debug("phonemizer: espeak-ng")
                self._tried = True
        return self._espeak


@cache
def default_phonemizer() -> AutoPhonemizer:
    """The process-wide phonemizer: espeak-ng if it loads, else CMUdict for English.

    One shared instance, so espeak-ng is tried and a failure is logged once per
    process. Cheap to call: nothing loads until the first `phonemize`.
    """
    return AutoPhonemizer()
