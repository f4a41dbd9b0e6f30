"""Word timestamps against Whisper's, and what the durations output costs the model.

Accuracy: each voice speaks the standard phrases (`litetts.validation.phrases`) and a
long text with a ``[pause:1s]`` (several chunks, so chunk joins, trimmed edges and the
pause all count); faster-whisper (Whisper base, ``word_timestamps=True``) transcribes
the audio; words that both name the same way (a word-level diff on letters and
digits) are compared. Reported: median and 90th percentile of |start difference| and
|end difference|, in ms, per voice and over all; and the start differences again
without the words whose Whisper span holds a silence of 100 ms or more (the audio is
quiet there; no word holds such a pause, Whisper hands the pause before a word, and
often the end of the word before, to that word). ``--worst N`` prints the N largest
start differences with their context.

Cost: the shipped model (one output) against its prepared ``original`` variant (the
same graph plus the ``durations`` output), run on the same tokens, interleaved call
by call; the median ratio of their times (1.00 is free).

    python benchmarks/timestamps.py [--voices af_heart,am_michael,bf_emma,bm_george]
        [--rounds 5] [--worst 30] [--json out.json]
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import time
from dataclasses import dataclass

import numpy as np

from litetts import Synthesizer
from litetts.assembly import Assembly
from litetts.kokoro import KokoroModel
from litetts.kokoro.variants import VariantCache
from litetts.timing import loud_frames
from litetts.validation import WhisperValidator
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


def _longest_run(flags: np.ndarray) -> int:
    """The longest run of True in `flags`."""
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def differences(tts: Synthesizer, whisper: WhisperValidator, text: str, voice: str) -> list[Pair]:
    """Our times against Whisper's for each word both agree on."""
    audio = tts.synthesize(text, voice=voice)
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
                mine, theirs = ours[i1 + k], heard[j1 + k]
                quiet = ~loud[int(theirs.start * 100) : int(theirs.end * 100)]
                names = [w.text for w in ours[max(0, i1 + k - 2) : i1 + k + 3]]
                names[min(2, i1 + k)] = f"|{mine.text}|"
                pairs.append(
                    Pair(
                        voice,
                        " ".join(names),
                        mine.start - theirs.start,
                        mine.end - theirs.end,
                        (mine.start, mine.end),
                        (theirs.start, theirs.end),
                        _longest_run(quiet) >= 10,
                    )
                )
    return pairs


def summary(values: list[float]) -> str:
    ms = np.array(values) * 1000
    return f"median {np.median(ms):5.0f} ms, p90 {np.percentile(ms, 90):5.0f} ms (n={len(ms)})"


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
    parser.add_argument("--json")
    args = parser.parse_args()
    tts = Synthesizer.default()
    whisper = WhisperValidator(model_size="base")
    report: dict[str, object] = {"variant": getattr(tts.model, "variant", "?")}
    every: list[Pair] = []
    for voice in args.voices.split(","):
        lang = "en-gb" if voice.startswith("b") else "en-us"
        pairs = []
        for text in (*standard_phrases(lang), LONG):
            pairs += differences(tts, whisper, text, voice)
        every += pairs
        vs, ve = [abs(p.start) for p in pairs], [abs(p.end) for p in pairs]
        print(f"{voice:12s} start {summary(vs)}; end {summary(ve)}", flush=True)
        report[voice] = {"start_ms": [round(v * 1000) for v in vs]}
    starts, ends = [abs(p.start) for p in every], [abs(p.end) for p in every]
    print(f"{'all':12s} start {summary(starts)}; end {summary(ends)}")
    sounding = [abs(p.start) for p in every if not p.whisper_spans_pause]
    print(f"{'all but words Whisper stretched over a pause':12s} start {summary(sounding)}")
    if args.worst:
        print(
            f"worst {args.worst} start differences, ours - Whisper's in ms"
            " (*: Whisper's span holds a pause):"
        )
        for p in sorted(every, key=lambda p: -abs(p.start))[: args.worst]:
            print(
                f"  {p.voice:10s} {p.start * 1000:+5.0f} end {p.end * 1000:+5.0f}"
                f" ours {p.ours[0]:6.2f}-{p.ours[1]:6.2f}"
                f" Whisper {p.whisper[0]:6.2f}-{p.whisper[1]:6.2f}"
                f" {'*' if p.whisper_spans_pause else ' '} {p.context}"
            )
    ratio = durations_cost(args.rounds)
    print(f"durations output: model time x{ratio:.3f} (prepared original / shipped)")
    report.update(
        start_median_ms=float(np.median(starts) * 1000),
        start_p90_ms=float(np.percentile(starts, 90) * 1000),
        end_median_ms=float(np.median(ends) * 1000),
        end_p90_ms=float(np.percentile(ends, 90) * 1000),
        start_p90_without_whisper_pauses_ms=float(np.percentile(sounding, 90) * 1000),
        durations_cost_ratio=ratio,
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=1)


if __name__ == "__main__":
    main()
