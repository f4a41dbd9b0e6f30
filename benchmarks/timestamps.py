"""Word timestamps against Whisper's, and what the durations output costs the model.

Accuracy: each voice speaks the standard phrases (`litetts.validation.phrases`) and a
long text with a ``[pause:1s]`` (several chunks, so chunk joins, trimmed edges and the
pause all count). Two references, both Whisper base's word times (faster-whisper):

* ``transcribed``: Whisper transcribes the audio (``word_timestamps=True``); words
  that both name the same way (a word-level diff on letters and digits) are compared.
  Where Whisper writes what it heard in fewer words ("ninety-two" as "92") it gives
  them too little time, and the word after starts early.
* ``forced``: Whisper aligns the words litetts actually spoke (normalised: "$12.50" is
  "twelve dollars and fifty cents"; `WordMap` ties each to the written word, as in
  synthesis) with ``WhisperValidator.align``: the same DTW, clamps and punctuation
  merging as transcription, on the known tokens instead of decoded ones. Every word is
  compared (a written word takes the span of all its spoken words). Whisper hears at
  most 30 s at once, so a longer clip is cut, on energy alone, in the middle of
  silences of >= 400 ms; each window counts the words between two cuts and also holds
  the words up to one more cut on each side, which it aligns but leaves to its
  neighbour. That margin matters: DTW starts a window's first word at the window's
  first frame, so the edge would decide that word. Our times only choose which window
  a word is counted in (its middle, against a cut in mid-silence); a Whisper time
  within 20 ms of an inner window edge is flagged ``e`` and counted (it should be 0).
  A clip of <= 30 s is one window, as transcription has it.

Reported per reference: median and 90th percentile of |start difference| and |end
difference|, in ms, per voice and over all; and the start differences again without
the words whose Whisper span holds a silence of 100 ms or more (the audio is quiet
there; no word holds such a pause, Whisper hands the pause before a word, and often
the end of the word before, to that word). ``--worst N`` prints the N largest start
differences with their context.

Cost: the shipped model (one output) against its prepared ``original`` variant (the
same graph plus the ``durations`` output), run on the same tokens, interleaved call
by call; the median ratio of their times (1.00 is free).

    python benchmarks/timestamps.py [--voices af_heart,am_michael,bf_emma,bm_george]
        [--reference transcribed|forced|both] [--rounds 5] [--worst 30] [--json out.json]
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import time
from dataclasses import dataclass, replace

import numpy as np

from litetts import Audio, Synthesizer, Word
from litetts.assembly import Assembly
from litetts.kokoro import KokoroModel
from litetts.kokoro.variants import VariantCache
from litetts.text.markup import Passage
from litetts.timing import WordMap, loud_frames, words_of
from litetts.validation import WhisperValidator
from litetts.validation.alignment import WINDOW_SECONDS
from litetts.validation.phrases import standard_phrases

LONG = (
    "The old lighthouse stood at the edge of the cliff, its white paint peeling after"
    " decades of storms. Every evening, the keeper climbed the ninety-two steps to light"
    " the lamp, and every morning he wrote a line in the logbook. [pause:1s] Ships passed"
    " in the night, their crews grateful for the steady beam. One winter, a fishing boat"
    " lost its way in the fog; the keeper rang the bell until dawn, and all six sailors"
    " came home safely. Years later, their children still told the story on the harbour"
    " wall, pointing up at the light that had saved their fathers."
)

CUT_QUIET = 40
"""Silent 10 ms frames a cut between two forced-alignment windows needs around it."""
EDGE = 0.02
"""A Whisper time this close to an inner window edge counts as placed by the edge."""
NEAR = 0.03
"""A start this close to where the sound comes back agrees with the audio."""


def _key(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalnum())


@dataclass(frozen=True)
class Pair:
    """One word both name: our times against Whisper's, with its context."""

    voice: str
    context: str  # the words around it, this one in |bars|
    start: float  # ours - Whisper's, seconds
    end: float
    ours: tuple[float, float]
    whisper: tuple[float, float]
    whisper_spans_pause: bool  # Whisper's span of the word holds >= 100 ms of silence
    onset: float | None  # where sound comes back after >= 30 ms of quiet, near both starts
    at_window_edge: bool = False  # forced: a Whisper time on an inner window edge


