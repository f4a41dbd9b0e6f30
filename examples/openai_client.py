"""Call a running `litetts serve` with the official OpenAI client, streaming to a file.

    litetts serve --host 127.0.0.1 --port 8000 &       # in another terminal
    python examples/openai_client.py "Hello there." -o hello.mp3 --voice nova

Any program written for OpenAI's speech API works the same way: point `base_url` at the
litetts server; the API key is not checked. Needs ``pip install openai``.
"""

from __future__ import annotations

import argparse
import sys
import time

import openai
from openai import OpenAI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speak through a litetts server.")
    parser.add_argument("text", help="what to say")
    parser.add_argument("-o", "--output", default="speech.mp3", help="audio file to write")
    parser.add_argument("--voice", default="af_heart", help="Kokoro voice, OpenAI name or blend")
    parser.add_argument("--speed", type=float, default=1.0, help="0.25 to 4.0")
    parser.add_argument(
        "--format",
        default=None,
        choices=["mp3", "opus", "aac", "flac", "wav", "pcm"],
        help="response format (default: the output file's suffix)",
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8000/v1", help="server API root")
    args = parser.parse_args(argv)

    response_format = args.format or args.output.rsplit(".", 1)[-1].lower()
    client = OpenAI(base_url=args.base_url, api_key="not-needed")
    started = time.perf_counter()
    first_bytes: float | None = None
    size = 0
    try:
        with (
            client.audio.speech.with_streaming_response.create(
                model="kokoro",
                voice=args.voice,
                input=args.text,
                response_format=response_format,
                speed=args.speed,
                extra_body={"stream": True},
            ) as response,
            open(args.output, "wb") as out,
        ):
            for block in response.iter_bytes():
                if first_bytes is None:
                    first_bytes = time.perf_counter() - started
                size += out.write(block)
    except openai.APIConnectionError:
        print(f"error: no litetts server at {args.base_url}; start one with: litetts serve")
        return 1
    except openai.APIStatusError as err:
        print(f"error: the server answered {err.status_code}: {err.response.text}")
        return 1
    print(f"wrote {args.output}: {size:,} bytes, first bytes after {first_bytes or 0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
