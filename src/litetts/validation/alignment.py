"""Whisper's forced alignment: when each word of a known text is said in a clip.

Instead of decoding, the text's tokens are fed to Whisper's decoder and its alignment
heads' attention is matched to the audio frames by dynamic time warping, exactly as
faster-whisper times the words it decodes with ``word_timestamps=True``: the same
``find_alignment``, the same clamping of over-long words at sentence ends, the same
merging of punctuation into words. Only the tokens differ: yours, not the decoder's.
"""

from __future__ import annotations

import inspect
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt

from litetts.errors import InvalidInputError
from litetts.validation.transcription import Word

__all__ = ["WINDOW_SECONDS", "WhisperAligner", "align_words"]

WINDOW_SECONDS: Final = 30.0
"""Whisper hears at most this much audio at once; a longer clip must be cut."""


class _FwFeatures(Protocol):
    def __call__(self, waveform: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]: ...


class _CtWhisper(Protocol):
    @property
    def is_multilingual(self) -> bool: ...


class WhisperAligner(Protocol):
    """The slice of faster-whisper's ``WhisperModel`` that forced alignment uses."""

    @property
    def feature_extractor(self) -> _FwFeatures: ...

    @property
    def hf_tokenizer(self) -> object: ...

    @property
    def model(self) -> _CtWhisper: ...

    def encode(self, features: npt.NDArray[np.float32]) -> object: ...

    def add_word_timestamps(  # noqa: PLR0917 - faster-whisper's own signature
        self,
        segments: list[list[dict[str, Any]]],
        tokenizer: Any,
        encoder_output: object,
        num_frames: int,
        prepend_punctuations: str,
        append_punctuations: str,
        last_speech_timestamp: float,
    ) -> float: ...


def _punctuation() -> tuple[str, str]:
    """faster-whisper's default punctuation to merge into the word after and before."""
    from faster_whisper import WhisperModel

    parameters = inspect.signature(WhisperModel.transcribe).parameters
    return (
        str(parameters["prepend_punctuations"].default),
        str(parameters["append_punctuations"].default),
    )


def align_words(
    model: WhisperAligner, samples: npt.NDArray[np.float32], text: str, language: str | None
) -> tuple[Word, ...]:
    """The words of `text` with the times Whisper aligns them to in `samples`.

    Args:
        model: a loaded faster-whisper ``WhisperModel``.
        samples: at most `WINDOW_SECONDS` of 16 kHz audio.
        text: what is said in it, as a decoder would write it (words and punctuation).
        language: the Whisper code of `text` (None: ``"en"``); ignored by English-only
            models.

    Returns:
        One `Word` per Whisper word (split at spaces, punctuation merged in); their
        texts joined give ``" " + text.strip()``.

    Raises:
        InvalidInputError: `language` is not one Whisper knows.
    """
    from faster_whisper.audio import pad_or_trim
    from faster_whisper.tokenizer import Tokenizer

    try:
        tokenizer = Tokenizer(
            model.hf_tokenizer, model.model.is_multilingual, "transcribe", language or "en"
        )
    except ValueError as err:  # not a language Whisper knows
        raise InvalidInputError(str(err), field="language") from None
    features = model.feature_extractor(samples)
    num_frames = features.shape[-1] - 1  # as transcribe(): the last frame is padding
    encoder_output = model.encode(pad_or_trim(features[:, :num_frames]))
    tokens = tokenizer.encode(" " + text.strip())
    segment = {"seek": 0, "start": 0.0, "end": len(samples) / 16_000, "tokens": tokens}
    segments = [[segment]]
    prepend, append = _punctuation()
    model.add_word_timestamps(segments, tokenizer, encoder_output, num_frames, prepend, append, 0.0)
    return tuple(
        Word(
            text=str(word["word"]),
            start=float(word["start"]),
            end=float(word["end"]),
            probability=float(word["probability"]),
        )
        for word in segment["words"]
    )
