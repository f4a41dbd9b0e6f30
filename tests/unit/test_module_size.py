"""STYLE.md: past ~400 lines a module is usually two. Every module in src/ stays within."""

from __future__ import annotations

from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_LINES = 400

SOURCE_FILES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_module_has_at_most_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())

    assert lines <= MAX_LINES, f"{path.relative_to(SRC)}: {lines} lines; split it along its ideas"
