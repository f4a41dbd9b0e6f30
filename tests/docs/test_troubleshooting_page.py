"""docs/troubleshooting.md lists every AssetError and PhonemizerError message, and no other.

The messages are read from the source (tests/docs/error_messages.py), so a new or reworded
``raise AssetError(...)`` fails here until the page has a row for it.
"""

from __future__ import annotations

import re

from tests.docs.error_messages import GAP, raise_sites, template
from tests.docs.paths import DOCS

ERRORS = frozenset({"AssetError", "PhonemizerError"})
PAGE = DOCS / "troubleshooting.md"
# The first cell of a table row, when it is one code span: the message it explains.
_ROW = re.compile(r"^\| `(?P<message>[^`]+)` \|", flags=re.MULTILINE)


def _documented() -> set[str]:
    return {m["message"] for m in _ROW.finditer(PAGE.read_text(encoding="utf-8"))}


def test_every_message_is_on_the_page() -> None:
    missing = sorted(
        f"{site.where}: {site.template}"
        for site in raise_sites(ERRORS)
        if site.template not in _documented()
    )

    assert [] == missing


def test_every_message_on_the_page_is_still_raised() -> None:
    raised = {site.template for site in raise_sites(ERRORS)}

    assert set() == _documented() - raised


def test_each_row_says_what_happened_and_the_fix() -> None:
    rows = [line for line in PAGE.read_text(encoding="utf-8").splitlines() if _ROW.match(line)]
    thin = [row for row in rows if any(not cell.strip() for cell in row.strip("|").split("|"))]

    assert [] == thin


def test_templates_mark_what_varies() -> None:
    import ast

    message = ast.parse('f"Kokoro model {p} is {s} ({d})" + tail', mode="eval").body

    assert f"Kokoro model {GAP} is {GAP} ({GAP}){GAP}" == template(message)
