"""docs/voices.md's tables are the catalogue's (`tools/voices_page.py` regenerates them)."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

from tests.docs.paths import DOCS, ROOT

import litetts


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("voices_page", ROOT / "tools" / "voices_page.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_voices_page_is_up_to_date() -> None:
    page = (DOCS / "voices.md").read_text(encoding="utf-8")

    assert _generator().render(page) == page, "run: PYTHONPATH=src python tools/voices_page.py"


def test_voices_page_lists_every_voice_once() -> None:
    page = (DOCS / "voices.md").read_text(encoding="utf-8")
    listed = re.findall(
        r"^\| `([a-z]{1,2}(?:_[a-z]+)?)` \| [^|]+ \| (?:female|male) \|", page, re.M
    )

    assert sorted(v.id for v in litetts.voices()) == listed
    assert 55 == len(listed)
