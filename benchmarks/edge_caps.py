"""Capping the leading pad: quality gate and CPU time of the prepared model, re-capped.

Kokoro renders 13-19 frames (0.33-0.48 s) for the leading pad token of every call;
litetts trims that silence away. `cap_edge_durations(lead=N)` renders at most N.
This takes the prepared ``int8-static`` file (prepared if missing), re-caps a copy of
it at each N in ``--leads`` (in a temporary folder; the cache is not touched) and
measures, against the original int8 model and the uncapped ``int8-static``:

* quality, through `Synthesizer.synthesize()`: DNSMOS (speechmos P.808 and P.835
  overall, at 16 kHz) paired with the original model on the same phrase and voice
  (mean difference and its standard error; the gate is a drop of at most
  ``DNSMOS_TOLERANCE``), Whisper's WER (must not rise above the original's), and
  whether Whisper heard the first word of each phrase (a cap that clipped the onset
  would lose it); the standard phrases for the eight voices of ``model_variants.py``;
* speed: CPU time (``time.process_time()``, this process only, so that other jobs on
  a shared machine do not count) of a bare session with one intra-op thread and
  spinning off, around ``session.run`` on the 12-word text and on the first chunk
  of a stream of the medium text, interleaved model by model and round by round;
  the median ratio to the uncapped ``int8-static`` in the same round.

    python benchmarks/edge_caps.py [--leads 10,8,6] [--phrases 4] [--rounds 5]
        [--whisper base] [--skip-quality] [--skip-speed] [--json out.json]

DNSMOS needs ``pip install 'litetts[bench]'`` (speechmos, librosa).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort

from litetts import Assembly, Synthesizer
from litetts.kokoro import KokoroModel, Style
from litetts.kokoro.variants.edges import cap_edge_durations
from litetts.validation import AudioQualityValidator, WhisperValidator
from litetts.validation.phrases import standard_phrases
from model_variants import DNSMOS_TOLERANCE, VOICES, dnsmos, paired
from synthesis import MEDIUM, SHORT, RecordingModel, cpu_model

Chunk = tuple[list[int], Style, float]


def first_word(text: str) -> str:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return words[0] if words else ""


def quality(synths: dict[str, Synthesizer], whisper: str, phrases: int) -> dict[str, dict]:
    """Per model: mean WER, first words missed, DNSMOS and its paired difference with
    the first model's (the original)."""
    recognizer = WhisperValidator(whisper, device="cpu")
    rows: dict[str, dict[str, list[float]]] = {name: {} for name in synths}
    reference = next(iter(synths.values()))
    for lang, voices in VOICES.items():
        validator = AudioQualityValidator(recognizer, lang=lang, phonemizer=reference.phonemizer)
        for voice in voices:
            for phrase in standard_phrases(lang)[:phrases]:
                for name, tts in synths.items():
                    audio = tts.synthesize(phrase, voice=voice)
                    report = validator.validate_transcription(audio, phrase)
                    p808, overall = dnsmos(np.asarray(audio.samples))
                    row = rows[name]
                    row.setdefault("wer", []).append(report.wer)
                    row.setdefault("first_missed", []).append(
                        float(first_word(report.heard_text) != first_word(phrase))
                    )
                    row.setdefault("p808", []).append(p808)
                    row.setdefault("overall", []).append(overall)
                    row.setdefault("seconds", []).append(audio.duration)
                    print(f"  {name:>16} {voice} {report.wer:.2f} {report.heard_text!r}")
    base = rows[next(iter(rows))]
    table: dict[str, dict] = {}
    for name, row in rows.items():
        p808_diff, p808_se = paired(row["p808"], base["p808"])
        overall_diff, overall_se = paired(row["overall"], base["overall"])
        table[name] = {
            "clips": len(row["wer"]),
            "wer": statistics.mean(row["wer"]),
            "first_missed": sum(row["first_missed"]),
            "p808": statistics.mean(row["p808"]),
            "p808_diff": p808_diff,
            "p808_se": p808_se,
            "overall": statistics.mean(row["overall"]),
            "overall_diff": overall_diff,
            "overall_se": overall_se,
            "seconds_ratio": statistics.mean(
                a / b for a, b in zip(row["seconds"], base["seconds"], strict=True)
            ),
            "passes": p808_diff >= -DNSMOS_TOLERANCE
            and overall_diff >= -DNSMOS_TOLERANCE
            and statistics.mean(row["wer"]) <= statistics.mean(base["wer"]),
        }
    return table


def bare_session(path: Path) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def cpu_times(
    paths: dict[str, Path], chunks: dict[str, Chunk], rounds: int
) -> dict[str, dict[str, float]]:
    """Median CPU seconds per run and median ratio to the first model, per text."""
    sessions = {name: bare_session(path) for name, path in paths.items()}
    feeds = {
        text: {
            "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
            "style": np.asarray(style, dtype=np.float32).reshape(1, -1),
            "speed": np.array([speed], dtype=np.float32),
        }
        for text, (tokens, style, speed) in chunks.items()
    }
    for session in sessions.values():  # first-run allocations
        session.run(None, feeds["short"])
    times: dict[str, dict[str, list[float]]] = {t: {n: [] for n in sessions} for t in feeds}
    audio: dict[str, dict[str, float]] = {t: {} for t in feeds}
    order = list(sessions)
    for round_ in range(rounds):
        for text, feed in feeds.items():
            for name in order[round_ % len(order) :] + order[: round_ % len(order)]:
                started = time.process_time()
                samples = sessions[name].run(None, feed)[0]
                times[text][name].append(time.process_time() - started)
                audio[text][name] = samples.size / 24_000
    baseline = order[0]
    table: dict[str, dict[str, float]] = {}
    for text, per_model in times.items():
        for name, seconds in per_model.items():
            row = table.setdefault(name, {})
            row[f"{text}_cpu_s"] = statistics.median(seconds)
            row[f"{text}_audio_s"] = audio[text][name]
            row[f"{text}_ratio"] = statistics.median(
                a / b for a, b in zip(seconds, per_model[baseline], strict=True)
            )
    return table


