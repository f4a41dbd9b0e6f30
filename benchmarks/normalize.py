"""Speed of `litetts.text.normalize` on a 10,000-word realistic English text.

The text is prose mixed with numbers, money, dates, times, units, abbreviations
and initialisms (about one written form in six words), built deterministically.
Prints the best of a few rounds:

    python benchmarks/normalize.py [--words 10000] [--rounds 5] [--lang en-us]
"""

from __future__ import annotations

import argparse
import random
import time

from litetts.text import normalize

PARAGRAPHS = (
    "On January 15, 2024, Dr. Smith paid $3.50 for a coffee at the café on Main St. and "
    "walked 2.5km to the office, where the meeting began at 9:30 am.",
    "The company reported revenue of $2.5 million in Q3 2023, up 12% from the 1990s peak, "
    "and its CEO said the FBI had no comment.",
    "In 1999 the team won 3-2 in the final; 21st-century fans still talk about it, e.g. "
    "in the podcast episode No. 42 released on 2023-11-05.",
    "Mix 1/2 cup of sugar with 2 1/2 cups of flour, bake at 180°C for 25-30 minutes and "
    "let it cool for about 1 h before you cut it.",
    "Call (555) 123-4567 or write to help@example.com; the office is open Mon-Fri, "
    "9am-5pm, except on public holidays.",
    "World War II ended in 1945, and Henry VIII had 6 wives, as Chapter IV of the book "
    "explains over pages 10-20.",
    "The new release, v1.2.3, needs Python 3.11 and 4GB of memory; it is 3x faster than "
    "the old one and scored #1 in the benchmark.",
    "Temperatures fell to -5°C overnight while the wind reached 60 mph, and 1,250,000 homes "
    "lost power for 14:05 minutes, or so the report said.",
    "She bought 3 apples, 12 oranges and 1 melon for £4.20, then met Mrs. Jones and Mr. "
    "Brown at the station at 10am.",
    "The quiet river wound through the valley, past old farms and tall trees, and the "
    "evening light turned the water gold as the boats came home.",
    "Nobody in the village remembered when the bridge was built, but everyone agreed that "
    "it had always been there, patient and grey above the stream.",
    "He read the letter twice, folded it carefully, and put it back in the drawer where "
    "his mother had kept her most important papers.",
)


def build_text(words: int, seed: int = 4) -> str:
    """About `words` words of paragraphs in a shuffled, repeatable order."""
    rng = random.Random(seed)
    pieces: list[str] = []
    count = 0
    while count < words:
        paragraph = rng.choice(PARAGRAPHS)
        pieces.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(pieces)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lang", default="en-us")
    args = parser.parse_args()

    text = build_text(args.words)
    words = len(text.split())
    normalize(text[:2000], args.lang)  # warm up imports, regex caches and num2words
    times = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        normalize(text, args.lang)
        times.append(time.perf_counter() - start)
    best = min(times)
    print(f"words: {words}")
    print(f"total seconds (best of {args.rounds}): {best:.4f}")
    print(f"words/second: {words / best:,.0f}")


if __name__ == "__main__":
    main()
