"""What a request will cost, known before any model work: an upper estimate of its audio.

The audio a request makes follows from its phoneme tokens and its speed: Kokoro
gives every token a duration, divided by the speed. Measured on real phrases
(``benchmarks/audio_estimate.py``), speech runs 0.050 to 0.081 seconds per token at
speed 1 once edge silence is trimmed; `SECONDS_PER_TOKEN` takes 0.1, and each model
call is allowed `CALL_SECONDS` more for the silence kept at its edges. The chunks
are the ones the synthesizer will speak (same chunker, same limits), so the pauses
between them count too, and so do ``[pause:...]`` tags.

Two limits apply: ``synthesis.max_audio_seconds`` for every request, and a lower one
that a caller sets for the requests it makes inside `audio_limit` (the server's
``server.max_audio_seconds``). A request over either is an `AudioTooLongError`
raised before the first chunk is spoken.

Memory follows the same figure. Each model call holds activations in proportion to
the audio it makes, about 18 MiB per second of it (peak RSS over the loaded model:
+133 MiB for 8 s of audio, +403 for 23 s, +664 for 32 s), so at speed 0.25 a full
510-token window (over 100 s of audio) took a server past 4 GB. `call_tokens` caps
one call at `MAX_CALL_SECONDS` of estimated audio, whatever the speed
(``python benchmarks/call_memory.py`` measures a call's memory by its size).
"""

from __future__ import annotations

import contextvars
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final, NamedTuple

from litetts.errors import AudioTooLongError
from litetts.model_options import MAX_TOKENS
from litetts.request import Request
from litetts.text.chunking import chunk_text
from litetts.text.markup import Passage
from litetts.tokenizer import Tokenizer

__all__ = [
    "CALL_SECONDS",
    "MAX_CALL_SECONDS",
    "SECONDS_PER_TOKEN",
    "AudioEstimate",
    "audio_limit",
    "call_tokens",
    "check_audio_length",
    "estimate_audio",
]

SECONDS_PER_TOKEN: Final = 0.1
"""Upper estimate of the speech one phoneme token makes at speed 1, in seconds
(measured: 0.050 to 0.081 after trimming; 0.135 before trimming for "Ah! Oh! Eh!",
whose edge silence `CALL_SECONDS` covers)."""

CALL_SECONDS: Final = 0.5
"""Upper estimate of the edge silence one model call keeps, at speed 1, in seconds."""

MAX_CALL_SECONDS: Final = 30.0
"""Most audio one model call may be estimated to make (300 tokens at speed 1, 75 at
0.25): at most about 25 s in fact, which peaks near 700 MiB of resident memory with
the model loaded, inside ``performance.memory_budget_mb``'s default of 1,024."""

_SETTING: Final = "synthesis.max_audio_seconds"

_caller_limit: contextvars.ContextVar[tuple[float, str] | None] = contextvars.ContextVar(
    "litetts_audio_limit", default=None
)


class AudioEstimate(NamedTuple):
    """An upper estimate of a request's audio."""

    seconds: float
    tokens: int
    """Phoneme tokens to speak."""
    calls: int
    """Model calls (chunks) to make."""


def call_tokens(speed: float) -> int:
    """Most tokens one model call may take at `speed`: as many as make `MAX_CALL_SECONDS`
    of audio by the estimate, within the model's window of 510. Sentences longer than
    that are cut at a clause or word, as the window always cut them."""
    fitting = math.floor(MAX_CALL_SECONDS * speed / SECONDS_PER_TOKEN + 1e-9)
    return max(1, min(MAX_TOKENS, fitting))


def estimate_audio(request: Request, tokenizer: Tokenizer) -> AudioEstimate:
    """An upper estimate of the audio `request` makes, from the chunks it will be spoken in.

    Phonemizes the text once (about 15 ms per 1,000 characters of English); what it
    learns is kept in ``request.phonemes``, so synthesis does not phonemize it again.
    """
    settings = request.settings
    tokens = calls = 0
    seconds = 0.0
    for part in request.parts:
        if not isinstance(part, Passage):
            seconds += part.seconds  # a [pause:...] is silence of its own length
            continue
        chunks = chunk_text(
            part.text,
            tokenizer.for_passage(part, request.lang, request.phonemes),
            max_tokens=call_tokens(request.speed),
            first_tokens=settings.first_chunk_tokens,
            target_tokens=settings.chunk_tokens,
        )
        for chunk in chunks:
            tokens += chunk.tokens
            calls += 1
            speech = chunk.tokens * SECONDS_PER_TOKEN + CALL_SECONDS + chunk.pause_seconds
            seconds += speech / request.speed
    return AudioEstimate(seconds, tokens, calls)


def check_audio_length(request: Request, tokenizer: Tokenizer) -> Request:
    """`request`, once its estimated audio is within ``settings.max_audio_seconds`` and
    the limit of any enclosing `audio_limit`.

    Raises:
        AudioTooLongError: the estimate is over a limit (``field="input"``).
    """
    limit, setting = request.settings.max_audio_seconds, _SETTING
    caller = _caller_limit.get()
    if caller is not None and caller[0] < limit:
        limit, setting = caller
    estimate = estimate_audio(request, tokenizer)
    if estimate.seconds > limit:
        raise AudioTooLongError(estimate.seconds, limit, setting=setting, tokens=estimate.tokens)
    return request


@contextmanager
def audio_limit(seconds: float, *, setting: str) -> Iterator[None]:
    """Refuse requests made inside the block (in this thread or task) whose audio would
    be longer than `seconds`, when that is lower than ``synthesis.max_audio_seconds``.

    Args:
        seconds: the limit.
        setting: what sets it, named in the error (``server.max_audio_seconds``).

    Examples:
        >>> with audio_limit(300, setting="server.max_audio_seconds"):  # doctest: +SKIP
        ...     chunks = synthesizer.stream(text, speed=0.25)
    """
    token = _caller_limit.set((float(seconds), setting))
    try:
        yield
    finally:
        _caller_limit.reset(token)
