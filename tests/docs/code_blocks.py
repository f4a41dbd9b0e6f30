"""Find the Python code blocks of a Markdown page.

A fenced block whose info string is ``python`` (or ``pycon``) is Python. A block whose
lines start with ``>>>`` is a doctest, checked against the output it shows; any other is
run as a script. A block preceded by the line ``<!-- docs-test: skip -->`` is left out:
use it only for code that needs something the tests cannot start, and say why next to it.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

SKIP = "<!-- docs-test: skip -->"
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)\s*(?P<info>[\w+-]*)")
PYTHON = frozenset({"python", "py", "pycon", "python3"})


@attrs.frozen
class CodeBlock:
    """One fenced Python block: its source and the page line it starts on (1-based)."""

    page: Path
    line: int
    source: str
    skipped: bool

    @property
    def is_doctest(self) -> bool:
        """The block shows an interactive session (``>>>`` prompts and their output)."""
        return self.source.lstrip().startswith(">>>")


def python_blocks(page: Path) -> list[CodeBlock]:
    """Every Python block of `page`, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks: list[CodeBlock] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence, indent = opening["fence"], len(opening["indent"])
        body: list[str] = []
        end = index + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            body.append(lines[end][indent:])
            end += 1
        if opening["info"].lower() in PYTHON:
            previous = next((ln.strip() for ln in reversed(lines[:index]) if ln.strip()), "")
            blocks.append(CodeBlock(page, index + 2, "\n".join(body) + "\n", previous == SKIP))
        index = end + 1
    return blocks