def _longest_run(flags: np.ndarray) -> int:
    """The longest run of True in `flags`."""
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def _onset(loud: np.ndarray, a: float, b: float) -> float | None:
    """The last time in [a, b] where sound comes back after >= 3 quiet 10 ms frames."""
    found = None
    for frame in range(max(3, int(a * 100)), min(len(loud), int(b * 100) + 1)):
        if loud[frame] and not loud[frame - 3 : frame].any():
            found = frame / 100
    return found


def _pair(
    voice: str, ours: list[Word], index: int, theirs: tuple[float, float], loud: np.ndarray
) -> Pair:
    mine = ours[index]
    quiet = ~loud[int(theirs[0] * 100) : int(theirs[1] * 100)]
    names = [w.text for w in ours[max(0, index - 2) : index + 3]]
    names[min(2, index)] = f"|{mine.text}|"
    early, late = sorted((mine.start, theirs[0]))
    return Pair(
        voice,
        " ".join(names),
        mine.start - theirs[0],
        mine.end - theirs[1],
        (mine.start, mine.end),
        theirs,
        _longest_run(quiet) >= 10,
        _onset(loud, early - 0.05, late + 0.05),
    )


def transcribed(audio: Audio, whisper: WhisperValidator, voice: str) -> list[Pair]:
    """Our times against those of the words Whisper decodes, for each word both name."""
    heard = [w for s in whisper.transcribe(audio, language="en").segments for w in s.words]
    ours = list(audio.words)
    loud = loud_frames(audio.samples)
    matcher = difflib.SequenceMatcher(
        None, [_key(w.text) for w in ours], [_key(w.text) for w in heard], autojunk=False
    )
    pairs = []
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                theirs = heard[j1 + k]
                pairs.append(_pair(voice, ours, i1 + k, (theirs.start, theirs.end), loud))
    return pairs


def spoken_words(
    tts: Synthesizer, text: str, voice: str
) -> list[tuple[str, tuple[int, int] | None]]:
    """The words litetts speaks for `text` (normalised: "$12.50" is "twelve dollars and
    fifty cents"), each with the span of the written word it belongs to (as `Word`'s
    char_start, char_end), by the same `WordMap` synthesis uses."""
    request = tts._prepare(text, voice, None, None)
    words = WordMap(request.text, request.parts, markup=request.settings.markup)
    passages = [p for p in request.parts if isinstance(p, Passage)]
    return [
        (part.show(part.text[a:b]), words.written(index, i))
        for index, part in enumerate(passages)
        for i, (a, b) in enumerate(words_of(part.text))
    ]


@dataclass(frozen=True)
class Window:
    """A piece of audio Whisper aligns at once, and the part of it whose words count."""

    start: float  # aligned: [start, end)
    end: float
    first: float  # counted: the words whose middle lies in [first, last)
    last: float


def windows(loud: np.ndarray, seconds: float) -> list[Window]:
    """`seconds` of audio cut into Whisper windows (<= 30 s) at its silences.

    Cuts lie in the middle of runs of >= `CUT_QUIET` silent 10 ms frames (energy only).
    A clip that fits is one window, as transcription has it. Otherwise each window
    counts the words between two cuts and reaches one more cut out on each side: the
    words it aligns in that margin are left to its neighbour, because DTW starts a
    window's first word at the window's first frame, so an edge would decide it.
    """
    if seconds <= WINDOW_SECONDS:
        return [Window(0.0, seconds, 0.0, seconds)]
    cuts, run = [], 0
    for frame, flag in enumerate([*loud, True]):
        if not flag:
            run += 1
            continue
        if run >= CUT_QUIET and frame - run > 0 and frame < len(loud):
            cuts.append((frame - run / 2) / 100)
        run = 0
    marks = [0.0, *cuts, seconds]
    found, low = [], 0  # low: the index in marks where the counted part starts
    while marks[low] < seconds:
        start = marks[max(0, low - 1)]
        high = low + 1  # the counted part ends at marks[high], the aligned one a mark later
        while (
            high + 1 < len(marks) and marks[min(high + 2, len(marks) - 1)] - start <= WINDOW_SECONDS
        ):
            high += 1
        end = marks[min(high + 1, len(marks) - 1)]
        if end - start > WINDOW_SECONDS:
            raise SystemExit(f"no silence of {CUT_QUIET * 10} ms to cut at near {start:.1f} s")
        found.append(Window(start, end, marks[low], marks[high]))
        low = high
    return found


