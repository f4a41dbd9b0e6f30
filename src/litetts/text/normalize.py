"""Written text -> speakable text: clean-up, then the rules of its language.

`normalize` cleans the text (`litetts.text.cleanup.clean`), applies the rules of its
language (numbers, money, dates, symbols and abbreviations as words; see
`litetts.text.english`), and cleans again. A language without rules passes through
with the clean-up only; rules for another language plug into `LANGUAGE_RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from types import MappingProxyType
from typing import Final

from litetts.errors import InvalidInputError
from litetts.text.chinese import normalize_chinese
from litetts.text.cleanup import clean
from litetts.text.english import normalize_english
from litetts.text.hindi import normalize_hindi
from litetts.text.japanese import normalize_japanese
from litetts.text.romance import normalize_romance

__all__ = ["LANGUAGE_RULES", "normalize"]

LanguageRules = Callable[[str], str]

LANGUAGE_RULES: Final[Mapping[str, LanguageRules]] = MappingProxyType(
    {
        "en-us": normalize_english,
        "en-gb": partial(normalize_english, british=True),
        "ja": normalize_japanese,
        "cmn": normalize_chinese,
        "es": partial(normalize_romance, lang="es"),
        "fr-fr": partial(normalize_romance, lang="fr-fr"),
        "it": partial(normalize_romance, lang="it"),
        "pt-br": partial(normalize_romance, lang="pt-br"),
        "hi": normalize_hindi,
    }
)
"""Phonemizer language code -> its normalisation rules."""

_MAX_ROUNDS: Final = 4


@lru_cache(maxsize=64)
def _rules_for(lang: str) -> LanguageRules | None:
    # Imported here: litetts.g2p's package imports its backends, which text never needs.
    from litetts.g2p.languages import resolve_language

    try:
        return LANGUAGE_RULES.get(resolve_language(lang))
    except InvalidInputError:
        return None


def normalize(text: str, lang: str = "en-us") -> str:
    """Speakable text from written text: clean-up, the language's rules, clean-up.

    Pure, never raises for any string, and idempotent (normalising its own output
    changes nothing).

    Args:
        text: any string.
        lang: its language, as `litetts.g2p.resolve_language` accepts it (``"a"``,
            ``"en"``, ``"en-gb"``...). A language without rules, or an unknown one,
            gets the clean-up only.
    """
    text = clean(text)
    rules = _rules_for(lang)
    if rules is None:
        return text
    # A rule can uncover work for an earlier one ("2e.g." -> "two e.g."), so the rules
    # run until the text stops changing: that fixed point is what makes normalize
    # idempotent. Plain prose stops after one round, text with numbers after two.
    for _ in range(_MAX_ROUNDS):
        spoken = clean(rules(text))
        if spoken == text:
            break
        text = spoken
    return text
