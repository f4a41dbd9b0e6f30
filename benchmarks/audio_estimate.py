"""How close `litetts.cost.estimate_audio` comes to the audio the model really makes.

For each phrase and speed, the real pipeline speaks it (``Synthesizer.stream``, cache
off) and the estimate is computed for the same request. Printed per row: phoneme
tokens, model calls, real seconds, estimated seconds, real / estimate (must stay
below 1: the estimate is an upper bound) and real seconds per token at speed 1.

    python benchmarks/audio_estimate.py [--speeds 1.0 0.5]
"""

from __future__ import annotations

import argparse

from litetts.assembly import Assembly
from litetts.cost import estimate_audio

PHRASES = (
    "Hello.",
    "The quick brown fox jumps over the lazy dog.",
    "Hmm... well, I suppose so!",
    "Ah! Oh! Eh! Uh!",
    "One, two, three, four, five, six, seven, eight, nine, ten.",
    "Supercalifragilisticexpialidocious",
    "W W W W W W W W",
    "0" * 40,
    "On March 3rd, 2024, the council approved $1.2 million for repairs.",
    "It was the best of times, it was the worst of times. It was the age of wisdom.",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speeds", type=float, nargs="+", default=[1.0, 0.5])
    args = parser.parse_args()
    synthesizer = Assembly.create(overrides={"cache.enabled": False}).synthesizer()
    worst = 0.0
    print(f"{'phrase':40} speed tokens calls  real  estimate  ratio  s/token")
    for phrase in PHRASES:
        for speed in args.speeds:
            request = synthesizer._prepare(phrase, "af_heart", speed, None)
            estimate = estimate_audio(request, synthesizer.tokenizer)
            real = sum(p.duration for p in synthesizer.stream(phrase, "af_heart", speed))
            ratio = real / estimate.seconds
            worst = max(worst, ratio)
            print(
                f"{phrase[:40]:40} {speed:5.2f} {estimate.tokens:6d} {estimate.calls:5d} "
                f"{real:5.1f} {estimate.seconds:9.1f} {ratio:6.2f} "
                f"{real * speed / max(1, estimate.tokens):8.3f}"
            )
    print(f"largest real / estimate: {worst:.2f} (below 1: the estimate bounds the audio)")


if __name__ == "__main__":
    main()
