"""Every Python block in the docs and the README runs, in page order, on the real model.

The blocks of one page share a namespace, as a reader typing them into one session would;
it starts with ``litetts`` imported and ``tts``, a loaded `Synthesizer` (text.md relies on
it). `Synthesizer.default()` called with no arguments returns that same loaded instance, so
the model loads once for all pages. Blocks run in a temporary folder, so the files they
save go nowhere.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from tests.docs.code_blocks import CodeBlock, python_blocks
from tests.docs.paths import DOCS, ROOT

import litetts

PAGES = [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]
RUNNABLE = [page for page in PAGES if any(not b.skipped for b in python_blocks(page))]


def _id(page: Path) -> str:
    return str(page.relative_to(ROOT))


def _run_doctest(block: CodeBlock, namespace: dict[str, object]) -> None:
    name = f"{block.page.name}:{block.line}"
    test = doctest.DocTestParser().get_doctest(
        block.source, namespace, name, str(block.page), block.line - 1
    )
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=report.append, clear_globs=False)

    assert 0 == runner.failures, "".join(report)


def _run_script(block: CodeBlock, namespace: dict[str, object]) -> None:
    # Blank lines in front keep the page's line numbers in tracebacks.
    code = compile("\n" * (block.line - 1) + block.source, str(block.page), "exec")
    exec(code, namespace)


def test_the_pages_hold_runnable_python() -> None:
    assert {"README.md", "docs/getting-started.md", "docs/voices.md"} <= {_id(p) for p in RUNNABLE}


@pytest.mark.integration
@pytest.mark.parametrize("page", RUNNABLE, ids=_id)
def test_python_blocks_of_page_run(
    page: Path,
    shared_tts: litetts.Synthesizer,
) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__", "litetts": litetts, "tts": shared_tts}

    for block in python_blocks(page):
        if block.skipped:
            continue
        if block.is_doctest:
            _run_doctest(block, namespace)
        else:
            _run_script(block, namespace)
