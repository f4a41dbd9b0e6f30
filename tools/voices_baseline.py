"""Record the all-voice baseline, tests/data/voices_baseline.json, with Whisper base.

    PYTHONPATH=src .venv/bin/python tools/voices_baseline.py tests/data/voices_baseline.json

Every voice `litetts.voices()` lists (55 with the blend ``af``) speaks its standard
phrases, judged the way its language is (docs/quality.md): the English voices their
first phrase, the others their first two, so that the whole run stays near half an
hour on two shared CPU cores. The same as two runs of ``litetts baseline create
--model-size base --max-phrases 1|2 -v ...`` (English voices, then the others), merged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import attrs

import litetts

ENGLISH_PHRASES = 1
OTHER_PHRASES = 2


def main() -> None:
    """Record both halves and save them as one baseline to the path given."""
    output = Path(sys.argv[1])
    metrics = litetts.Assembly.create().baseline_metrics("base")
    voices = litetts.voices()
    english = [info.id for info in voices if info.language.startswith("en")]
    others = [info.id for info in voices if not info.language.startswith("en")]

    def progress(done: int, total: int, what: str) -> None:
        print(f"{done}/{total} {what}", file=sys.stderr, flush=True)

    first = metrics.establish_voice_baselines(
        english, max_phrases=ENGLISH_PHRASES, progress=progress
    )
    rest = metrics.establish_voice_baselines(others, max_phrases=OTHER_PHRASES, progress=progress)
    attrs.evolve(rest, entries=first.entries + rest.entries).save(output)
    print(f"saved {len(first.entries) + len(rest.entries)} clips to {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
