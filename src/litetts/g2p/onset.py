"""A lone unstressed vowel that opens a sentence gets the stress it needs to be heard.

espeak-ng leaves short function words unstressed: English "I" (``I kˈænt``), Italian
"ho" and "è" (``o``, ``e``), Spanish "y" and "o". Kokoro voices such a vowel with no
consonant before it so softly at the start of an utterance that it is lost: Whisper
hears "Can't believe it." from ``I kˈænt bᵻlˈiv ɪt.`` with four of six American and
British voices, and "I can't believe it." from ``ˈI kˈænt bᵻlˈiv ɪt.`` with all six.
The audio trimming is not the cause: the model's own output holds no audible "I".

`stress_lone_onsets` adds a primary stress to such a word where a sentence starts. A
secondary stress (``ˌ``) was enough for English, not for Italian: im_nicola's ``ˌe vˈero``
("È vero.") was heard "di vero", its ``ˈe vˈero`` "è vero" (and "è" and "ho" are stressed
verbs that espeak-ng gets wrong).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["stress_lone_onsets"]

_VOWELS: Final = "aeiouyæɐɑɒɔəɘɚɛɜɞɤɨɪɯɵøœɶʉʊʌᵻAEIOQUWYː\u0303"
"""Kokoro's vowel symbols (its capitals are diphthongs: I = aɪ, O = oʊ...), length
and nasal marks."""

_LONE_ONSET: Final = re.compile(
    rf"(?:^|(?<=[.!?…]\s))(?P<open>[\s\"“(¿¡]*)(?=[{_VOWELS}]+(?:[\s,.!?;:—…\"”)]|$))"
)


def stress_lone_onsets(phonemes: str) -> str:
    """`phonemes` with ``ˈ`` before each unstressed vowel-only word that starts a sentence.

    >>> stress_lone_onsets("I kˈænt bᵻlˈiv ɪt. o fˈame.")
    'ˈI kˈænt bᵻlˈiv ɪt. ˈo fˈame.'
    >>> stress_lone_onsets("ˈI θˈɪŋk. sˌO I wɛnt.")
    'ˈI θˈɪŋk. sˌO I wɛnt.'
    """
    return _LONE_ONSET.sub(lambda m: m["open"] + "ˈ", phonemes)
