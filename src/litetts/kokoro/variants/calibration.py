"""Calibration feeds for static quantization, made by litetts' own pipeline.

A varied, fixed set of sentences (questions, exclamations, numbers, lists, long and
short; American and British English and five other languages) is phonemized and
paired with a spread of voices of both genders, so that the activation ranges seen
during calibration cover what real requests produce. Nothing is downloaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Final

from litetts.errors import LiteTTSError
from litetts.kokoro.model import Feed, make_feed
from litetts.kokoro.vocabulary import MAX_TOKENS
from litetts.kokoro.voices import VoiceBank

__all__ = ["CALIBRATION_SENTENCES", "calibration_feeds"]

logger = logging.getLogger(__name__)

Encode = Callable[[str, str], list[int]]
"""Text and language -> token ids."""

CALIBRATION_SENTENCES: Final[tuple[tuple[str, str, str], ...]] = (
    # (text, language, voice)
    (
        "Please call Stella and ask her to bring these things with her from the store.",
        "en-us",
        "af_heart",
    ),
    ("Hello.", "en-us", "af_bella"),
    ("Did you really think that would work? I certainly didn't!", "en-us", "am_adam"),
    (
        "Six thousand, four hundred and twelve people attended the concert last Saturday.",
        "en-us",
        "af_sarah",
    ),
    (
        "Quantum computers exploit superposition and entanglement to solve some problems faster.",
        "en-us",
        "af_nicole",
    ),
    (
        "Wait... what was that noise? Stay right here, and don't make a sound.",
        "en-us",
        "am_michael",
    ),
    (
        "The recipe calls for flour, sugar, three eggs, a pinch of salt, and a cup of warm milk.",
        "en-us",
        "af_sky",
    ),
    ("Oh no!", "en-us", "am_puck"),
    (
        "In the beginning the universe was created. This has made a lot of people very angry "
        "and been widely regarded as a bad move.",
        "en-us",
        "am_fenrir",
    ),
    (
        "Thank you for calling. Your estimated wait time is approximately four minutes.",
        "en-us",
        "af_jessica",
    ),
    (
        "She sells seashells by the seashore, and the shells she sells are surely seashells.",
        "en-us",
        "af_river",
    ),
    ("Whispering softly, she closed the heavy oak door behind her.", "en-gb", "bf_emma"),
    ("The weather in Scotland changes every fifteen minutes, or so they say.", "en-gb", "bm_lewis"),
    ("Yes! No. Maybe... Well, alright then.", "en-gb", "bf_isabella"),
    (
        "Would you care for another cup of tea before the train leaves at half past four?",
        "en-gb",
        "bm_george",
    ),
    (
        "The committee's report, published on Tuesday, recommends sweeping changes to the "
        "way the city plans its roads, parks and housing for the next twenty years.",
        "en-gb",
        "bf_alice",
    ),
    ("Mind the gap between the train and the platform.", "en-gb", "bm_daniel"),
    ("El perro corre por el parque todas las mañanas.", "es", "ef_dora"),
    ("¿Dónde está la estación de tren más cercana?", "es", "em_alex"),
    ("Le chat dort sur le canapé depuis ce matin.", "fr-fr", "ff_siwis"),
    ("Il gatto dorme sul divano tutto il giorno.", "it", "im_nicola"),
    ("Domani partiamo per Roma con i nostri amici.", "it", "if_sara"),
    ("O cachorro corre no parque todas as manhãs.", "pt-br", "pf_dora"),
    ("Amanhã vamos viajar para São Paulo com nossos amigos.", "pt-br", "pm_alex"),
    ("आज मौसम बहुत अच्छा है।", "hi", "hf_alpha"),
    ("हम कल दिल्ली जाएंगे।", "hi", "hm_omega"),
)
"""The calibration corpus: (text, language, voice) triples."""


def calibration_feeds(
    encode: Encode,
    voices: VoiceBank,
    sentences: tuple[tuple[str, str, str], ...] = CALIBRATION_SENTENCES,
) -> Iterator[Feed]:
    """Model inputs for each calibration sentence, in order (the first one, a
    medium English sentence, is what a prepared variant is checked with).

    Args:
        encode: text and language -> token ids: the same tokenizer synthesis uses
            (`litetts.tokenizer.Tokenizer.encode`), so calibration sees what the
            model will see.
        voices: the voices named in `sentences`.
        sentences: (text, language, voice) triples.

    A sentence whose language the phonemizer cannot speak (espeak-ng missing) or whose
    voice is not installed is skipped with a debug message, so that calibration
    still runs on what is available.
    """
    for text, lang, voice in sentences:
        try:
            tokens = encode(text, lang)
            style = voices.style(voice, len(tokens[:MAX_TOKENS]))
        except LiteTTSError as err:
            logger.debug("calibration sentence skipped (%s, %s): %s", lang, voice, err)
            continue
        if tokens:
            yield make_feed(tokens[:MAX_TOKENS], style, 1.0)
