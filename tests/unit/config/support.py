"""Helpers for the config tests: write a settings file, wait for a condition."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def wait_until(predicate: Callable[[], bool], timeout: float = 2.0) -> bool:
    """True as soon as `predicate()` holds, False after `timeout` seconds."""
    pause = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return True
        pause.wait(0.01)
    return predicate()
