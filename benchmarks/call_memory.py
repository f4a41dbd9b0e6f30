"""Resident memory of one model call, by its size: what `litetts.cost` caps.

Each row is a fresh process (peak RSS is a process-lifetime figure) that loads the
default model variant, then makes one ``KokoroModel.infer`` call on N tokens of
"zero zero ..." at a speed. Printed: RSS after loading, the peak, RSS right after the
call (a call on more than ``SHRINK_ABOVE_TOKENS`` tokens' worth gives ONNX Runtime's
arena back), the audio made and the seconds taken.

    python benchmarks/call_memory.py [--calls 128:1 255:1 510:1 75:0.25 128:0.25]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

_CHILD = """
import json, resource, sys, time
import psutil
from litetts.assembly import Assembly
tokens, speed = int(sys.argv[1]), float(sys.argv[2])
assembly = Assembly.create(overrides={"cache.enabled": False})
synthesizer = assembly.synthesizer(warm_up=True)
process = psutil.Process()
loaded = process.memory_info().rss / 2**20
ids = assembly.tokenizer.encode("zero " * 200, "en-us")[:tokens]
started = time.perf_counter()
audio = synthesizer.model.infer(ids, synthesizer.voices.style("af_heart", len(ids)), speed)
print(json.dumps({
    "tokens": len(ids), "speed": speed, "loaded_mib": round(loaded),
    "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "after_mib": round(process.memory_info().rss / 2**20),
    "audio_s": round(len(audio) / 24000, 1), "seconds": round(time.perf_counter() - started, 1),
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--calls", nargs="+", default=["128:1", "255:1", "510:1", "75:0.25", "128:0.25"]
    )
    args = parser.parse_args()
    for call in args.calls:
        tokens, speed = call.split(":")
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, tokens, speed],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{row['tokens']:4d} tokens at {row['speed']:4.2f}: {row['audio_s']:5.1f} s of audio, "
            f"RSS loaded {row['loaded_mib']} MiB, peak {row['peak_mib']}, "
            f"after {row['after_mib']} ({row['seconds']:.0f} s)"
        )


if __name__ == "__main__":
    main()
