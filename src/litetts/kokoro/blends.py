"""Voice specs: one voice id, an OpenAI name, or a weighted blend.

Grammar (whitespace around the tokens ignored, none inside a name or weight)::

    spec   := part ("+" part)*
    part   := NAME ["(" WEIGHT ")"]       e.g. af_bella(2)+af_sky(1)

A part without a weight counts 1. Weights are normalised to sum to 1, and the
same voice named twice has its weights added.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from attrs import frozen

from litetts.errors import InvalidInputError

__all__ = ["OPENAI_VOICES", "BlendPart", "format_blend", "parse_voice"]

OPENAI_VOICES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "alloy": "af_alloy",
        "ash": "am_michael",
        "ballad": "bm_george",
        "coral": "af_heart",
        "echo": "am_echo",
        "fable": "bm_fable",
        "nova": "af_nova",
        "onyx": "am_onyx",
        "sage": "af_sarah",
        "shimmer": "af_bella",
        "verse": "am_puck",
    }
)
"""OpenAI voice names -> the Kokoro voice that speaks for them."""

_PART = re.compile(r"^\s*(?P<name>[A-Za-z][A-Za-z0-9_]*)\s*(?:\(\s*(?P<weight>[^()\s]*)\s*\)\s*)?$")
_MAX_PARTS = 16


@frozen
class BlendPart:
    """One voice of a blend and its normalised weight (0 < weight <= 1)."""

    voice: str
    weight: float


def parse_voice(spec: str) -> tuple[BlendPart, ...]:
    """The voices and normalised weights of a voice spec.

    OpenAI names are replaced by their Kokoro voice; ids are lower-cased.
    Whether each voice exists is the voice bank's question, not this parser's.

    Raises:
        InvalidInputError: the spec is empty or malformed, or a weight is not a
            positive finite number.
    """
    if not isinstance(spec, str) or not spec.strip():
        raise InvalidInputError("voice must be a non-empty string", field="voice")
    pieces = spec.split("+")
    if len(pieces) > _MAX_PARTS:
        raise InvalidInputError(f"a blend may have at most {_MAX_PARTS} voices", field="voice")
    named: list[tuple[str, float]] = []
    for piece in pieces:
        match = _PART.match(piece)
        if match is None:
            raise InvalidInputError(
                f"malformed voice spec {spec!r} at {piece.strip()!r}; "
                "write e.g. af_bella(2)+af_sky(1)",
                field="voice",
            )
        name = match["name"].lower()
        named.append((OPENAI_VOICES.get(name, name), _weight(match["weight"], spec)))
    # Scale by the largest weight first, so that huge weights cannot overflow the sum.
    largest = max(weight for _, weight in named)
    weights: dict[str, float] = {}
    for name, weight in named:
        weights[name] = weights.get(name, 0.0) + weight / largest
    total = math.fsum(weights.values())
    parts = tuple(BlendPart(name, w / total) for name, w in weights.items())
    for part in parts:
        if part.weight <= 0:
            raise InvalidInputError(
                f"the weight of {part.voice!r} in {spec!r} is too small next to the others",
                field="voice",
            )
    return parts


def _weight(raw: str | None, spec: str) -> float:
    if raw is None:
        return 1.0
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise InvalidInputError(
            f"voice weight {raw!r} in {spec!r} must be a positive number", field="voice"
        )
    return value


def format_blend(parts: tuple[BlendPart, ...]) -> str:
    """The canonical spelling of a blend: ``af_bella`` or ``af_bella(0.667)+af_sky(0.333)``."""
    if len(parts) == 1:
        return parts[0].voice
    return "+".join(f"{p.voice}({p.weight:.6g})" for p in parts)
