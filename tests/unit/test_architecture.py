"""DESIGN.md's rule of direction, checked on the source: lower layers never import higher."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

# Layer of each top-level part of `litetts`; a module may import only its own layer or lower.
LAYERS = {
    "errors": 0,
    "audio": 0,
    "audio_buffer": 0,
    "audio_encoding": 0,
    "audio_signal": 0,
    "resampling": 0,
    "data": 0,
    "events": 0,
    "heap": 0,
    "files": 0,
    "model_options": 0,
    "version": 0,
    "words": 0,
    "captions": 0,
    "text": 1,
    "g2p": 1,
    "kokoro": 1,
    "assets": 1,
    "config": 2,
    "tokenizer": 2,
    "synthesizer": 3,
    "cache": 3,
    "request": 3,
    "live_text": 3,
    "cost": 3,
    "timing": 3,
    "phonemes": 3,
    "validation": 4,
    "performance": 4,
    "health": 4,
    # The composition root builds everything from the settings.
    "assembly": 5,
}
# The composition root: a function may import it (`Synthesizer.default()` builds through
# it at call time), so an import of it inside a function is no edge of the graph.
CALL_TIME_IMPORTS = {"litetts.assembly"}
WEB = {"fastapi", "uvicorn", "starlette", "litetts_adapters", "typer", "rich", "click"}


FRONT_DOOR = "litetts.assembly"
"""The composition root: any module may reach it at call time (`Synthesizer.default()`
does) or name it for the type checker, never import it at run time."""


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
        inside = (
            in_function
            or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            or (isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
        )
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


def test_version_module_matches_pyproject() -> None:
    from litetts.version import __version__

    pyproject = (SRC.parent / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'^version = "([^"]+)"$', pyproject, re.MULTILINE)

    assert declared is not None
    assert declared.group(1) == __version__


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in LIBRARY_FILES}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(
    node: ast.AST, in_function: bool = False
) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import in `node` outside ``if TYPE_CHECKING:``, and whether it runs in a
    function (at call time) rather than at import time."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node, in_function
        return
    if isinstance(node, ast.If) and _is_type_checking(node):
        children: list[ast.AST] = list(node.orelse)
    else:
        children = list(ast.iter_child_nodes(node))
        in_function = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    for child in children:
        yield from _import_nodes(child, in_function)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The litetts modules `node` imports: ``from litetts.x import y`` names the module
    ``litetts.x.y`` when there is one, else ``litetts.x``."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in MODULES}
    base = node.module or ""
    if node.level:
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    found = {f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES}
    if len(found) < len(node.names) and base in MODULES:
        found.add(base)
    return found


def _import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        edges = graph.setdefault(module, set())
        for node, in_function in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            targets = _targets(module, node)
            if in_function:
                targets -= CALL_TIME_IMPORTS
            edges.update(targets - {module})
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each group of modules that import each other (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(graph, group) for group in groups]


def _cycle_in(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for target in sorted(graph[node] & group):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover - Tarjan found one


def test_the_import_graph_holds_module_and_function_level_imports() -> None:
    graph = _import_graph()

    assert "litetts.errors" in graph["litetts.audio"]
    assert "litetts.g2p.languages" in graph["litetts.text.normalize"]  # inside a function


def test_the_import_graph_leaves_out_type_checking_imports() -> None:
    assert "litetts.audio" not in _import_graph()["litetts.audio_signal"]


def test_no_library_modules_import_each_other_in_a_cycle() -> None:
    cycles = [" -> ".join(cycle) for cycle in _cycles(_import_graph())]

    assert [] == cycles, "import cycles:\n" + "\n".join(cycles)
