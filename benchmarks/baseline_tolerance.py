"""Measure the baseline tolerance: how far clips move when nothing changed, and when broken.

For each voice, standard phrase and format, one baseline entry is recorded, then the
clip is checked against it after:

* unchanged-code perturbations, which must never be flagged: a re-run in the same
  session, a run on a session with one thread instead of the default (different float
  summation order), -90 dBFS dither (numerical noise of another platform);
* damage, which must always be flagged: truncated to 70%, white noise at 20 dB SNR,
  sped up 15% (resampled), and the same phrase from another voice of the same accent
  and gender (the hardest wrong voice).

It prints, per deviation, the largest value among the unchanged clips, the smallest
value among each kind of damage, and, with the tolerance given (default
`litetts.validation.baseline.Tolerance()`), the number of clips flagged in each group.

    python benchmarks/baseline_tolerance.py [--model-size tiny.en] [--formats wav mp3]
        [--voices af_heart am_michael bf_emma bm_george] [--phrases 6]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable

from litetts import AssetStore, Audio, Synthesizer, WhisperValidator
from litetts.config import CacheSettings, Settings
from litetts.g2p import language_for_voice
from litetts.validation.baseline import BaselineCheck, BaselineMetrics, Tolerance, round_trip
from litetts.validation.faults import add_noise, dither, speed_up, truncate
from litetts.validation.phrases import standard_phrases

# Another voice of the same accent and gender: the wrong voice hardest to tell apart.
NEIGHBOUR = {
    "af_heart": "af_bella",
    "af_bella": "af_heart",
    "am_michael": "am_fenrir",
    "am_fenrir": "am_michael",
    "bf_emma": "bf_isabella",
    "bf_isabella": "bf_emma",
    "bm_george": "bm_fable",
    "bm_fable": "bm_george",
}
UNCHANGED = ("re-run", "1 thread", "dither")
DAMAGE = ("truncated", "noisy", "sped up", "wrong voice")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-size", default="tiny.en")
    parser.add_argument("--formats", nargs="+", default=["wav", "mp3"])
    parser.add_argument(
        "--voices", nargs="+", default=["af_heart", "am_michael", "bf_emma", "bm_george"]
    )
    parser.add_argument("--phrases", type=int, default=6, help="standard phrases per voice")
    args = parser.parse_args()

    started = time.perf_counter()
    fresh = Settings(cache=CacheSettings(enabled=False))  # a re-run must really synthesize
    tts = Synthesizer.default(settings=fresh)
    one_thread = Synthesizer.default(threads=1, settings=fresh)
    recognizer = WhisperValidator(args.model_size, device="cpu")
    metrics = BaselineMetrics(
        tts,
        recognizer,
        whisper_model=args.model_size,
        model_sha256=AssetStore().manifest.model.sha256,
    )
    phrases = {v: standard_phrases(language_for_voice(v)) for v in args.voices}
    values: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    flagged: dict[str, int] = defaultdict(int)
    counted: dict[str, int] = defaultdict(int)

    for voice in args.voices:
        for phrase in phrases[voice][: args.phrases]:
            metrics.establish_voice_baselines([voice], [phrase], args.formats)
            clean = tts.synthesize(phrase, voice=voice)
            variants: dict[str, Callable[[], Audio]] = {
                "re-run": lambda p=phrase, v=voice: tts.synthesize(p, voice=v),
                "1 thread": lambda p=phrase, v=voice: one_thread.synthesize(p, voice=v),
                "dither": lambda c=clean: dither(c),
                "truncated": lambda c=clean: truncate(c),
                "noisy": lambda c=clean: add_noise(c),
                "sped up": lambda c=clean: speed_up(c),
                "wrong voice": lambda p=phrase, v=voice: tts.synthesize(p, voice=NEIGHBOUR[v]),
            }
            for kind, make in variants.items():
                audio = make()
                for fmt in args.formats:
                    result: BaselineCheck = metrics.check(
                        round_trip(audio, fmt), voice=voice, phrase=phrase, format=fmt
                    )
                    counted[kind] += 1
                    flagged[kind] += result.degraded
                    for check in result.checks:
                        if check.value is not None:
                            values[kind][check.name].append(check.value)
            print(f"  {voice} {phrase[:50]!r} done ({time.perf_counter() - started:.0f} s)")

    tolerance = Tolerance()
    names = [check for check in values["re-run"]]
    print(f"\nWhisper {args.model_size}, formats {', '.join(args.formats)}, ")
    print(f"voices {', '.join(args.voices)}, {args.phrases} phrases each\n")
    header = f"{'deviation':22}{'tolerance':>10}{'max unchanged':>15}" + "".join(
        f"{'min ' + kind:>17}" for kind in DAMAGE
    )
    print(header)
    for name in names:
        limit = {
            "wer": tolerance.wer,
            "cer": tolerance.cer,
            "phonetic_similarity": tolerance.phonetic_similarity,
            "voiced_span": tolerance.voiced_span,
            "noise_floor": tolerance.noise_floor_db,
            "voice_distance": tolerance.voice_distance_db,
        }[name]
        unchanged = max(max(values[kind][name]) for kind in UNCHANGED)
        row = f"{name:22}{limit:>10.3f}{unchanged:>15.3f}" + "".join(
            f"{min(values[kind][name]):>17.3f}" for kind in DAMAGE
        )
        print(row)
    print("\nclips flagged as degraded with the default tolerance:")
    for kind in (*UNCHANGED, *DAMAGE):
        print(f"  {kind:12} {flagged[kind]:3d} / {counted[kind]}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
