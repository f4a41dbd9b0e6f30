"""Synthesis speed, first audio, load time and memory, measured in one run.

For a short (~10 words), medium (~40) and long (~300) English text, interleaved
text by text and round by round (this machine's speed drifts by up to 2x over
minutes, so only figures from the same run are compared):

* litetts: `Synthesizer.synthesize()`, the whole pipeline;
* bare: one ONNX Runtime session with default options on the model as shipped (the
  original int8; litetts runs its default variant, see `litetts.kokoro.variants`), run
  on exactly the token chunks litetts sent to the model (no phonemizer, no trimming,
  no joining);
* kokoro-onnx 0.6.1 on the same text, when installed (``pip install 'litetts[bench]'``).

Times to first audio come from `Synthesizer.stream()`. Load time and peak RSS are
measured in a fresh subprocess that loads litetts alone and speaks the long text.

    python benchmarks/synthesis.py [--rounds 3] [--voice af_heart] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import onnxruntime as ort

import litetts
from litetts import AssetStore, Synthesizer
from litetts.config import CacheSettings, Settings
from litetts.kokoro.model import KokoroModel, Style

SHORT = "The quick brown fox jumps over the lazy dog near the river."
MEDIUM = (
    "Kokoro is a small text to speech model with eighty two million parameters. "
    "It runs comfortably on an ordinary laptop processor, and it sounds natural enough "
    "that most listeners cannot tell it from a recording of a careful human reader."
)
LONG = " ".join(
    [
        "The lighthouse keeper climbed the spiral stairs every evening at dusk.",
        "From the gallery at the top he could see the whole bay, the fishing boats returning,",
        "and the long line of the coast fading into grey.",
        "He trimmed the wick, polished the great lens, and wound the clockwork that turned it.",
        "Ships far out at sea would see the beam sweep across the water every ten seconds,",
        "and they would know exactly where the rocks lay hidden beneath the waves.",
    ]
    * 5
)
TEXTS = {"short": SHORT, "medium": MEDIUM, "long": LONG}


class RecordingModel:
    """Passes calls to the real model and keeps the token chunks it was given."""

    def __init__(self, model: KokoroModel) -> None:
        self.model = model
        self.chunks: list[tuple[list[int], Style, float]] = []

    def infer(self, tokens: list[int], style: Style, speed: float) -> np.ndarray:
        self.chunks.append((list(tokens), style, speed))
        return self.model.infer(tokens, style, speed)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def bare_run(session: ort.InferenceSession, chunks: list[tuple[list[int], Style, float]]) -> float:
    """Audio seconds from running the plain session on the recorded chunks."""
    samples = 0
    for tokens, style, speed in chunks:
        feed = {
            "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
            "style": np.asarray(style, dtype=np.float32).reshape(1, -1),
            "speed": np.array([speed], dtype=np.float32),
        }
        samples += session.run(None, feed)[0].size
    return samples / 24_000


def first_audio(tts: Synthesizer, text: str, voice: str) -> float:
    started = time.perf_counter()
    stream = tts.stream(text, voice=voice)
    next(stream)
    elapsed = time.perf_counter() - started
    stream.close()
    return elapsed


def kokoro_onnx_runner(
    model_path: Path, voices_dir: Path, workdir: Path
) -> Callable[[str, str], float] | None:
    try:
        from kokoro_onnx import Kokoro
    except ImportError:
        return None
    npz = workdir / "voices-v1.0.bin"
    tables = {
        f.stem: np.fromfile(f, dtype="<f4").reshape(510, 1, 256) for f in voices_dir.glob("*.bin")
    }
    with npz.open("wb") as out:
        np.savez(out, **tables)
    kokoro = Kokoro(str(model_path), str(npz))

    def run(text: str, voice: str) -> float:
        samples, rate = kokoro.create(text, voice=voice, speed=1.0, lang="en-us")
        return len(samples) / rate

    return run


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def child_memory(voice: str) -> dict[str, float]:
    """Load time and peak RSS of a process that loads litetts and speaks LONG."""
    code = f"""
