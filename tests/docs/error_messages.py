"""The messages litetts can raise, read from the source: one template per raise site.

A template is the message with every part computed at run time written as ``…``, e.g.
``Kokoro model … is … (…)``. tests/docs/test_troubleshooting_page.py compares the set
with docs/troubleshooting.md.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import attrs

SRC = Path(__file__).resolve().parents[2] / "src"
GAP = "…"


@attrs.frozen
class RaiseSite:
    """One construction of an error class in the source."""

    error: str
    template: str
    where: str


def template(node: ast.expr) -> str:
    """The message an expression builds, with run-time parts as ``…``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(template(value) for value in node.values)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        text = template(node.left) + template(node.right)
    else:
        text = GAP
    return re.sub(f"{GAP}+", GAP, text)


def raise_sites(errors: frozenset[str], root: Path = SRC) -> list[RaiseSite]:
    """Every call of a class named in `errors` under `root`, with its message template."""
    sites = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in errors
                and node.args
            ):
                where = f"{path.relative_to(root)}:{node.lineno}"
                sites.append(RaiseSite(node.func.id, template(node.args[0]), where))
    return sites
