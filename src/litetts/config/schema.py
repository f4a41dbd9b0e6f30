"""The settings schema: attrs classes, one per section, each field documented.

Every field has a default, so ``Settings()`` is a complete, working configuration.
Values are checked once, here, when a settings object is built.
"""

from __future__ import annotations

from pathlib import Path

from attrs import field, frozen, validators

from litetts.kokoro.model import MAX_SPEED, MIN_SPEED
from litetts.kokoro.vocabulary import MAX_TOKENS

__all__ = ["ModelSettings", "Settings", "SynthesisSettings"]


def _optional_path(value: str | Path | None) -> Path | None:
    return None if value is None or value == "" else Path(value).expanduser()


@frozen
class ModelSettings:
    """Where the model and voices come from and how the model runs."""

    model_path: Path | None = field(default=None, converter=_optional_path)
    """A Kokoro ``.onnx`` file to use instead of the provisioned one."""

    voices_path: Path | None = field(default=None, converter=_optional_path)
    """A folder of ``NAME.bin`` voices or a kokoro-onnx ``voices-v1.0.bin`` npz."""

    home: Path | None = field(default=None, converter=_optional_path)
    """Asset folder; default ``$LITETTS_HOME`` or the platform cache folder."""

    threads: int | None = field(
        default=None, validator=validators.optional([validators.instance_of(int), validators.ge(1)])
    )
    """ONNX Runtime intra-op threads; default: the physical cores available."""


@frozen
class SynthesisSettings:
    """Defaults for each request and the limits that protect the process."""

    voice: str = field(default="af_heart", validator=validators.min_len(1))
    """Voice id, OpenAI name or blend used when a request names none."""

    speed: float = field(
        default=1.0, converter=float, validator=[validators.ge(MIN_SPEED), validators.le(MAX_SPEED)]
    )
    """Speaking rate, 0.25 to 4.0."""

    max_chars: int = field(
        default=100_000, validator=[validators.instance_of(int), validators.ge(1)]
    )
    """Longest input accepted, in characters; longer text is an `InvalidInputError`."""

    first_chunk_tokens: int = field(
        default=20,
        validator=[validators.instance_of(int), validators.ge(1), validators.le(MAX_TOKENS)],
    )
    """Soft size of the first chunk in phoneme tokens (about four words): smaller gives
    faster first audio at the cost of a short pause after the first few words."""

    chunk_tokens: int = field(
        default=150,
        validator=[validators.instance_of(int), validators.ge(1), validators.le(MAX_TOKENS)],
    )
    """Size later chunks grow to by packing sentences, in phoneme tokens. A longer
    sentence stays whole up to the model's hard limit of 510. Measured on a 400-word
    text: 150 peaks at 473 MB RSS against 627 MB at 250, at the same speed."""

    normalize: bool = True
    """Clean up text (Unicode, whitespace) before phonemization."""

    markup: bool = True
    """Read inline control in the text: ``[pause:0.5s]`` pauses and ``[word](/IPA/)``
    pronunciation overrides. Off, brackets are spoken as written."""

    dictionary_path: Path | None = field(default=None, converter=_optional_path)
    """A pronunciation dictionary (JSON ``{"word": "IPA"}`` or TSV ``word<TAB>IPA``)
    for English, applied on top of the built-in one; see docs/text.md."""

    builtin_dictionary: bool = True
    """Apply litetts' built-in corrections for words espeak-ng says wrong ("Kokoro")."""


@frozen
class Settings:
    """All of litetts' settings."""

    model: ModelSettings = field(factory=ModelSettings)
    synthesis: SynthesisSettings = field(factory=SynthesisSettings)
