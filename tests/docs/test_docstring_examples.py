"""The ``>>>`` examples in the docstrings of the public API run and show what they print.

They run like the docs' code blocks (tests/docs/test_docs_code_blocks.py): with ``litetts``
imported, ``tts`` loaded, and `Synthesizer.default()` returning that loaded instance.
"""

from __future__ import annotations

import doctest

import pytest

import litetts

PUBLIC = [name for name in litetts.__all__ if name != "__version__"]


def _examples() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(recurse=True)
    found: dict[str, doctest.DocTest] = {}
    for name in PUBLIC:
        for test in finder.find(getattr(litetts, name), f"litetts.{name}"):
            if test.examples:
                found[test.name] = test
    return sorted(found.values(), key=lambda t: t.name)


EXAMPLES = _examples()


def test_the_main_entry_points_show_an_example() -> None:
    names = {test.name for test in EXAMPLES}

    assert {"litetts.Synthesizer", "litetts.Audio", "litetts.voices"} <= names


@pytest.mark.integration
@pytest.mark.parametrize("test", EXAMPLES, ids=lambda t: t.name)
def test_docstring_example_runs(
    test: doctest.DocTest,
    shared_tts: litetts.Synthesizer,
) -> None:
    test.globs = {**test.globs, "litetts": litetts, "tts": shared_tts}
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)

    runner.run(test, out=report.append)

    assert 0 == runner.failures, "".join(report)
