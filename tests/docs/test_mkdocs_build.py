"""The site builds with `mkdocs build --strict`, offline, and documents the public API.

`make docs` runs the same build; strict mode turns every broken link, missing page or
unresolved reference into a failure.
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.docs.paths import DOCS, ROOT

import litetts

_TARGET = re.compile(r"^::: (?P<path>[\w.]+)\s*$", flags=re.MULTILINE)


def _resolve(dotted: str) -> object:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _documented_objects() -> list[object]:
    page = (DOCS / "api.md").read_text(encoding="utf-8")
    return [_resolve(m["path"]) for m in _TARGET.finditer(page)]


def test_api_page_documents_every_public_name() -> None:
    documented = _documented_objects()
    public = [name for name in litetts.__all__ if name != "__version__"]

    assert [] == [name for name in public if getattr(litetts, name) not in documented]


def test_api_page_documents_every_console_script() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    documented = _documented_objects()
    entry_points = {name: _resolve(target.replace(":", ".")) for name, target in scripts.items()}

    assert [] == [name for name, obj in entry_points.items() if obj not in documented]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert 0 == built.returncode, built.stderr[-4000:]
    return target


def test_site_builds_strictly(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "api" / "index.html").is_file()


def test_site_loads_nothing_from_the_network(site: Path) -> None:
    remote = re.compile(r"""<(?:script|img|link)[^>]+(?:src|href)=["']https?://""")
    offenders = [
        str(page.relative_to(site))
        for page in site.rglob("*.html")
        if remote.search(page.read_text(encoding="utf-8"))
    ]

    assert [] == offenders


def test_api_page_renders_every_public_name(site: Path) -> None:
    html = (site / "api" / "index.html").read_text(encoding="utf-8")
    public = [name for name in litetts.__all__ if name != "__version__"]

    missing = [name for name in public if f'id="{_anchor(name)}"' not in html]

    assert [] == missing


def _anchor(name: str) -> str:
    obj = getattr(litetts, name)
    # A value such as litetts.FLUSH is documented under its own name, in its class's module.
    return f"{obj.__module__}.{getattr(obj, '__qualname__', name)}"
