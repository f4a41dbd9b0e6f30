"""Phonemes in and out: what the model is asked to say, and saying exactly that.

`phonemize` gives the phonemes litetts would speak for a text (normalised, through
the phonemizer, limited to the model's symbols), one space between words. Those
phonemes, edited or not, are spoken by ``Synthesizer.synthesize(phonemes,
phonemes=True)``: each space-separated group becomes a pinned word (as a
``[word](/phonemes/)`` tag does, but with no symbol converted), so nothing is
normalised or guessed, long input is chunked at the groups, and
`litetts.Audio.words` times each group with offsets into the phoneme string.

    >>> import litetts
    >>> litetts.phonemize("Hello world.")  # doctest: +SKIP
    'həlˈO wˈɜɹld.'
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Final

from attrs import evolve

from litetts.audio import Audio
from litetts.audio_buffer import AudioBuffer
from litetts.errors import InvalidInputError
from litetts.g2p.base import Phonemizer
from litetts.g2p.languages import resolve_language
from litetts.kokoro.vocabulary import Vocabulary
from litetts.request import prepare_request
from litetts.text.markup import Override, Plain, Segment, compose
from litetts.text.normalize import normalize
from litetts.tokenizer import Tokenizer

if TYPE_CHECKING:
    from litetts.synthesizer import Synthesizer

__all__ = ["phonemize", "speak_phonemes"]

_GROUP: Final = re.compile(r"\S+")


@cache
def _default_tokenizer() -> Tokenizer:
    from litetts.g2p.auto import default_phonemizer

    return Tokenizer(default_phonemizer(), Vocabulary.default())


def phonemize(
    text: str,
    lang: str = "en-us",
    *,
    normalized: bool = True,
    phonemizer: Phonemizer | None = None,
) -> str:
    """The phonemes litetts speaks for `text` in `lang`, in Kokoro's symbols.

    Args:
        text: written text (markup tags are not read here).
        lang: a language code or name (``en-us``, ``en-gb``, ``fr-fr``, ``ja``...).
        normalized: normalise numbers, dates, money and abbreviations first, as
            synthesis does.
        phonemizer: the backend; default litetts' (espeak-ng, or CMUdict for English).

    Raises:
        InvalidInputError: `text` is not a string, or an unknown language.
        PhonemizerError: the phonemizer failed.
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"text must be a string, got {type(text).__name__}", field="input")
    code = resolve_language(lang)
    tokenizer = _default_tokenizer() if phonemizer is None else Tokenizer(phonemizer)
    speakable = normalize(text, code) if normalized else text
    return " ".join(tokenizer.phonemes(speakable, code).split())


def _segments(phonemes: str, vocabulary: Vocabulary) -> list[Segment]:
    """One pinned word per space-separated group of `phonemes` (unknown symbols dropped)."""
    segments: list[Segment] = []
    for match in _GROUP.finditer(phonemes):
        kept = vocabulary.filter(match[0])
        if kept.strip():
            segments += [Override(match[0], kept), Plain(" ")]
    return segments


def speak_phonemes(
    tts: Synthesizer,
    phonemes: str,
    voice: str | None = None,
    speed: float | None = None,
) -> Audio:
    """Speak `phonemes` (Kokoro symbols, words separated by spaces) with `tts`.

    Each group is spoken exactly as given (symbols the model does not know are
    dropped), with no normalisation, dictionary or cache; word offsets point into
    `phonemes`.

    Raises:
        InvalidInputError: not a string, too long, nothing Kokoro can say; bad voice
            or speed.
    """
    if not isinstance(phonemes, str):
        raise InvalidInputError(
            f"phonemes must be a string, got {type(phonemes).__name__}", field="input"
        )
    if len(phonemes) > tts.settings.max_chars:
        raise InvalidInputError(
            f"phonemes have {len(phonemes)} characters; the maximum is {tts.settings.max_chars}",
            field="input",
        )
    segments = _segments(phonemes, tts.vocabulary)
    if not segments:
        raise InvalidInputError("no phonemes the model knows to speak", field="input")
    settings = evolve(tts.settings, markup=False, normalize=False)
    checked = prepare_request(  # checks the voice and speed the same way as text
        "-",
        voice,
        speed,
        None,
        settings=settings,
        lexicon=None,
        voices=tts.voices,
        vocabulary=tts.vocabulary,
        normalizer=tts.normalizer,
    )
    parts = compose(segments, str.strip, lang=checked.lang)
    request = checked._replace(parts=parts, chars=len(phonemes), text=phonemes)
    buffer = AudioBuffer()
    for piece in tts._run(request, first_tokens=settings.chunk_tokens):
        buffer.append(piece)
    return buffer.to_audio()
