"""Model variants side by side: speed, load time, memory and quality, in one run.

For each variant (`litetts.kokoro.variants`):

* RTF of `Synthesizer.synthesize()` on the short, medium and long texts of
  ``synthesis.py``, interleaved text by text and variant by variant (the order turns
  every round), and the median ratio to the original int8 model on the same text;
* load time and peak RSS of a fresh process that loads that variant (already
  prepared) and speaks ``--rss-words`` words;
* quality: Whisper's WER on the standard phrases (``litetts.validation``) for eight
  voices, both English accents, both genders; how many transcripts differ from the
  original model's; and the spectral distance of the raw model output against the
  original's on exactly the same tokens (log-spectrogram correlation and distance).

    python benchmarks/model_variants.py [--variants original,float,int8-static]
        [--rounds 3] [--whisper base] [--rss-words 300] [--json out.json]
        [--skip-speed] [--skip-memory] [--skip-quality]

DNSMOS needs ``pip install 'litetts[bench]'`` (speechmos, librosa).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort

from litetts import Assembly, AssetStore, Synthesizer
from litetts.g2p.auto import default_phonemizer
from litetts.kokoro import KokoroModel, Style, Vocabulary, VoiceBank
from litetts.kokoro.variants import (
    VARIANTS,
    VariantCache,
    load_variant,
    spectral_distance,
)
from litetts.validation import AudioQualityValidator, WhisperValidator
from litetts.validation.phrases import standard_phrases
from synthesis import LONG, TEXTS, RecordingModel, cpu_model

VOICES = {
    "en-us": ("af_heart", "af_bella", "am_michael", "am_fenrir"),
    "en-gb": ("bf_emma", "bf_isabella", "bm_george", "bm_lewis"),
}


def words_text(words: int) -> str:
    paragraph = LONG.split()
    repeats = -(-words // len(paragraph))
    return " ".join((paragraph * repeats)[:words]).rstrip(",") + "."


def child_memory(variant: str, words: int) -> dict[str, float]:
    """Load time and peak RSS of a fresh process running `variant` on `words` words."""
    code = f"""
