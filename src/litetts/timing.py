"""Word timings: which written word each stretch of audio speaks.

Three alignments, each cheap:

1. **Written -> spoken words** (`WordMap`, once per request). Normalisation rewrites
   text ("$3.50" -> "three dollars and fifty cents"), so the spoken words of every
   passage are matched to the caller's words by a word-level diff on letters and
   digits. Words that match are one-to-one; a rewritten run becomes one written word
   spanning all its spoken words. Markup tags are blanked out first, so offsets stay
   those of the caller's text.
2. **Spoken words -> phoneme tokens** (`ChunkWords`, per chunk). The phonemizer
   separates words by spaces; when its word count differs (espeak joins "of the" into
   ``ʌvðə``), each word is phonemized alone and a small dynamic programme matches
   runs of words to runs of phoneme groups by length.
3. **Tokens -> seconds**: the model's per-token durations (frames of
   `HOP_SAMPLES` samples), moved `LEAD_SAMPLES` earlier (the sound leads the
   durations, as Kokoro's reference implementation also counts), less the leading
   silence that trimming removed. The space between two words is shared half and
   half; punctuation's silence belongs to no word. A model without durations gets
   them estimated by spreading the kept speech over the tokens.

Languages written without spaces (Japanese, Mandarin) have words cut after their
punctuation (、。，！？), so a "word" there is a clause.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from litetts.audio import SAMPLE_RATE, Audio, Samples
from litetts.kokoro.model import HOP_SAMPLES, AcousticModel, Style, TimedAcousticModel, TimedSamples
from litetts.text.chunking import Chunk
from litetts.text.markup import Passage, Pause, mask_tags
from litetts.words import Word, shift_words

__all__ = [
    "ChunkWords",
    "WordMap",
    "infer_timed",
    "loud_frames",
    "placed",
    "trimmed_start",
    "words_of",
]

Phonemize = Callable[[str], str]

_WORD: Final = re.compile(r"[^\s、。，！？；：]+[、。，！？；：]*|[、。，！？；：]+")
_EDGE: Final = "\"'“”‘’«»()[]{}<>,;:!?…—–-¿¡"
_SILENT: Final = frozenset(' ;:,.!?—…"()“”¿¡-')
_MAX_RUN: Final = 4

LEAD_SAMPLES: Final = 3 * HOP_SAMPLES
"""How far the sound of a token leads its place in the durations: 3 frames (75 ms), as
Kokoro's reference implementation (``join_timestamps``) counts; measured against
Whisper in benchmarks/timestamps.py."""


def words_of(text: str) -> list[tuple[int, int]]:
    """Spans of the words of `text` (whitespace-separated; also cut after CJK punctuation)."""
    return [m.span() for m in _WORD.finditer(text)]


def _key(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` without quotes, brackets and trailing ``,;:!?`` (if any is left)."""
    a, b = start, end
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return (a, b) if a < b else (start, end)


def infer_timed(
    model: AcousticModel, tokens: Sequence[int], style: Style, speed: float
) -> TimedSamples:
    """`model`'s audio for `tokens` and, when it reports them, per-token durations."""
    if isinstance(model, TimedAcousticModel):
        return model.infer_timed(tokens, style, speed)
    return TimedSamples(model.infer(tokens, style, speed), None)


def placed(piece: Audio, seconds: float) -> Audio:
    """`piece` as a streamed piece starting `seconds` into its stream (words moved along)."""
    words = shift_words(piece.words, seconds - piece.offset)
    return Audio._adopt(piece.samples, piece.sample_rate, words=words, offset=seconds)


