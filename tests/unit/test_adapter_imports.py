"""Adapters use only litetts' public surface: names that `litetts` or one of its
first-level parts (`litetts.config`, `litetts.audio`, ...) lists in ``__all__``.

Deeper modules (`litetts.kokoro.voices`, `litetts.validation.baseline`) are internals
that may change; a part re-exports what adapters need, as attrs re-exports its
private modules under one ``__all__``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
ADAPTER_FILES = sorted((SRC / "litetts_adapters").rglob("*.py"))


def _litetts_imports(path: Path) -> list[tuple[str, str | None]]:
    """(module, name) for each `from litetts... import name`; (module, None) for `import`."""
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, None) for a in node.names if a.name.split(".")[0] == "litetts"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "litetts":
                found += [(node.module, alias.name) for alias in node.names]
    return found


def _private_use(module: str, name: str | None) -> str | None:
    """Why importing `name` from `module` reaches past the public surface, or None."""
    depth = module.count(".")
    if depth > 1:
        return f"{module} is an internal module; import from {'.'.join(module.split('.')[:2])}"
    if name is None:
        return None
    exported = getattr(importlib.import_module(module), "__all__", ())
    if name not in exported:
        return f"{module} does not export {name!r}"
    return None


@pytest.mark.parametrize("path", ADAPTER_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_adapters_import_only_exported_names(path: Path) -> None:
    problems = [
        problem
        for module, name in _litetts_imports(path)
        if (problem := _private_use(module, name)) is not None
    ]

    assert [] == problems