def forced(
    tts: Synthesizer, audio: Audio, text: str, voice: str, whisper: WhisperValidator
) -> list[Pair]:
    """Our times against Whisper's forced alignment of the words we spoke, for each word."""
    ours = list(audio.words)
    index = {(w.char_start, w.char_end): i for i, w in enumerate(ours)}
    loud = loud_frames(audio.samples)
    spoken, middle = spoken_words(tts, text, voice), 0.0
    spans: dict[int, tuple[float, float]] = {}
    edge: set[int] = set()
    rate = audio.sample_rate
    for window in windows(loud, audio.duration):
        # Which words a window holds: our word's middle decides (a word we did not time
        # goes with the one before it); cuts lie mid-silence, so a word we misplaced by
        # less than half that silence still falls on the right side.
        words: list[tuple[str, int | None]] = []
        for word, span in spoken:
            mine = index.get(span) if span is not None else None
            if mine is not None:
                middle = (ours[mine].start + ours[mine].end) / 2
            if window.start <= middle < window.end:
                counted = mine is not None and window.first <= middle < window.last
                words.append((word, mine if counted else None))
        a, b = window.start, window.end
        piece = Audio(audio.samples[round(a * rate) : round(b * rate)], rate)
        line = " " + " ".join(word for word, _ in words)
        heard = whisper.align(piece, line, language="en")
        assert "".join(w.text for w in heard) == line, (line, [w.text for w in heard])
        # Each Whisper word covers characters of `line`; a spoken word takes the span of
        # every Whisper word it shares a letter with ("ninety-two": " ninety" and "-two").
        ranges, at = [], 0
        for word, _ in words:
            ranges.append((at + 1, at + 1 + len(word)))
            at += 1 + len(word)
        at = 0
        for w in heard:
            first, last = at + len(w.text) - len(w.text.lstrip()), at + len(w.text)
            at += len(w.text)
            for (lo, hi), (_, mine) in zip(ranges, words, strict=True):
                if mine is None or hi <= first or last <= lo:
                    continue
                s, e = spans.get(mine, (np.inf, -np.inf))
                spans[mine] = (min(s, a + w.start), max(e, a + w.end))
                inner_start, inner_end = a > 0, b < audio.duration
                if (inner_start and w.start < EDGE) or (inner_end and b - a - w.end < EDGE):
                    edge.add(mine)
    return [
        replace(_pair(voice, ours, i, spans[i], loud), at_window_edge=i in edge)
        for i in sorted(spans)
    ]


def summary(values: list[float]) -> str:
    ms = np.array(values) * 1000
    return f"median {np.median(ms):5.0f} ms, p90 {np.percentile(ms, 90):5.0f} ms (n={len(ms)})"


def _nearer(pair: Pair) -> str:
    """Whose start the returning sound is within `NEAR` of (ours first), if any."""
    if pair.onset is None:
        return "no quiet"
    if abs(pair.onset - pair.ours[0]) <= NEAR:
        return "ours"
    if abs(pair.onset - pair.whisper[0]) <= NEAR:
        return "Whisper's"
    return "neither"


def report(name: str, by_voice: dict[str, list[Pair]], worst: int) -> dict[str, object]:
    """Print the summary of one reference and return its figures."""
    print(f"-- reference: {name}")
    figures: dict[str, object] = {}
    for voice, pairs in by_voice.items():
        vs, ve = [abs(p.start) for p in pairs], [abs(p.end) for p in pairs]
        print(f"{voice:12s} start {summary(vs)}; end {summary(ve)}")
        figures[voice] = {"start_ms": [round(v * 1000) for v in vs]}
    every = [p for pairs in by_voice.values() for p in pairs]
    starts, ends = [abs(p.start) for p in every], [abs(p.end) for p in every]
    print(f"{'all':12s} start {summary(starts)}; end {summary(ends)}")
    sounding = [abs(p.start) for p in every if not p.whisper_spans_pause]
    print(f"{'all but words Whisper stretched over a pause':12s} start {summary(sounding)}")
    edged = sum(p.at_window_edge for p in every)
    if name == "forced":
        print(f"words with a Whisper time on an inner window edge: {edged}")
    if worst:
        print(
            f"worst {worst} start differences, ours - Whisper's in ms"
            " (*: Whisper's span holds a pause; e: on a window edge; sound: where sound"
            " comes back after >= 30 ms of quiet between the two starts, if it does):"
        )
        tally = {"ours": 0, "Whisper's": 0, "neither": 0, "no quiet": 0}
        for p in sorted(every, key=lambda p: -abs(p.start))[:worst]:
            sound = "   -  " if p.onset is None else f"{p.onset:6.2f}"
            tally[_nearer(p)] += 1
            print(
                f"  {p.voice:10s} {p.start * 1000:+5.0f} end {p.end * 1000:+5.0f}"
                f" ours {p.ours[0]:6.2f}-{p.ours[1]:6.2f}"
                f" Whisper {p.whisper[0]:6.2f}-{p.whisper[1]:6.2f} sound {sound}"
                f" {'*' if p.whisper_spans_pause else ' '}{'e' if p.at_window_edge else ' '}"
                f" {p.context}"
            )
        print(
            f"  the sound comes back within {NEAR * 1000:.0f} ms of the start: "
            + ", ".join(f"{k} {v}" for k, v in tally.items())
        )
    figures.update(
        start_median_ms=float(np.median(starts) * 1000),
        start_p90_ms=float(np.percentile(starts, 90) * 1000),
        end_median_ms=float(np.median(ends) * 1000),
        end_p90_ms=float(np.percentile(ends, 90) * 1000),
        start_p90_without_whisper_pauses_ms=float(np.percentile(sounding, 90) * 1000),
        words_on_window_edges=edged,
    )
    return figures


