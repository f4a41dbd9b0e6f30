"""Tests for `litetts.heap`: free heap pages go back to the system where glibc allows."""

from __future__ import annotations

import sys

import pytest

from litetts import heap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_glibc_gives_free_pages_back() -> None:
    release = heap.malloc_trim()

    assert release is not None
    assert heap.release_free_heap()


def test_without_malloc_trim_nothing_is_released(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "malloc_trim", lambda: None)

    assert not heap.release_free_heap()
