"""Inline control in the text: pauses and pronunciation overrides.

Two tags are understood::

    Hello [pause:0.5s] world.       "Hello", half a second of silence, "world."
    A ripe [tomato](/təmˈɑːtQ/).     "tomato" spoken with these phonemes

`parse_markup` splits text into `Plain`, `Pause` and `Override` segments. Text
that merely holds brackets ("[citation needed]", "see [1]") stays plain; a
``[pause:...]`` tag with a bad duration, or an override without usable phonemes,
is an `InvalidInputError` that gives its offset in the text.

`compose` then turns segments into what the synthesizer speaks: `Passage`s of
speakable text separated by `Pause`s. Only plain text is normalised. Each
overridden word becomes one placeholder token of private-use characters (no
spaces, so the chunker sees one word and never splits it), and
`Passage.phonemizer` wraps the real phonemizer so that placeholders come out as
the stored phonemes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from attrs import field, frozen, validators

from litetts.errors import InvalidInputError
from litetts.text.ipa import SymbolFilter, kokoro_phonemes, possessive

__all__ = [
    "MAX_OVERRIDE_PHONEMES",
    "MAX_PAUSE_SECONDS",
    "MAX_TOTAL_PAUSE_SECONDS",
    "Override",
    "Passage",
    "Pause",
    "Plain",
    "Segment",
    "compose",
    "mask_tags",
    "open_tag_start",
    "parse_markup",
    "tag_spans",
]

logger = logging.getLogger(__name__)

Phonemize = Callable[[str], str]


MAX_PAUSE_SECONDS: Final = 10.0
"""Longest single ``[pause:...]``; a pause must also be longer than zero."""

MAX_TOTAL_PAUSE_SECONDS: Final = 600.0
"""Most silence all pauses of one request may add, so a short text cannot ask for hours."""

MAX_OVERRIDE_PHONEMES: Final = 255
"""Most phoneme symbols one override may hold (well inside the model's 510-token window)."""

_PAUSE_EXAMPLE: Final = "[pause:0.5s] or [pause:500ms]"
_OVERRIDE_EXAMPLE: Final = "[tomato](/təmˈɑːtQ/)"

_MARKUP: Final = re.compile(
    r"(?P<pause>\[pause:(?P<value>[^\[\]\n]*)(?P<close>\])?)"
    r"|(?P<override>\[(?P<words>[^\[\]\n]+)\]\(/(?P<ipa>[^/()\n]*)/\))",
    re.IGNORECASE,
)
_DURATION: Final = re.compile(
    r"\s*(?P<number>\d+(?:\.\d*)?|\.\d+)\s*(?P<unit>ms|s)\s*", re.IGNORECASE
)

_PLACEHOLDER_START: Final = "\ue000"
_PLACEHOLDER_END: Final = "\ue001"
_DIGIT_ZERO: Final = 0xE010
_PLACEHOLDER: Final = re.compile("\ue000([\ue010-\ue01f]+)\ue001")
_RESERVED: Final = re.compile("[\ue000-\ue01f]")
_POSSESSIVE: Final = re.compile(r"['’]s(?!\w)")
_ENGLISH: Final = ("en-us", "en-gb")


_OPEN_TAG: Final = re.compile(r"\[(?:[^\[\]\n]*|[^\[\]\n]+\](?:\((?:/[^/()\n]*/?)?)?)\Z")


def tag_spans(text: str) -> list[tuple[int, int]]:
    """Where each ``[pause:...]`` and ``[word](/IPA/)`` tag of `text` starts and ends."""
    return [match.span() for match in _MARKUP.finditer(text) if match["close"] or match["override"]]


def open_tag_start(text: str) -> int | None:
    """Where a tag begins that the end of `text` leaves open (more text may complete
    it: ``"Say [tomato](/tə"``); None when every tag is closed."""
    start = text.rfind("[")
    if start < 0 or _OPEN_TAG.match(text, start) is None:
        return None
    return start


def _positive_seconds(instance: object, attribute: object, value: float) -> None:
    if not 0 < value <= MAX_TOTAL_PAUSE_SECONDS:
        raise InvalidInputError(
            f"a pause lasts more than 0 and at most {MAX_TOTAL_PAUSE_SECONDS:g} seconds,"
            f" got {value!r}",
            field="input",
        )


@frozen
class Plain:
    """Text spoken as written (after normalisation)."""

    text: str


@frozen
class Pause:
    """Silence, in seconds; not scaled by the speaking rate."""

    seconds: float = field(converter=float, validator=_positive_seconds)


@frozen
class Override:
    """Words shown as `text` and spoken with `phonemes` (Kokoro symbols), not the phonemizer's."""

    text: str = field(validator=validators.min_len(1))
    phonemes: str = field(validator=validators.min_len(1))


Segment = Plain | Pause | Override
"""One piece of marked-up text."""


def _pause(match: re.Match[str]) -> Pause:
    offset = match.start()
    if match["close"] is None:
        raise InvalidInputError(
            f"pause tag at offset {offset} is not closed with ']'; write {_PAUSE_EXAMPLE}",
            field="input",
        )
    duration = _DURATION.fullmatch(match["value"])
    if duration is None:
        raise InvalidInputError(
            f"bad pause {match[0]!r} at offset {offset}: the duration must be a number of"
            f" seconds or milliseconds, such as {_PAUSE_EXAMPLE}",
            field="input",
        )
    seconds = float(duration["number"])
    if duration["unit"].lower() == "ms":
        seconds /= 1000
    if not 0 < seconds <= MAX_PAUSE_SECONDS:
        raise InvalidInputError(
            f"bad pause {match[0]!r} at offset {offset}: a pause lasts more than 0 and"
            f" at most {MAX_PAUSE_SECONDS:g} seconds, such as {_PAUSE_EXAMPLE}",
            field="input",
        )
    return Pause(seconds)


def _override(match: re.Match[str], vocabulary: SymbolFilter | None) -> Override:
    offset = match.start()
    words = " ".join(match["words"].split())
    if not words:
        raise InvalidInputError(
            f"pronunciation override {match[0]!r} at offset {offset} names no word;"
            f" write {_OVERRIDE_EXAMPLE}",
            field="input",
        )
    phonemes = kokoro_phonemes(match["ipa"], vocabulary)
    if not phonemes.strip():
        raise InvalidInputError(
            f"pronunciation override {match[0]!r} at offset {offset} has no phonemes that"
            f" Kokoro knows; write IPA between slashes, such as {_OVERRIDE_EXAMPLE}",
            field="input",
        )
    if len(phonemes) > MAX_OVERRIDE_PHONEMES:
        raise InvalidInputError(
            f"pronunciation override at offset {offset} has {len(phonemes)} phonemes;"
            f" the most is {MAX_OVERRIDE_PHONEMES}",
            field="input",
        )
    return Override(words, phonemes)


def parse_markup(text: str, *, vocabulary: SymbolFilter | None = None) -> list[Segment]:
    """The segments of `text`: plain text, pauses and pronunciation overrides, in order.

    Plain segments keep their text exactly (spaces included), so text without
    markup comes back as one `Plain` segment. Adjacent pauses are kept apart.

    Args:
        text: text that may hold ``[pause:0.5s]``, ``[pause:500ms]`` and
            ``[word](/IPA/)`` tags.
        vocabulary: the symbols overrides may use (the synthesizer passes the model's);
            None keeps every symbol.

    Raises:
        InvalidInputError: a pause tag with a bad or out-of-range duration, an
            unclosed pause tag, an override without phonemes Kokoro knows, or
            pauses adding up to more than `MAX_TOTAL_PAUSE_SECONDS`. The message
            gives the tag's offset in `text`.
    """
    segments: list[Segment] = []
    start = 0
    total = 0.0
    for match in _MARKUP.finditer(text):
        segment: Segment
        if match["pause"] is not None:
            segment = _pause(match)
            total += segment.seconds
            if total > MAX_TOTAL_PAUSE_SECONDS:
                raise InvalidInputError(
                    f"pause at offset {match.start()} brings the pauses to {total:g} seconds;"
                    f" the most per request is {MAX_TOTAL_PAUSE_SECONDS:g}",
                    field="input",
                )
        else:
            segment = _override(match, vocabulary)
        if match.start() > start:
            segments.append(Plain(text[start : match.start()]))
        segments.append(segment)
        start = match.end()
    if start < len(text):
        segments.append(Plain(text[start:]))
    return segments


def mask_tags(text: str) -> str:
    """`text` with its tags blanked out by spaces, offsets unchanged: a pause vanishes,
    an override keeps only its words (``[tomato](/.../)`` -> `` tomato       ``)."""

    def blank(match: re.Match[str]) -> str:
        if match["override"] is None:
            return " " * len(match[0])
        inner = match.start("words") - match.start()
        return " " * inner + match["words"] + " " * (match.end() - match.end("words"))

    return _MARKUP.sub(blank, text)


def _placeholder(index: int) -> str:
    digits = "".join(chr(_DIGIT_ZERO + int(d, 16)) for d in format(index, "x"))
    return f"{_PLACEHOLDER_START}{digits}{_PLACEHOLDER_END}"


def _index(digits: str) -> int:
    return int("".join(format(ord(ch) - _DIGIT_ZERO, "x") for ch in digits), 16)


def _gap(space: str) -> str:
    """What whitespace between two segments becomes: nothing, a space or a paragraph."""
    if not space:
        return ""
    return "\n\n" if space.count("\n") >= 2 else " "


@frozen
class Passage:
    """Speakable text between pauses; each pinned word stands in `text` as a placeholder.

    Attributes:
        text: normalised text; placeholder ``i`` holds ``pinned[i]``.
        pinned: the overrides (and dictionary hits) of this passage, by placeholder index.
    """

    text: str
    pinned: tuple[Override, ...] = ()

    def phonemizer(self, phonemize: Phonemize) -> Phonemize:
        """`phonemize` for this passage's text: plain parts go to it, placeholders
        come out as their pinned phonemes."""
        if not self.pinned:
            return phonemize
        pinned = self.pinned

        def plain(part: str) -> str:
            part = _RESERVED.sub("", part)  # a placeholder cut by a too-long-word split
            core = part.strip()
            if not core:
                return " " if part else ""
            lead = " " if part[0].isspace() else ""
            trail = " " if part[-1].isspace() else ""
            return f"{lead}{phonemize(core)}{trail}"

        def with_pinned(text: str) -> str:
            # split() with a group alternates: plain, placeholder digits, plain, ...
            parts = _PLACEHOLDER.split(text)
            return "".join(
                pinned[_index(part)].phonemes if i % 2 else plain(part)
                for i, part in enumerate(parts)
            )

        return with_pinned

    def show(self, text: str) -> str:
        """`text` (this passage's or a piece of it) with placeholders turned back into words."""
        return _PLACEHOLDER.sub(lambda m: self.pinned[_index(m[1])].text, text)


def _normalised(raw: str, normalize: Callable[[str], str]) -> str:
    """`raw` normalised, with the whitespace at its edges kept as a gap."""
    core = raw.strip()
    if not core:
        return _gap(raw)
    lead = _gap(raw[: len(raw) - len(raw.lstrip())])
    trail = _gap(raw[len(raw.rstrip()) :])
    speakable = _RESERVED.sub("", normalize(core))
    return f"{lead}{speakable}{trail}" if speakable.strip() else _gap(lead + trail)


def _with_possessives(segments: Iterable[Segment], lang: str) -> Iterator[Segment]:
    """`segments` with an English ``'s`` right after an override made part of it."""
    previous: Segment | None = None
    for segment in segments:
        current: Segment = segment
        if (
            lang in _ENGLISH
            and isinstance(previous, Override)
            and isinstance(segment, Plain)
            and (match := _POSSESSIVE.match(segment.text))
        ):
            suffix = possessive(previous.phonemes, lang)
            previous = Override(previous.text + match[0], previous.phonemes + suffix)
            current = Plain(segment.text[match.end() :])
            if not current.text:
                continue
        if previous is not None:
            yield previous
        previous = current
    if previous is not None:
        yield previous


def compose(
    segments: Iterable[Segment], normalize: Callable[[str], str], *, lang: str = "en-us"
) -> list[Passage | Pause]:
    """Passages to speak and the pauses between them, in order.

    Plain segments are normalised one by one (the normaliser never sees a tag),
    overrides become placeholders, adjacent pauses merge into one, and passages
    with nothing but whitespace are dropped, as are characters from the private-use
    range placeholders are made of. In English, an ``'s`` right after an
    override joins it ("[Nguyen](/wˈɪn/)'s" ends in ``z``), since a phonemizer
    would read a lone ``'s`` as the letter.

    Args:
        segments: from `parse_markup`, perhaps with dictionary hits as overrides.
        normalize: written -> speakable text, for plain segments.
        lang: the language spoken.
    """
    parts: list[Passage | Pause] = []
    pieces: list[str] = []
    pinned: list[Override] = []

    def flush() -> None:
        text = "".join(pieces).strip()
        if text:
            parts.append(Passage(text, tuple(pinned)))
        pieces.clear()
        pinned.clear()

    for segment in _with_possessives(segments, lang):
        if isinstance(segment, Pause):
            flush()
            if parts and isinstance(parts[-1], Pause):
                parts[-1] = Pause(parts[-1].seconds + segment.seconds)
            else:
                parts.append(segment)
        elif isinstance(segment, Override):
            pieces.append(_placeholder(len(pinned)))
            pinned.append(segment)
        else:
            pieces.append(_normalised(segment.text, normalize))
    flush()
    return parts