def durations_cost(rounds: int) -> float:
    """Median time ratio, prepared original (with durations) / shipped model."""
    assembly = Assembly.create()
    source = assembly.model_file
    cache = VariantCache(source, assembly._variants_dir)
    prepared = cache.prepare("original", assembly.calibration_feeds)
    plain = KokoroModel.from_path(source)
    timed = KokoroModel.from_path(prepared.path)
    assert timed.has_durations
    assert not plain.has_durations
    feeds = list(assembly.calibration_feeds())[:6]
    ratios = []
    for _ in range(rounds):
        for feed in feeds:
            tokens = [int(t) for t in feed["tokens"][0][1:-1]]
            style, speed = feed["style"][0], float(feed["speed"][0])
            times = {}
            for name, model in (("plain", plain), ("timed", timed)):
                started = time.perf_counter()
                if name == "timed":
                    model.infer_timed(tokens, style, speed)
                else:
                    model.infer(tokens, style, speed)
                times[name] = time.perf_counter() - started
            ratios.append(times["timed"] / times["plain"])
    return statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default="af_heart,am_michael,bf_emma,bm_george")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worst", type=int, default=0, help="print the N worst start differences")
    parser.add_argument("--reference", choices=("transcribed", "forced", "both"), default="both")
    parser.add_argument("--json")
    args = parser.parse_args()
    names = ("transcribed", "forced") if args.reference == "both" else (args.reference,)
    tts = Synthesizer.default()
    whisper = WhisperValidator(model_size="base")
    results: dict[str, object] = {"variant": getattr(tts.model, "variant", "?")}
    found: dict[str, dict[str, list[Pair]]] = {name: {} for name in names}
    shared: list[tuple[Pair, Pair]] = []  # the same word against both references
    for voice in args.voices.split(","):
        lang = "en-gb" if voice.startswith("b") else "en-us"
        for name in names:
            found[name][voice] = []
        for text in (*standard_phrases(lang), LONG):
            audio = tts.synthesize(text, voice=voice)
            got = {}
            if "transcribed" in names:
                got["transcribed"] = transcribed(audio, whisper, voice)
            if "forced" in names:
                got["forced"] = forced(tts, audio, text, voice, whisper)
            for name, pairs in got.items():
                found[name][voice] += pairs
            if len(got) == 2:
                heard = {(p.ours, p.context): p for p in got["transcribed"]}
                shared += [
                    (heard[p.ours, p.context], p)
                    for p in got["forced"]
                    if (p.ours, p.context) in heard
                ]
        print(f"{voice} done", flush=True)
    for name in names:
        results[name] = report(name, found[name], args.worst)
    if shared:
        print(f"-- the {len(shared)} words both references compare")
        for k, name in enumerate(names):
            starts = [abs(pair[k].start) for pair in shared]
            ends = [abs(pair[k].end) for pair in shared]
            print(f"{name:12s} start {summary(starts)}; end {summary(ends)}")
            results[f"{name}_on_shared_words"] = {
                "start_median_ms": float(np.median(starts) * 1000),
                "start_p90_ms": float(np.percentile(starts, 90) * 1000),
            }
    ratio = durations_cost(args.rounds)
    print(f"durations output: model time x{ratio:.3f} (prepared original / shipped)")
    results["durations_cost_ratio"] = ratio
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=1)


if __name__ == "__main__":
    main()
