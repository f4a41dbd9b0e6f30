"""Write the generated tables of docs/voices.md from `litetts.voices()`.

    PYTHONPATH=src python tools/voices_page.py          # rewrite the tables in place
    PYTHONPATH=src python tools/voices_page.py --check  # exit 1 if the page is stale

Each table sits between ``<!-- generated: NAME -->`` and ``<!-- end: NAME -->`` lines;
everything else on the page is written by hand. tests/docs/test_voices_page.py runs the
check, so the page cannot drift from the catalogue.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

import litetts
from litetts.kokoro import OPENAI_VOICES

PAGE = Path(__file__).resolve().parents[1] / "docs" / "voices.md"


def voices_table() -> str:
    """One row per voice of the catalogue: id, language, gender, OpenAI names."""
    rows = [
        "| voice | language | gender | OpenAI names | note |",
        "| --- | --- | --- | --- | --- |",
    ]
    for info in litetts.voices():
        names = ", ".join(f"`{n}`" for n in info.openai_names)
        note = f"even blend of `{info.blend_of}`" if info.blend_of else ""
        rows.append(
            f"| `{info.id}` | {info.language_name} (`{info.language}`) | {info.gender} "
            f"| {names} | {note} |"
        )
    return "\n".join(rows)


def languages_table() -> str:
    """How many voices each language has, by gender."""
    counts: dict[tuple[str, str], list[int]] = {}
    for info in litetts.voices():
        female_male = counts.setdefault((info.language_name, info.language), [0, 0])
        female_male[info.gender == "male"] += 1
    rows = ["| language | code | female | male |", "| --- | --- | ---: | ---: |"]
    rows += [f"| {name} | `{code}` | {f} | {m} |" for (name, code), (f, m) in counts.items()]
    female = sum(f for f, _ in counts.values())
    male = sum(m for _, m in counts.values())
    rows.append(f"| **all {female + male} voices** | | {female} | {male} |")
    return "\n".join(rows)


def openai_table() -> str:
    """OpenAI voice names and the Kokoro voice that speaks for each."""
    rows = ["| OpenAI name | Kokoro voice |", "| --- | --- |"]
    rows += [f"| `{name}` | `{voice}` |" for name, voice in sorted(OPENAI_VOICES.items())]
    return "\n".join(rows)


TABLES: dict[str, Callable[[], str]] = {
    "voices": voices_table,
    "languages": languages_table,
    "openai": openai_table,
}


def render(page: str) -> str:
    """`page` with every generated block replaced by its current table.

    Raises:
        ValueError: a block in TABLES has no markers on the page.
    """
    for name, make in TABLES.items():
        block = re.compile(
            rf"(<!-- generated: {name} -->\n)(?:.*?\n)?(<!-- end: {name} -->)", flags=re.DOTALL
        )
        if not block.search(page):
            raise ValueError(f"docs/voices.md has no '<!-- generated: {name} -->' block")
        table = make()
        page = block.sub(lambda m, table=table: m[1] + "\n" + table + "\n\n" + m[2], page)
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report a stale page")
    args = parser.parse_args(argv)
    current = PAGE.read_text(encoding="utf-8")
    fresh = render(current)
    if args.check:
        if fresh != current:
            print(f"{PAGE} is stale; run: PYTHONPATH=src python tools/voices_page.py")
            return 1
        return 0
    PAGE.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
