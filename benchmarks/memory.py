"""Peak memory of long texts: the pipeline against the model alone, in one run.

Each row is a fresh process (peak RSS is a process-lifetime figure) speaking the
same ``--words``-word text with voice af_heart on the default model variant:

* bare: one ONNX Runtime session on the same variant with litetts' session options,
  run on exactly the token chunks litetts sends, each output dropped at once: the
  model's own footprint, the floor for everything else;
* stream: `Synthesizer.stream()`, each piece dropped after it is counted;
* synthesize: `Synthesizer.synthesize()`, which must hold the whole waveform
  (float32 at 24 kHz: 5.6 MiB per minute of speech) and returns it.

Also printed: resident memory right after loading, the audio length, and the
peak over bare (the pipeline's own cost). RSS is hardly disturbed by the CPU load
that swings speed figures, but the rows still run in one invocation.

    python benchmarks/memory.py [--words 2000] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from model_variants import words_text
from synthesis import cpu_model

_PRELUDE = """
import json, resource, sys, time
import psutil
def report(**fields):
    fields["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(fields))
"""

_PIPELINE = (
    _PRELUDE
    + """
import litetts
text = open(sys.argv[1], encoding="utf-8").read()
tts = litetts.Synthesizer.default(warm_up=False)
loaded = psutil.Process().memory_info().rss / 2**20
started = time.perf_counter()
if sys.argv[2] == "stream":
    samples = sum(len(piece) for piece in tts.stream(text, voice="af_heart"))
else:
    samples = len(tts.synthesize(text, voice="af_heart"))
report(loaded_mb=loaded, audio_s=samples / 24000, seconds=time.perf_counter() - started)
"""
)

_BARE = (
    _PRELUDE
    + """
import numpy as np
import litetts
chunks = json.load(open(sys.argv[1], encoding="utf-8"))
tts = litetts.Synthesizer.default(warm_up=False)  # the same file and options...
session = tts.model.session
del tts  # ...but nothing of the pipeline is used from here on
loaded = psutil.Process().memory_info().rss / 2**20
started, samples = time.perf_counter(), 0
for tokens, style, speed in chunks:
    feed = {"tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
            "style": np.asarray(style, dtype=np.float32).reshape(1, -1),
            "speed": np.array([speed], dtype=np.float32)}
    samples += session.run(None, feed)[0].size
report(loaded_mb=loaded, audio_s=samples / 24000, seconds=time.perf_counter() - started)
"""
)


def _child(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _chunks(text: str) -> list[tuple[list[int], list[float], float]]:
    """The token chunks `synthesize()` sends to the model for `text`."""
    import litetts

    tts = litetts.Synthesizer.default(warm_up=False)
    sent: list[tuple[list[int], list[float], float]] = []

    class Recorder:
        def infer(self, tokens, style, speed):  # type: ignore[no-untyped-def]
            sent.append((list(tokens), [float(x) for x in style], float(speed)))
            return np.full(2400, 0.1, dtype=np.float32)  # the audio is not needed here

    tts.model = Recorder()
    tts.cache = None
    tts.synthesize(text, voice="af_heart")
    return sent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()

    text = words_text(args.words)
    with tempfile.TemporaryDirectory() as folder:
        text_file = Path(folder) / "text.txt"
        text_file.write_text(text, encoding="utf-8")
        chunks_file = Path(folder) / "chunks.json"
        chunks_file.write_text(json.dumps(_chunks(text)), encoding="utf-8")
        rows: dict[str, list[dict[str, float]]] = {"bare": [], "stream": [], "synthesize": []}
        for _ in range(args.rounds):
            rows["bare"].append(_child(_BARE, str(chunks_file)))
            rows["stream"].append(_child(_PIPELINE, str(text_file), "stream"))
            rows["synthesize"].append(_child(_PIPELINE, str(text_file), "synthesize"))

    print(f"{cpu_model()}; {args.words} words, af_heart, default variant; max of {args.rounds}")
    print("| run | loaded MB | peak RSS MB | peak - bare MB | audio s | audio MB (float32) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    bare_peak = max(r["peak_rss_mb"] for r in rows["bare"])
    for name, runs in rows.items():
        worst = max(runs, key=lambda r: r["peak_rss_mb"])
        print(
            f"| {name} | {worst['loaded_mb']:.0f} | {worst['peak_rss_mb']:.0f} "
            f"| {worst['peak_rss_mb'] - bare_peak:+.0f} | {worst['audio_s']:.0f} "
            f"| {worst['audio_s'] * 24000 * 4 / 2**20:.0f} |"
        )


if __name__ == "__main__":
    main()