def trimmed_start(samples: Samples, kept: Samples) -> int:
    """Samples cut from the front of `samples` to leave `kept` (a view of it); 0 if not a view."""
    if not len(kept) or not np.shares_memory(samples, kept):
        return 0
    offset = kept.__array_interface__["data"][0] - samples.__array_interface__["data"][0]
    return int(offset // samples.itemsize)


class WordMap:
    """The spoken words of a request's passages, each mapped to a written word.

    Args:
        text: the text exactly as the caller gave it.
        parts: the request's passages and pauses.
        markup: whether `text` was read for markup tags.
    """

    def __init__(self, text: str, parts: Sequence[Passage | Pause], *, markup: bool) -> None:
        self.text = text
        visible = mask_tags(text) if markup else text
        written = [_trimmed(text, a, b) for a, b in words_of(visible)]
        spoken: list[tuple[int, int]] = []  # (passage, word) in order
        keys: list[str] = []
        self._words: list[list[str]] = []
        for index, part in enumerate(p for p in parts if isinstance(p, Passage)):
            shown = [part.show(part.text[a:b]) for a, b in words_of(part.text)]
            self._words.append(shown)
            spoken.extend((index, i) for i in range(len(shown)))
            keys.extend(_key(w) for w in shown)
        self._groups: dict[tuple[int, int], tuple[int, int]] = {}
        matcher = difflib.SequenceMatcher(
            None, [_key(text[a:b]) for a, b in written], keys, autojunk=False
        )
        last: tuple[int, int] | None = None
        pending: list[tuple[int, int]] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "delete":
                continue
            if tag == "insert":
                if last is None:
                    pending.extend(spoken[j1:j2])
                for j in range(j1, j2):
                    if last is not None:
                        self._groups[spoken[j]] = last
                continue
            pairs = i2 - i1 == j2 - j1
            for j in range(j1, j2):
                a, b = written[i1 + j - j1] if pairs else (written[i1][0], written[i2 - 1][1])
                last = self._groups[spoken[j]] = (a, b)
            for early in pending:
                self._groups[early] = self._groups[spoken[j1]]
            pending.clear()

    def __iter__(self) -> Iterator[PassageWords]:
        """A cursor over each passage's words, in order."""
        return (PassageWords(self, index) for index in range(len(self._words)))

    def written(self, passage: int, word: int) -> tuple[int, int] | None:
        """The span in the caller's text of spoken word `word` of `passage`."""
        return self._groups.get((passage, word))


class PassageWords:
    """Walks one passage's words chunk by chunk (the chunks cover them in order)."""

    def __init__(self, owner: WordMap, index: int) -> None:
        self.owner = owner
        self.index = index
        self._next = 0

    def chunk(self, chunk: Chunk, phonemize: Phonemize) -> ChunkWords:
        """The words of `chunk`, the passage's next chunk; advances the cursor."""
        count = len(words_of(chunk.text))
        first = self._next
        self._next += count
        spans = [self.owner.written(self.index, first + i) for i in range(count)]
        return ChunkWords(chunk, spans, self.owner.text, phonemize)


def _groups(phonemes: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", phonemes)]


def _sounding(phonemes: str, start: int, end: int) -> tuple[int, int]:
    """The part of `phonemes[start:end]` that is sound (punctuation trimmed off the edges)."""
    a, b = start, end
    while a < b and phonemes[a] in _SILENT:
        a += 1
    while b > a and phonemes[b - 1] in _SILENT:
        b -= 1
    return (a, b) if a < b else (start, end)


def _match_runs(words: list[int], groups: list[int]) -> list[tuple[int, int, int, int]]:
    """Runs (w1, w2, g1, g2) pairing word runs with phoneme-group runs, one side one long,
    minimising the difference in phoneme counts."""
    n, m = len(words), len(groups)
    inf = float("inf")
    cost = np.full((n + 1, m + 1), inf)
    back: dict[tuple[int, int], tuple[int, int]] = {}
    cost[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i, j] == inf:
                continue
            for di, dj in [(1, k) for k in range(1, _MAX_RUN + 1)] + [
                (k, 1) for k in range(2, _MAX_RUN + 1)
            ]:
                if i + di > n or j + dj > m:
                    continue
                step = abs(sum(words[i : i + di]) - sum(groups[j : j + dj])) + 0.5 * (di + dj - 2)
                if cost[i, j] + step < cost[i + di, j + dj]:
                    cost[i + di, j + dj] = cost[i, j] + step
                    back[(i + di, j + dj)] = (i, j)
    if cost[n, m] == inf:
        return []
    runs = []
    at = (n, m)
    while at != (0, 0):
        before = back[at]
        runs.append((before[0], at[0], before[1], at[1]))
        at = before
    return runs[::-1]


class ChunkWords:
    """The written words of one chunk and the phoneme tokens that speak each."""

    def __init__(
        self,
        chunk: Chunk,
        spans: list[tuple[int, int] | None],
        text: str,
        phonemize: Phonemize,
    ) -> None:
        self.text = text
        self.spans = spans
        self.phonemes = chunk.phonemes
        self.count = len(chunk.phonemes)
        self.tokens = self._token_spans(chunk, phonemize)

    def _token_spans(self, chunk: Chunk, phonemize: Phonemize) -> list[tuple[int, int]]:
        """Token range [a, b) of each spoken word of the chunk."""
        groups = _groups(chunk.phonemes)
        spoken = [chunk.text[a:b] for a, b in words_of(chunk.text)]
        if len(groups) == len(spoken):
            return [_sounding(chunk.phonemes, a, b) for a, b in groups]
        if not groups or not spoken:
            return [(0, len(chunk.phonemes))] * len(spoken)
        lengths = [max(1, len(phonemize(w).replace(" ", ""))) for w in spoken]
        runs = _match_runs(lengths, [b - a for a, b in groups])
        if not runs:  # more than _MAX_RUN to one: spread over the whole chunk
            runs = [(0, len(spoken), 0, len(groups))]
        spans: list[tuple[int, int]] = []
        for w1, w2, g1, g2 in runs:
            a, b = _sounding(chunk.phonemes, groups[g1][0], groups[g2 - 1][1])
            share = lengths[w1:w2]
            edges = np.round(a + (b - a) * np.cumsum([0, *share]) / sum(share)).astype(int)
            spans.extend((int(edges[k]), int(edges[k + 1])) for k in range(len(share)))
        return spans

    def words(
        self,
        durations: npt.NDArray[np.int64] | None,
        *,
        cut: int,
        kept: int | None = None,
        speech: Samples | None = None,
    ) -> tuple[Word, ...]:
        """The chunk's written words with times in seconds from the kept audio's start.

        Args:
            durations: frames per token from the model, pads included; None to estimate.
            cut: samples trimmed off its front.
            kept: samples of speech kept (default: ``len(speech)``).
            speech: the kept audio; when given, silence at a word's edges is left out
                (see `_tightened`).
        """
        if kept is None:
            kept = len(speech) if speech is not None else 0
        tokens = self.count
        if durations is not None and len(durations) == tokens + 2:
            ends = np.concatenate(([0], np.cumsum(durations))) * HOP_SAMPLES
            at = ends[1:] - LEAD_SAMPLES  # at[k]: where token k starts (after the pad)
            shift = cut
        else:  # spread the kept speech evenly over the tokens
            at = np.linspace(0, kept, tokens + 1)
            shift = 0
        timed: list[tuple[tuple[int, int], int, int]] = []  # (span, start, end) in samples
        for span, (a, b) in zip(self.spans, self.tokens, strict=True):
            if span is None:
                continue
            # A space between words is shared: half to the word before, half after.
            first = (at[a - 1] + at[a]) / 2 if a > 0 and self.phonemes[a - 1] == " " else at[a]
            last = (at[b] + at[b + 1]) / 2 if b < tokens and self.phonemes[b] == " " else at[b]
            start = int(np.clip(first - shift, 0, kept))
            end = max(start, int(np.clip(last - shift, 0, kept)))
            if timed and timed[-1][0] == span:
                timed[-1] = (span, timed[-1][1], max(end, timed[-1][2]))
            else:
                timed.append((span, start, end))
        loud = loud_frames(speech) if speech is not None and len(speech) else None
        words: list[Word] = []
        for span, start, end in timed:
            a, b = _tightened(loud, start, end) if loud is not None else (start, end)
            words.append(
                Word(self.text[span[0] : span[1]], a / SAMPLE_RATE, b / SAMPLE_RATE, *span)
            )
        return tuple(words)


_FRAME: Final = SAMPLE_RATE // 100
"""10 ms: the step at which a word's edges are checked for silence."""
_QUIET_DB: Final = 45.0
"""A frame this far below the chunk's loudest is silence (room noise of Kokoro's output is
-60 dB and lower; its quietest fricatives stay within about 35 dB of the peak)."""
_MIN_GAP: Final = 5
"""Frames (50 ms) of silence at a word's edge before the edge moves: shorter silences are
stop closures, which belong to their word."""


def loud_frames(speech: Samples) -> npt.NDArray[np.bool_]:
    """Whether each `_FRAME` of `speech` has sound (RMS within `_QUIET_DB` of the peak)."""
    count = len(speech) // _FRAME
    frames = np.asarray(speech[: count * _FRAME], dtype=np.float64).reshape(count, _FRAME)
    rms = np.sqrt(np.mean(frames**2, axis=1)) + 1e-9
    return np.asarray(20 * np.log10(rms / rms.max()) > -_QUIET_DB)


def _tightened(loud: npt.NDArray[np.bool_], start: int, end: int) -> tuple[int, int]:
    """[start, end) in samples without the silence at its edges.

    Kokoro lengthens the last phoneme before a pause it makes on its own (after a name,
    before "and") and fills the lengthening with silence, so the durations put that
    silence inside the word; likewise a long first phoneme can open with silence. Edges
    move only past at least `_MIN_GAP` silent frames, and never when the word has no
    loud frame (a whispered or clipped word keeps its durations).
    """
    first, last = start // _FRAME, min(-(-end // _FRAME), len(loud))
    inside = np.flatnonzero(loud[first:last])
    if not len(inside):
        return start, end
    if inside[0] >= _MIN_GAP:
        start = (first + int(inside[0])) * _FRAME
    if (last - first) - 1 - inside[-1] >= _MIN_GAP:
        end = (first + int(inside[-1]) + 1) * _FRAME
    return start, max(start, end)
