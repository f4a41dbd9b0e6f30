"""Remove outputs and execution counts from notebooks, so they are committed clean.

    python tools/strip_notebooks.py                 # every notebook in examples/
    python tools/strip_notebooks.py path/to/a.ipynb

tests/docs/test_notebooks.py fails while any notebook in examples/ holds outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def strip(path: Path) -> bool:
    """Clear `path`'s outputs in place; True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    changed = False
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if cell.outputs or cell.execution_count is not None:
            cell.outputs, cell.execution_count = [], None
            changed = True
        for key in ("execution", "collapsed", "scrolled"):
            changed |= cell.metadata.pop(key, None) is not None
    if changed:
        nbformat.write(notebook, path)
    return changed


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(EXAMPLES.glob("*.ipynb"))
    for path in paths:
        if strip(path):
            print(f"stripped {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