import json, resource, time
import litetts
from litetts.kokoro.model import default_threads
t = time.perf_counter()
tts = litetts.Synthesizer.default(variant={variant!r}, warm_up=False)
load = time.perf_counter() - t
t = time.perf_counter()
audio = tts.synthesize({words_text(words)!r}, voice="af_heart")
print(json.dumps({{"load_s": load, "variant": tts.model.variant,
    "rtf": (time.perf_counter() - t) / audio.duration,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def speed(synths: dict[str, Synthesizer], rounds: int, voice: str) -> dict[str, dict[str, float]]:
    """Median RTF per variant and text, and the median ratio to ``original``."""
    times: dict[str, dict[str, list[float]]] = {n: {v: [] for v in synths} for n in TEXTS}
    for tts in synths.values():
        tts.synthesize(TEXTS["short"], voice=voice)  # first-run allocations
    order = list(synths)
    for round_ in range(rounds):
        for name, text in TEXTS.items():
            for variant in order[round_ % len(order) :] + order[: round_ % len(order)]:
                started = time.perf_counter()
                audio = synths[variant].synthesize(text, voice=voice)
                times[name][variant].append((time.perf_counter() - started) / audio.duration)
    table: dict[str, dict[str, float]] = {}
    for name, per_variant in times.items():
        for variant, rtfs in per_variant.items():
            row = table.setdefault(variant, {})
            row[f"{name}_rtf"] = statistics.median(rtfs)
            if "original" in per_variant:
                row[f"{name}_ratio"] = statistics.median(
                    a / b for a, b in zip(rtfs, per_variant["original"], strict=True)
                )
    return table


DNSMOS_TOLERANCE = 0.05
"""Largest drop in mean DNSMOS (P.808 or overall) against the original that passes."""


def dnsmos(samples: np.ndarray) -> tuple[float, float]:
    """(P.808 MOS, P.835 overall MOS) of 24 kHz `samples`."""
    from scipy.signal import resample_poly
    from speechmos import dnsmos as model

    audio = np.clip(resample_poly(samples.astype(np.float64), 2, 3), -1.0, 1.0)
    scores = model.run(audio.astype(np.float32), sr=16_000)
    return float(scores["p808_mos"]), float(scores["ovrl_mos"])


def paired(values: list[float], reference: list[float]) -> tuple[float, float]:
    """Mean of the paired differences and its standard error."""
    diffs = [a - b for a, b in zip(values, reference, strict=True)]
    if len(diffs) < 2:
        return (diffs[0] if diffs else 0.0), float("nan")
    return statistics.mean(diffs), statistics.stdev(diffs) / len(diffs) ** 0.5


def quality(
    synths: dict[str, Synthesizer], whisper: str, phrases: int
) -> dict[str, dict[str, float]]:
    """WER, transcripts differing from the original's, spectral distance and DNSMOS
    per variant."""
    reference = synths["original"] if "original" in synths else next(iter(synths.values()))
    recorder = RecordingModel(reference.model)  # type: ignore[arg-type]
    recording = Synthesizer(recorder, reference.voices, reference.phonemizer)
    recognizer = WhisperValidator(whisper, device="cpu")
    scores: dict[str, dict[str, list[float]]] = {v: {} for v in synths}
    heard: dict[tuple[str, str], str] = {}
    for lang, voices in VOICES.items():
        validator = AudioQualityValidator(recognizer, lang=lang, phonemizer=reference.phonemizer)
        for voice in voices:
            for phrase in standard_phrases(lang)[:phrases]:
                recorder.chunks = []
                recording.synthesize(phrase, voice=voice)
                chunks: list[tuple[list[int], Style, float]] = recorder.chunks
                originals = [reference.model.infer(*chunk) for chunk in chunks]
                for variant, tts in synths.items():
                    audio = tts.synthesize(phrase, voice=voice)
                    report = validator.validate_transcription(audio, phrase)
                    p808, overall = dnsmos(np.asarray(audio.samples))
                    heard[(variant, f"{voice}:{phrase}")] = report.heard_text
                    model = tts.model
                    assert isinstance(model, KokoroModel)
                    distances = [
                        spectral_distance(model.infer(*chunk), original)
                        for chunk, original in zip(chunks, originals, strict=True)
                    ]
                    row = scores[variant]
                    row.setdefault("wer", []).append(report.wer)
                    row.setdefault("p808", []).append(p808)
                    row.setdefault("overall", []).append(overall)
                    row.setdefault("correlation", []).extend(d.correlation for d in distances)
                    row.setdefault("lsd_db", []).extend(
                        d.log_spectral_distance_db for d in distances
                    )
                    row.setdefault("differs", []).append(
                        float(
                            report.heard_text.lower()
                            != heard.get(("original", f"{voice}:{phrase}"), "").lower()
                        )
                    )
    base = scores["original"] if "original" in scores else next(iter(scores.values()))
    result = {
        variant: {
            "wer": statistics.mean(row["wer"]),
            "p808": statistics.mean(row["p808"]),
            "overall": statistics.mean(row["overall"]),
            "p808_diff": paired(row["p808"], base["p808"])[0],
            "p808_se": paired(row["p808"], base["p808"])[1],
            "overall_diff": paired(row["overall"], base["overall"])[0],
            "overall_se": paired(row["overall"], base["overall"])[1],
            "transcripts_differing": sum(row["differs"]),
            "phrases": len(row["wer"]),
            "correlation": statistics.mean(row["correlation"]),
            "min_correlation": min(row["correlation"]),
            "lsd_db": statistics.mean(row["lsd_db"]),
        }
        for variant, row in scores.items()
    }
    for row in result.values():
        row["passes"] = float(
            row["p808_diff"] >= -DNSMOS_TOLERANCE
            and row["overall_diff"] >= -DNSMOS_TOLERANCE
            and row["wer"] <= statistics.mean(base["wer"])
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--voice", default="af_heart")
    parser.add_argument("--whisper", default="base", help="Whisper size for WER")
    parser.add_argument("--phrases", type=int, default=6, help="standard phrases per voice")
    parser.add_argument("--rss-words", type=int, default=300)
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]

    store = AssetStore()
    source = store.require_model()
    voices = VoiceBank.from_path(store.require_voices())
    phonemizer, vocabulary = default_phonemizer(), Vocabulary.default()

    feeds = Assembly.create().calibration_feeds

    cache = VariantCache(source, store.variants_dir, source_sha256=store.manifest.model.sha256)
    prepare_s: dict[str, float] = {}
    for variant in variants:
        started = time.perf_counter()
        prepared = cache.prepare(variant, feeds)
        prepare_s[variant] = time.perf_counter() - started
        if prepared.fell_back:
            raise SystemExit(f"variant {variant} could not be prepared: {prepared.reason}")

    memory = {} if args.skip_memory else {v: child_memory(v, args.rss_words) for v in variants}
    synths = {
        v: Synthesizer(
            load_variant(source, v, feeds, folder=store.variants_dir),
            voices,
            phonemizer,
            vocabulary=vocabulary,
        )
        for v in variants
    }
    table = {v: {} for v in variants} if args.skip_speed else speed(synths, args.rounds, args.voice)
    scores = {} if args.skip_quality else quality(synths, args.whisper, args.phrases)

    threads = next(iter(synths.values())).model.session.get_session_options()  # type: ignore[attr-defined]
    print(
        f"onnxruntime {ort.__version__}, {cpu_model()}, {threads.intra_op_num_threads} "
        f"intra-op threads; medians of {args.rounds} interleaved rounds, voice {args.voice}"
    )
    print(
        "| variant | short RTF (x orig) | medium RTF (x orig) | long RTF (x orig) "
        f"| prepare s | load s | peak RSS MB ({args.rss_words} words) "
        f"| WER ({args.whisper}) | transcripts != orig | spectral corr (min) | LSD dB "
        "| DNSMOS P.808 (diff ± se) | DNSMOS overall (diff ± se) | gate |"
    )
    print("| --- " * 13 + "|")
    for variant in variants:
        row, mem, q = table[variant], memory.get(variant, {}), scores.get(variant, {})
        cells = [
            f"{row[f'{n}_rtf']:.3f} ({row.get(f'{n}_ratio', float('nan')):.2f})"
            if f"{n}_rtf" in row
            else "-"
            for n in TEXTS
        ]
        mem_cells = [f"{mem['load_s']:.2f}", f"{mem['peak_rss_mb']:.0f}"] if mem else ["-", "-"]
        q_cells = (
            [
                f"{q['wer']:.3f}",
                f"{q['transcripts_differing']:.0f}/{q['phrases']:.0f}",
                f"{q['correlation']:.3f} ({q['min_correlation']:.3f})",
                f"{q['lsd_db']:.2f}",
                f"{q['p808']:.3f} ({q['p808_diff']:+.3f} ± {q['p808_se']:.3f})",
                f"{q['overall']:.3f} ({q['overall_diff']:+.3f} ± {q['overall_se']:.3f})",
                "pass" if q["passes"] else "FAIL",
            ]
            if q
            else ["-"] * 7
        )
        print(
            f"| {variant} | "
            + " | ".join([*cells, f"{prepare_s[variant]:.1f}", *mem_cells, *q_cells])
            + " |"
        )
    if args.json:
        payload = {"speed": table, "memory": memory, "quality": scores, "prepare_s": prepare_s}
        args.json.write_text(json.dumps(payload, indent=2, default=float))


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