import json, resource, time
import litetts
t = time.perf_counter()
tts = litetts.Synthesizer.default(warm_up=False)
load = time.perf_counter() - t
t = time.perf_counter(); tts.warm_up(); warm = time.perf_counter() - t
tts.synthesize({LONG!r}, voice={voice!r})
print(json.dumps({{"load_s": load, "warm_up_s": warm,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--voice", default="af_heart")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    store = AssetStore()
    model_path, voices_dir = store.require_model(), store.require_voices()
    memory = child_memory(args.voice)

    # No audio cache: every round must really synthesize.
    tts = Synthesizer.default(settings=Settings(cache=CacheSettings(enabled=False)))
    recorder = RecordingModel(tts.model)  # type: ignore[arg-type]
    recording = Synthesizer(recorder, tts.voices, tts.phonemizer)
    chunks: dict[str, list[tuple[list[int], Style, float]]] = {}
    for name, text in TEXTS.items():
        recorder.chunks = []
        recording.synthesize(text, voice=args.voice)
        chunks[name] = recorder.chunks
    bare = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    bare_run(bare, chunks["short"])  # first-run allocations out of the way

    with tempfile.TemporaryDirectory() as work:
        other = kokoro_onnx_runner(model_path, voices_dir, Path(work))
        if other is not None:
            other(SHORT, args.voice)
        rows: dict[str, dict[str, list[float]]] = {n: {} for n in TEXTS}
        for round_ in range(args.rounds):
            for name, text in TEXTS.items():
                runs: list[tuple[str, Callable[[], object]]] = [
                    ("litetts", lambda t=text: tts.synthesize(t, voice=args.voice).duration),
                    ("bare", lambda n=name: bare_run(bare, chunks[n])),
                ]
                if other is not None:
                    runs.append(("kokoro-onnx", lambda t=text: other(t, args.voice)))
                if round_ % 2:
                    runs.reverse()
                for label, fn in runs:
                    seconds, audio_s = timed(fn)
                    rows[name].setdefault(f"{label}_s", []).append(seconds)
                    rows[name].setdefault(f"{label}_rtf", []).append(seconds / float(audio_s))  # type: ignore[arg-type]
                rows[name].setdefault("first_audio_s", []).append(
                    first_audio(tts, text, args.voice)
                )

    summary: dict[str, dict[str, float]] = {}
    for name, values in rows.items():
        med = {key: statistics.median(v) for key, v in values.items()}
        med["litetts/bare"] = statistics.median(
            a / b for a, b in zip(values["litetts_s"], values["bare_s"], strict=True)
        )
        if "kokoro-onnx_s" in values:
            med["litetts/kokoro-onnx"] = statistics.median(
                a / b for a, b in zip(values["litetts_s"], values["kokoro-onnx_s"], strict=True)
            )
        med["words"] = len(TEXTS[name].split())
        summary[name] = med

    print(
        f"litetts {litetts.__version__}, onnxruntime {ort.__version__}, "
        f"{cpu_model()}, {tts.model.session.get_session_options().intra_op_num_threads} threads"
    )
    print(
        f"model load {memory['load_s']:.2f} s + warm-up {memory['warm_up_s']:.2f} s; "
        f"peak RSS speaking the long text {memory['peak_rss_mb']:.0f} MB (fresh process)"
    )
    print(f"medians of {args.rounds} interleaved rounds, voice {args.voice}")
    header = (
        f"{'text':8}{'words':>6}{'litetts RTF':>13}{'bare RTF':>10}{'lit/bare':>10}"
        f"{'first audio':>13}"
    )
    has_other = any("kokoro-onnx_rtf" in m for m in summary.values())
    if has_other:
        header += f"{'kokoro-onnx RTF':>17}{'lit/k-onnx':>12}"
    print(header)
    for name, med in summary.items():
        line = (
            f"{name:8}{med['words']:>6.0f}{med['litetts_rtf']:>13.3f}{med['bare_rtf']:>10.3f}"
            f"{med['litetts/bare']:>10.3f}{med['first_audio_s']:>12.2f}s"
        )
        if has_other:
            line += f"{med['kokoro-onnx_rtf']:>17.3f}{med['litetts/kokoro-onnx']:>12.3f}"
        print(line)
    if args.json:
        args.json.write_text(json.dumps({"memory": memory, "texts": summary}, indent=2))


if __name__ == "__main__":
    main()