def speed_chunks(tts: Synthesizer) -> dict[str, Chunk]:
    """The model input for the 12-word text, and for the first chunk of a stream of
    the medium text, as `tts` sends them."""
    recorder = RecordingModel(tts.model)  # type: ignore[arg-type]
    recording = Synthesizer(recorder, tts.voices, tts.phonemizer, vocabulary=tts.vocabulary)
    recording.synthesize(SHORT, voice="af_heart")
    chunks = {"short": recorder.chunks[0]}
    recorder.chunks = []
    next(iter(recording.stream(MEDIUM, voice="af_heart")))
    chunks["lead_chunk"] = recorder.chunks[0]
    return chunks


def print_speed(speed: dict[str, dict[str, float]], chunks: dict[str, Chunk], rounds: int) -> None:
    print(f"onnxruntime {ort.__version__}, {cpu_model()}")
    print(
        f"CPU time, bare session, 1 thread, medians of {rounds} interleaved rounds "
        f"(short: {len(chunks['short'][0])} tokens, "
        f"lead chunk: {len(chunks['lead_chunk'][0])} tokens)"
    )
    print("| model | short CPU s (audio s) | ratio | lead chunk CPU s (audio s) | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, row in speed.items():
        print(
            f"| {name} | {row['short_cpu_s']:.3f} ({row['short_audio_s']:.2f}) "
            f"| {row['short_ratio']:.3f} | {row['lead_chunk_cpu_s']:.3f} "
            f"({row['lead_chunk_audio_s']:.2f}) | {row['lead_chunk_ratio']:.3f} |"
        )


def print_quality(scores: dict[str, dict], whisper: str) -> None:
    print(f"Quality on {next(iter(scores.values()))['clips']} clips, Whisper {whisper}")
    print(
        "| model | DNSMOS P.808 (diff ± se) | DNSMOS overall (diff ± se) | WER "
        "| first word missed | length / original's | gate |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | --- |")
    for name, q in scores.items():
        print(
            f"| {name} | {q['p808']:.3f} ({q['p808_diff']:+.3f} ± {q['p808_se']:.3f}) "
            f"| {q['overall']:.3f} ({q['overall_diff']:+.3f} ± {q['overall_se']:.3f}) "
            f"| {q['wer']:.3f} | {q['first_missed']:.0f}/{q['clips']} "
            f"| {q['seconds_ratio']:.3f} | {'pass' if q['passes'] else 'FAIL'} |"
        )


class Bench:
    """The original model and the prepared ``int8-static`` (prepared now if need be),
    and `Synthesizer`s on any of `paths`, all from one `Assembly`."""

    def __init__(self) -> None:
        assembly = Assembly.create()
        self.source = assembly.model_file
        self.feeds = assembly.calibration_feeds
        prepared = assembly.prepare_variants(["original", "int8-static"])
        self.paths: dict[str, Path] = {p.name: p.prepared.path for p in prepared}
        """Model files by name; add candidates to compare them."""
        self._assembly = assembly

    def synthesizer(self, name: str) -> Synthesizer:
        """A `Synthesizer` on the model file `paths[name]` (no cache, no dictionary)."""
        model = KokoroModel.from_path(self.paths[name], variant=name)
        parts = self._assembly
        return Synthesizer(
            model, parts.voices, parts.phonemizer, vocabulary=parts.tokenizer.vocabulary
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--leads", default="10,8,6", help="leading pad caps, in frames")
    parser.add_argument("--phrases", type=int, default=4, help="standard phrases per voice")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--whisper", default="base")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    leads = [int(n) for n in args.leads.split(",") if n.strip()]

    bench = Bench()
    paths, synth = bench.paths, bench.synthesizer
    with tempfile.TemporaryDirectory(prefix="litetts-edge-caps-") as work:
        prepared = onnx.load(str(paths["int8-static"]))
        for lead in leads:
            paths[f"lead-{lead}"] = Path(work) / f"lead-{lead}.onnx"
            onnx.save(cap_edge_durations(prepared, lead=lead), str(paths[f"lead-{lead}"]))
        del prepared

        speed: dict[str, dict[str, float]] = {}
        if not args.skip_speed:
            chunks = speed_chunks(synth("int8-static"))
            timed = {n: p for n, p in paths.items() if n != "original"}
            speed = cpu_times(timed, chunks, args.rounds)
        scores = {}
        if not args.skip_quality:
            synths = {name: synth(name) for name in paths}
            scores = quality(synths, args.whisper, args.phrases)

    if speed:
        print_speed(speed, chunks, args.rounds)
    if scores:
        print_quality(scores, args.whisper)
    if args.json:
        args.json.write_text(json.dumps({"speed": speed, "quality": scores}, indent=2))


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
