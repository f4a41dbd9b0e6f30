"""DESIGN.md's rule of direction, checked on the source: lower layers never import higher."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

# Layer of each top-level part of `litetts`; a module may import only its own layer or lower.
LAYERS = {
    "errors": 0,
    "audio": 0,
    "audio_buffer": 0,
    "data": 0,
    "events": 0,
    "heap": 0,
    "files": 0,
    "model_options": 0,
    "text": 1,
    "g2p": 1,
    "kokoro": 1,
    "assets": 1,
    "config": 2,
    "tokenizer": 2,
    "synthesizer": 3,
    "cache": 3,
    "request": 3,
    "validation": 4,
    "performance": 4,
    "health": 4,
    # The composition root builds everything from the settings.
    "assembly": 5,
}
WEB = {"fastapi", "uvicorn", "starlette", "litetts_adapters", "typer", "rich", "click"}


FRONT_DOOR = "litetts.assembly"
"""The composition root: any module may reach it at call time (`Synthesizer.default()`
does), never at import time."""


def _imported(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return {node.module}
    return set()


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, but the front door imported inside a function."""

    def visit(node: ast.AST, in_function: bool) -> set[str]:
        names = _imported(node) - ({FRONT_DOOR} if in_function else set())
        inside = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        for child in ast.iter_child_nodes(node):
            names |= visit(child, inside)
        return names

    return visit(ast.parse(path.read_text(encoding="utf-8")), False)


def _part(module: str) -> str | None:
    """The key of LAYERS that holds `module`: its subpackage and module, else its part."""
    pieces = module.split(".")
    if pieces[0] != "litetts" or len(pieces) < 2:
        return None
    nested = ".".join(pieces[1:3])
    return nested if nested in LAYERS else pieces[1]


LIBRARY_FILES = sorted((SRC / "litetts").rglob("*.py"))


@pytest.mark.parametrize("path", LIBRARY_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_library_never_imports_web_or_adapters(path: Path) -> None:
    roots = {name.split(".")[0] for name in _imports(path)}

    assert set() == roots & WEB


@pytest.mark.parametrize("path", LIBRARY_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_lower_layers_never_import_higher_ones(path: Path) -> None:
    own = _part("litetts." + ".".join(path.relative_to(SRC / "litetts").with_suffix("").parts))
    if own in (None, "__init__", "__main__"):
        return
    own_layer = LAYERS[own]

    higher = {
        name
        for name in _imports(path)
        if (part := _part(name)) is not None and LAYERS.get(part, -1) > own_layer
    }

    assert set() == higher


def test_every_library_part_has_a_layer() -> None:
    parts = {p.stem if p.is_file() else p.name for p in (SRC / "litetts").iterdir()}
    parts -= {"__init__", "__main__", "__pycache__", "py"}

    assert set() == {p for p in parts if p not in LAYERS and not p.startswith(".")}


def test_test_modules_have_unique_names() -> None:
    # pytest's default import mode imports test modules by basename; two files with one
    # name in different folders make the whole collection fail.
    names = [p.name for p in (SRC.parent / "tests").rglob("test_*.py")]

    assert [] == sorted({n for n in names if names.count(n) > 1})
