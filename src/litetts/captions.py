"""Captions from timed words: SRT, WebVTT and JSON.

    >>> import litetts
    >>> text = "Hello there. How are you?"
    >>> audio = litetts.Synthesizer.default().synthesize(text)  # doctest: +SKIP
    >>> litetts.write_captions("hello.vtt", audio.words, text=text)  # doctest: +SKIP

Words are grouped into cues: a cue ends after a sentence (``.``, ``!`` or ``?`` then a
short silence), before a silence longer than ``max_gap``, or before it would pass
``max_chars`` characters. With the original `text`, a cue shows the caller's text between its first
and last word, punctuation included; without it, the words joined by spaces.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from attrs import frozen

from litetts.errors import InvalidInputError
from litetts.files import atomic_write
from litetts.words import Word

__all__ = [
    "CAPTION_FORMATS",
    "Cue",
    "captions_to_string",
    "cues",
    "to_json",
    "to_srt",
    "to_vtt",
    "write_captions",
]

CAPTION_FORMATS: Final = ("srt", "vtt", "json")
"""Caption formats `write_captions` writes, named by file suffix."""

_SENTENCE_END: Final = (".", "!", "?", "。", "！", "？", "…")
_SENTENCE_GAP: Final = 0.02
"""A full stop followed by at least this silence (seconds; the model gives a spoken "."
at least one 25 ms frame) ends a sentence ("Dr. Smith", read "Doctor Smith",
has none)."""
_TRAILING: Final = ",;:!?.…\"'”’)]»。，！？"


@frozen
class Cue:
    """One caption: text shown from `start` to `end` seconds."""

    start: float
    end: float
    text: str


def _shown(words: Sequence[Word], text: str | None) -> str:
    if text is None:
        return " ".join(w.text for w in words)
    end = words[-1].char_end
    while end < len(text) and text[end] in _TRAILING:  # the punctuation the word left out
        end += 1
    return " ".join(text[words[0].char_start : end].split())


def cues(
    words: Sequence[Word],
    text: str | None = None,
    *,
    max_chars: int = 42,
    max_gap: float = 0.6,
) -> list[Cue]:
    """`words` grouped into caption cues, in order.

    Args:
        words: timed words, such as `litetts.Audio.words`.
        text: the text the words' offsets point into, to show its punctuation.
        max_chars: longest cue, in characters (a longer single word is a cue alone).
        max_gap: a silence longer than this (seconds) starts a new cue.
    """
    result: list[Cue] = []
    group: list[Word] = []
    for word in words:
        if group:
            gap = word.start - group[-1].end
            ended = _shown(group[-1:], text).endswith(_SENTENCE_END) and gap >= _SENTENCE_GAP
            longer = len(_shown([*group, word], text)) > max_chars
            if ended or longer or gap > max_gap:
                result.append(Cue(group[0].start, group[-1].end, _shown(group, text)))
                group = []
        group.append(word)
    if group:
        result.append(Cue(group[0].start, group[-1].end, _shown(group, text)))
    return result


def _clock(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def to_srt(captions: Sequence[Cue]) -> str:
    """SubRip text: numbered cues, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``."""
    blocks = [
        f"{i}\n{_clock(c.start, ',')} --> {_clock(c.end, ',')}\n{c.text}\n"
        for i, c in enumerate(captions, start=1)
    ]
    return "\n".join(blocks)


def to_vtt(captions: Sequence[Cue]) -> str:
    """WebVTT text: a ``WEBVTT`` header, then ``HH:MM:SS.mmm --> HH:MM:SS.mmm`` cues."""
    blocks = [f"{_clock(c.start, '.')} --> {_clock(c.end, '.')}\n{c.text}\n" for c in captions]
    return "\n".join(["WEBVTT\n", *blocks])


def to_json(words: Sequence[Word], captions: Sequence[Cue] = ()) -> str:
    """JSON: ``{"words": [{text, start, end, char_start, char_end}], "cues": [{start, end,
    text}]}``, times in seconds rounded to the millisecond."""
    return json.dumps(
        {
            "words": [
                {
                    "text": w.text,
                    "start": round(w.start, 3),
                    "end": round(w.end, 3),
                    "char_start": w.char_start,
                    "char_end": w.char_end,
                }
                for w in words
            ],
            "cues": [
                {"start": round(c.start, 3), "end": round(c.end, 3), "text": c.text}
                for c in captions
            ],
        },
        ensure_ascii=False,
        indent=1,
    )


def _format(path: Path, format: str | None) -> str:
    chosen = (format or path.suffix.lstrip(".")).lower()
    if chosen not in CAPTION_FORMATS:
        raise InvalidInputError(
            f"caption format {chosen or path.name!r} is not one of {', '.join(CAPTION_FORMATS)};"
            " name the file .srt, .vtt or .json",
            field="captions",
        )
    return chosen


def captions_to_string(
    words: Sequence[Word], format: str, text: str | None = None, *, max_chars: int = 42
) -> str:
    """`words` as captions in `format` (``srt``, ``vtt`` or ``json``).

    Raises:
        InvalidInputError: unknown format.
    """
    chosen = _format(Path(f"captions.{format}"), format)
    grouped = cues(words, text, max_chars=max_chars)
    if chosen == "srt":
        return to_srt(grouped)
    if chosen == "vtt":
        return to_vtt(grouped)
    return to_json(words, grouped)


def write_captions(
    path: str | os.PathLike[str],
    words: Sequence[Word],
    text: str | None = None,
    *,
    format: str | None = None,
    max_chars: int = 42,
) -> Path:
    """Write `words` as captions to `path` (atomically); the format from its suffix.

    Args:
        path: where to write; ``.srt``, ``.vtt`` or ``.json`` unless `format` says.
        words: timed words, such as `litetts.Audio.words`.
        text: the text the words came from, so cues show its punctuation.
        format: ``srt``, ``vtt`` or ``json``, overriding the suffix.
        max_chars: longest cue, in characters.

    Raises:
        InvalidInputError: the format is none of `CAPTION_FORMATS`.
    """
    target = Path(path)
    content = captions_to_string(words, _format(target, format), text, max_chars=max_chars)
    atomic_write(target, content)
    return target
