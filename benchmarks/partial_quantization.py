"""Quantizing part of the vocoder's residual blocks 3-5: quality gate and CPU time.

``int8-static`` keeps residual blocks 3 and 4 in float (recipe 1-3 kept 3-5: the
sensitivity analysis in docs/performance.md); they are about a third of its run
time. This prepares ``int8-static`` again, in a temporary folder (the cache is not
touched), with a smaller set of float convolutions per ``--candidate``, calibrated as
the recipe calibrates, finished with the recipe's rewrites, and runs the gate and the
CPU-time comparison of ``edge_caps.py`` against the original model and the prepared
``int8-static``.

    python benchmarks/partial_quantization.py [--candidate convs2] [--candidate block3]
        [--calibration percentile] [--calibration-feeds 8] [--phrases 4] [--rounds 5]
        [--whisper base] [--skip-quality] [--json out.json]

Each candidate calibrates for 2-5 minutes. Activation ranges are the recipe's: the
99.99th percentile (``--percentile``) of a histogram; ``--calibration minmax`` uses
each activation's extremes instead. ``--calibration-feeds`` calibrates on fewer feeds
than the recipe's.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from itertools import islice
from pathlib import Path

import onnx

from edge_caps import Bench, cpu_times, print_quality, print_speed, quality, speed_chunks
from litetts.kokoro.variants import dequantize_convolutions
from litetts.kokoro.variants.prepare import _finished
from litetts.kokoro.variants.quantize import CALIBRATION_PERCENTILE, quantize_convolutions

CANDIDATES = {
    # only each block's second convolutions (dilation 1) quantized
    "convs2": (r"/generator/resblocks\.[3-5]/convs1\.", r"/generator/conv_post/"),
    # block 3 (kernel 3, the cheapest of the three) quantized, 4 and 5 float
    "block3": (r"/generator/resblocks\.[45]/", r"/generator/conv_post/"),
    # block 5 (kernel 11, the costliest) quantized, 3 and 4 float: recipe 4
    "block5": (r"/generator/resblocks\.[34]/", r"/generator/conv_post/"),
    # blocks 4 and 5 quantized, 3 float
    "block45": (r"/generator/resblocks\.3/", r"/generator/conv_post/"),
    # all three blocks quantized, only the output projection float
    "block345": (r"/generator/conv_post/",),
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--candidate", action="append", choices=list(CANDIDATES))
    parser.add_argument("--calibration", choices=("minmax", "percentile"), default="percentile")
    parser.add_argument("--percentile", type=float, default=CALIBRATION_PERCENTILE)
    parser.add_argument("--calibration-feeds", type=int, help="calibrate on only the first N feeds")
    parser.add_argument("--phrases", type=int, default=4, help="standard phrases per voice")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--whisper", default="base")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    candidates = args.candidate or ["convs2"]

    bench = Bench()
    source, feeds, paths, synth = bench.source, bench.feeds, bench.paths, bench.synthesizer
    with tempfile.TemporaryDirectory(prefix="litetts-partial-") as work:
        floating = Path(work) / "float.onnx"
        onnx.save(dequantize_convolutions(onnx.load(str(source))), str(floating))
        for name in candidates:
            started = time.perf_counter()
            target = Path(work) / f"{name}.onnx"
            kept = quantize_convolutions(
                floating,
                target,
                islice(feeds(), args.calibration_feeds),
                keep_float=CANDIDATES[name],
                percentile=args.percentile if args.calibration == "percentile" else None,
            )
            onnx.save(_finished(onnx.load(str(target))), str(target))
            paths[name] = target
            print(
                f"{name}: {len(kept)} convolutions float, {args.calibration} calibration, "
                f"prepared in {time.perf_counter() - started:.0f} s"
            )

        chunks = speed_chunks(synth("int8-static"))
        speed = cpu_times({n: p for n, p in paths.items() if n != "original"}, chunks, args.rounds)
        scores = {}
        if not args.skip_quality:
            scores = quality({name: synth(name) for name in paths}, args.whisper, args.phrases)

    print_speed(speed, chunks, args.rounds)
    if scores:
        print_quality(scores, args.whisper)
    if args.json:
        args.json.write_text(json.dumps({"speed": speed, "quality": scores}, indent=2))


if __name__ == "__main__":
    main()
