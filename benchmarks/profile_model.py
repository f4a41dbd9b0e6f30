"""Where the model's time goes: ONNX Runtime's profiler on one medium utterance.

    python benchmarks/profile_model.py [--text "..."] [--top 12] [--variant int8-static]

Prints each operator type's share of the run time (the last of three runs, so
first-run allocations do not count) and the run's real-time factor.
"""

from __future__ import annotations

import argparse
import collections
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort

from litetts import AssetStore, Synthesizer
from litetts.kokoro.model import default_threads
from litetts.kokoro.variants import VariantCache

MEDIUM = (
    "Kokoro is a small text to speech model with eighty two million parameters. "
    "It runs comfortably on an ordinary laptop processor, and it sounds natural enough "
    "that most listeners cannot tell it from a recording of a careful human reader."
)


def model_path(variant: str) -> Path:
    """The file that holds `variant` (prepared by ``Synthesizer.default`` above)."""
    store = AssetStore()
    source = store.require_model()
    cache = VariantCache(source, store.variants_dir, source_sha256=store.manifest.model.sha256)
    return cache.path(variant)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--text", default=MEDIUM)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument(
        "--variant", default="original", help="prepared variant to profile (prepared if missing)"
    )
    args = parser.parse_args()

    tts = Synthesizer.default(warm_up=False, variant=args.variant)
    phonemes = tts.vocabulary.filter(tts.phonemizer.phonemize(args.text, "en-us"))
    tokens = tts.vocabulary.encode(phonemes)[:510]
    style = tts.voices.style("af_heart", len(tokens))
    feed = {
        "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
        "style": style.reshape(1, -1),
        "speed": np.array([1.0], dtype=np.float32),
    }
    with tempfile.TemporaryDirectory() as work:
        options = ort.SessionOptions()
        options.intra_op_num_threads = default_threads()
        options.enable_profiling = True
        options.profile_file_prefix = str(Path(work) / "kokoro")
        session = ort.InferenceSession(
            str(model_path(args.variant)), options, providers=["CPUExecutionProvider"]
        )
        for _ in range(3):
            started = time.perf_counter()
            audio = session.run(None, feed)[0]
            elapsed = time.perf_counter() - started
        trace = json.loads(Path(session.end_profiling()).read_text())
    runs = [e for e in trace if e.get("name") == "model_run"]
    last_start = runs[-1]["ts"]
    per_op: collections.Counter[str] = collections.Counter()
    for event in trace:
        if (
            event.get("cat") == "Node"
            and event["ts"] >= last_start
            and "op_name" in event.get("args", {})
        ):
            per_op[event["args"]["op_name"]] += event["dur"]
    total = sum(per_op.values())
    seconds = audio.size / 24_000
    print(
        f"{len(tokens)} tokens -> {seconds:.2f} s audio in {elapsed:.2f} s "
        f"(RTF {elapsed / seconds:.3f})"
    )
    print(f"{'op':28}{'share':>8}{'ms':>10}")
    for op, micros in per_op.most_common(args.top):
        print(f"{op:28}{micros / total:>8.1%}{micros / 1000:>10.1f}")


if __name__ == "__main__":
    main()
