"""A request, checked: the text front-end that turns what a caller wrote into what to say.

    text -> [Markdown clean-up] -> markup ([pause:..], [word](/IPA/)) -> dictionary
    -> normalize (plain text only, per language) -> passages and pauses

Everything a caller can get wrong is found here, before any model work, and raised
as an `InvalidInputError` naming the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from litetts.config.schema import SynthesisSettings
from litetts.errors import InvalidInputError
from litetts.g2p.languages import language_for_voice, resolve_language
from litetts.kokoro.blends import parse_voice
from litetts.kokoro.model import check_speed
from litetts.kokoro.vocabulary import Vocabulary
from litetts.kokoro.voices import VoiceBank
from litetts.text.lexicon import Lexicon
from litetts.text.llm import clean_llm_output
from litetts.text.markup import Passage, Pause, Plain, Segment, compose, parse_markup

__all__ = ["Normalizer", "Request", "prepare_request"]

Normalizer = Callable[[str, str], str]
"""Written -> speakable text in a language: ``normalizer(text, lang)``."""


class Request(NamedTuple):
    """A checked request: what to say (passages and pauses) and how."""

    parts: list[Passage | Pause]
    voice: str
    """The resolved voice id or blend."""
    speed: float
    lang: str
    """The language code the text is spoken in."""
    chars: int
    """Characters of the text as the caller gave it."""
    settings: SynthesisSettings
    """The synthesis settings as they were when the request arrived."""
    phonemes: dict[str, str]
    """Phonemes of pieces of the text, learnt while checking the request's cost and
    reused when it is spoken (see `litetts.tokenizer.Tokenizer.for_passage`)."""
    text: str = ""
    """The text exactly as the caller gave it (word offsets point into it)."""

    def shown(self) -> str:
        """The speech of this request as text, words in place of placeholders."""
        return " ".join(p.show(p.text) for p in self.parts if isinstance(p, Passage))


def _speakable(
    lang: str, settings: SynthesisSettings, normalizer: Normalizer
) -> Callable[[str], str]:
    if not settings.normalize:
        return str.strip

    def speakable(text: str) -> str:
        return normalizer(text, lang)

    return speakable


def prepare_request(
    text: str,
    voice: str | None,
    speed: float | None,
    lang: str | None,
    *,
    settings: SynthesisSettings,
    lexicon: Lexicon | None,
    voices: VoiceBank,
    vocabulary: Vocabulary,
    normalizer: Normalizer,
) -> Request:
    """Check a request and turn its text into passages and pauses.

    Args:
        text, voice, speed, lang: as `litetts.Synthesizer.synthesize` takes them;
            None takes the default from `settings` (the language: the voice's).
        settings: defaults, limits and what the front-end does.
        lexicon: the pronunciation dictionary, or None.
        vocabulary: the symbols an override may use.
        normalizer: written -> speakable text.

    Raises:
        InvalidInputError: not a string, not valid Unicode (a lone surrogate), too
            long, empty, only pauses, malformed markup, bad speed or language.
        VoiceNotFoundError: unknown voice.
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"text must be a string, got {type(text).__name__}", field="input")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:  # a lone surrogate: no phonemizer can read it
        raise InvalidInputError(
            f"text holds a lone surrogate ({text[err.start]!r}) at character {err.start};"
            " send valid Unicode",
            field="input",
        ) from None
    if len(text) > settings.max_chars:
        raise InvalidInputError(
            f"text has {len(text)} characters; the maximum is {settings.max_chars}",
            field="input",
        )
    voice_spec = voices.resolve(voice if voice is not None else settings.voice)
    rate = check_speed(settings.speed if speed is None else speed)
    code = resolve_language(lang) if lang else language_for_voice(parse_voice(voice_spec)[0].voice)
    if settings.llm_cleanup == "always":
        text = clean_llm_output(text)
    segments: list[Segment] = (
        parse_markup(text, vocabulary=vocabulary) if settings.markup else [Plain(text)]
    )
    if lexicon is not None:
        segments = lexicon.apply(segments, code)
    parts = compose(segments, _speakable(code, settings, normalizer), lang=code)
    if not any(isinstance(part, Passage) for part in parts):
        if parts:
            raise InvalidInputError("text holds only pauses; nothing to speak", field="input")
        raise InvalidInputError("text is empty or only whitespace", field="input")
    return Request(parts, voice_spec, rate, code, len(text), settings, {}, text)
