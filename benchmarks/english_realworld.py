"""Share of real-world English sentences that `litetts.text.normalize` reads right.

The sentences (``tests/data/english_realworld.jsonl``: news, recipes, technical docs,
chat messages and plain prose) each list the readings a careful narrator gives their
tricky tokens ("2.5GHz" -> "two point five gigahertz"). A sentence is read right when
every reading appears in its normalised form (case, hyphens and commas aside) and no
digit is left; plain prose is read right only when it comes back unchanged.

    python benchmarks/english_realworld.py [--failures] [--lang en-us]

Target (issue 16): at least 98 % read right.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Final

from litetts.text import normalize

DATA: Final = Path(__file__).resolve().parents[1] / "tests" / "data" / "english_realworld.jsonl"
TARGET: Final = 0.98


def load(path: Path = DATA) -> list[dict[str, object]]:
    """The sentences, one record per line: ``category``, ``text``, ``readings``."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _loose(text: str) -> str:
    return " ".join(re.sub(r"[-,]", " ", text.lower()).split())


def problems(record: dict[str, object], lang: str = "en-us") -> list[str]:
    """What is wrong with `record`'s reading; empty when it is read right."""
    text = str(record["text"])
    spoken = normalize(text, lang)
    if record["category"] == "prose":
        return [] if spoken == text else [f"prose changed: {spoken!r}"]
    found = _loose(spoken)
    wrong = [
        f"missing {reading!r}"
        for reading in record["readings"]  # type: ignore[attr-defined]
        if _loose(str(reading)) not in found
    ]
    if re.search(r"\d", spoken):
        wrong.append("digits left")
    return [f"{w} in {spoken!r}" for w in wrong]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print each sentence read wrong")
    parser.add_argument("--lang", default="en-us")
    args = parser.parse_args()

    records = load()
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for record in records:
        category = str(record["category"])
        total[category] += 1
        wrong = problems(record, args.lang)
        if not wrong:
            right[category] += 1
        elif args.failures:
            print(f"[{category}] {record['text']}\n    " + "\n    ".join(wrong))
    for category in total:
        print(f"{category:8} {right[category]:3}/{total[category]:3}")
    share = sum(right.values()) / sum(total.values())
    print(f"read right: {sum(right.values())}/{sum(total.values())} = {share:.1%}")
    print(f"target {TARGET:.0%}: {'met' if share >= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
