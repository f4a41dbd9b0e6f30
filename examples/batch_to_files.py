"""Turn a text file into numbered audio files, one per non-empty line, with a progress bar.

    python examples/batch_to_files.py lines.txt out/ --format mp3 --voice am_michael

writes out/001.mp3, out/002.mp3, ... (as many digits as the count needs). The model loads
once; each line is one request. A line that cannot be spoken (say, only punctuation) is
reported and skipped, and the exit status is 1 if any was. Needs the ``cli`` extra for the
progress bar (``pip install 'litetts[cli]'``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

import litetts
from litetts.audio import FORMATS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="One numbered audio file per line of text.")
    parser.add_argument("lines", type=Path, help="UTF-8 text file, one utterance per line")
    parser.add_argument("output", type=Path, help="folder for the audio files (created)")
    parser.add_argument("--format", default="wav", choices=FORMATS, help="audio format")
    parser.add_argument("--voice", default="af_heart", help="voice id, OpenAI name or blend")
    parser.add_argument("--speed", type=float, default=1.0, help="0.25 to 4.0")
    args = parser.parse_args(argv)

    console = Console(stderr=True)
    try:
        lines = [ln.strip() for ln in args.lines.read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError) as err:
        console.print(f"error: cannot read {args.lines}: {err}")
        return 1
    lines = [line for line in lines if line]
    if not lines:
        console.print(f"error: {args.lines} has no text")
        return 1
    args.output.mkdir(parents=True, exist_ok=True)
    digits = max(3, len(str(len(lines))))
    try:
        tts = litetts.Synthesizer.default()
    except litetts.LiteTTSError as err:
        console.print(f"error: {err}")
        return 1

    failed = 0
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeRemainingColumn(), console=console) as progress:
        task = progress.add_task("speaking", total=len(lines))
        for number, line in enumerate(lines, start=1):
            target = args.output / f"{number:0{digits}d}.{args.format}"
            try:
                tts.synthesize(line, voice=args.voice, speed=args.speed).save(target)
            except litetts.LiteTTSError as err:
                failed += 1
                progress.console.print(f"line {number} skipped: {err}")
            progress.advance(task)
    print(f"wrote {len(lines) - failed} files to {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
