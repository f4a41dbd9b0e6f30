"""Speak a text into an audio file: the smallest complete litetts program.

    python examples/speak.py "Hello there." -o hello.mp3 --voice bf_emma --speed 1.1
    echo "From a pipe." | python examples/speak.py - -o piped.wav

The format comes from the file's suffix (wav, flac, ogg, opus, mp3, pcm, aac). Needs the
model and voices once: `litetts assets fetch` (or `make say` in a clone).
"""

from __future__ import annotations

import argparse
import sys

import litetts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speak a text into an audio file.")
    parser.add_argument("text", help="what to say; '-' reads standard input")
    parser.add_argument("-o", "--output", default="speech.wav", help="audio file to write")
    parser.add_argument("--voice", default="af_heart", help="voice id, OpenAI name or blend")
    parser.add_argument("--speed", type=float, default=1.0, help="0.25 to 4.0")
    args = parser.parse_args(argv)

    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        tts = litetts.Synthesizer.default()
        audio = tts.synthesize(text, voice=args.voice, speed=args.speed)
        path = audio.save(args.output)
    except litetts.LiteTTSError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({audio.duration:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
