"""ConservativeOptimizer: default vs optimized synthesis speed, and proof the audio is unchanged.

Three synthesizers share one voice bank and phonemizer and differ only in how the
model's session is set up (and, for "conservative", the process-wide steps of
`apply_safe_optimizations()`, applied before and rolled back after each of its turns):

* default: `KokoroModel.from_path()` as it stands (physical cores, arena on,
  memory patterns off);
* conservative: `ConservativeOptimizer().recommended_session_options()`;
* aggressive: `get_aggressive_performance_config()` (opt-in).

Texts and variants are interleaved round by round, because this machine's speed
drifts by up to 2x over minutes. The audio of each variant is compared with the
default's sample by sample.

    python benchmarks/optimizer.py [--rounds 3] [--voice af_heart]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import numpy as np
import onnxruntime as ort

import litetts
from litetts import AssetStore, ConservativeOptimizer, Synthesizer
from litetts.config import SynthesisSettings
from litetts.g2p import default_phonemizer
from litetts.kokoro.model import KokoroModel
from litetts.kokoro.voices import VoiceBank
from litetts.performance import get_cpu_info

TEXTS = {
    "short": "The quick brown fox jumps over the lazy dog near the river.",
    "medium": (
        "Kokoro is a small text to speech model with eighty two million parameters. "
        "It runs comfortably on an ordinary laptop processor, and it sounds natural enough "
        "that most listeners cannot tell it from a recording of a careful human reader."
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--voice", default="af_heart")
    args = parser.parse_args()

    store = AssetStore()
    model_path = store.require_model()
    voices = VoiceBank.from_path(store.require_voices())
    phonemizer = default_phonemizer()
    optimizer = ConservativeOptimizer()
    info = get_cpu_info()
    conservative = optimizer.recommended_session_options()
    aggressive = optimizer.get_aggressive_performance_config()

    def build(options: ort.SessionOptions | None) -> Synthesizer:
        model = KokoroModel.from_path(model_path, options=options)
        tts = Synthesizer(model, voices, phonemizer, settings=SynthesisSettings())
        tts.warm_up()
        return tts

    variants = {
        "default": build(None),
        "conservative": build(conservative.to_session_options()),
        "aggressive": build(aggressive.to_session_options()),
    }
    times: dict[tuple[str, str], list[float]] = {}
    audio: dict[tuple[str, str], np.ndarray] = {}
    for _ in range(args.rounds):
        for text_name, text in TEXTS.items():
            for name, tts in variants.items():
                if name == "conservative":
                    optimizer.apply_safe_optimizations(conservative)
                started = time.perf_counter()
                result = tts.synthesize(text, voice=args.voice)
                elapsed = time.perf_counter() - started
                if name == "conservative":
                    optimizer.rollback()
                times.setdefault((text_name, name), []).append(elapsed / result.duration)
                audio[(text_name, name)] = result.samples

    print(f"litetts {litetts.__version__}, onnxruntime {ort.__version__}, {platform.machine()}")
    print(
        f"CPU: {info.model}; {info.physical_cores} cores / {info.logical_cores} threads; "
        f"SIMD {', '.join(info.simd)}; quota {info.cgroup_quota}; "
        f"load {info.load_average[0]:.1f}/{info.load_average[1]:.1f}/{info.load_average[2]:.1f}"
    )
    print(f"conservative plan: {'; '.join(conservative.reasons)}")
    print(f"aggressive plan: {'; '.join(aggressive.reasons)}")
    print(f"median of {args.rounds} rounds, voice {args.voice}\n")
    print("| text | variant | RTF | time vs default | max abs sample diff vs default |")
    print("| --- | --- | ---: | ---: | ---: |")
    for text_name in TEXTS:
        base = statistics.median(times[(text_name, "default")])
        reference = audio[(text_name, "default")]
        for name in variants:
            rtf = statistics.median(times[(text_name, name)])
            samples = audio[(text_name, name)]
            diff = (
                f"{float(np.max(np.abs(samples - reference))):.2e}"
                if samples.shape == reference.shape
                else f"length {len(samples)} vs {len(reference)}"
            )
            print(f"| {text_name} | {name} | {rtf:.3f} | {rtf / base:.3f} | {diff} |")


if __name__ == "__main__":
    main()
