"""Helpers for the server's tests: a real Synthesizer on fake backends, fake settings
sources, health and process readings."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

from litetts import Settings, Synthesizer
from litetts.audio import Samples
from litetts.config import DashboardSettings, ServerSettings
from litetts.health import Capability
from litetts.kokoro.model import Style

LONG_TEXT = " ".join(f"Sentence number {word} is here." for word in "abcdefghijklmnopqrst")


class GatedModel(ToneModel):
    """A ToneModel that, once `hold()` is called, runs one call per `allow()`ed permit."""

    def __init__(self) -> None:
        super().__init__()
        self.held = False
        self.permits = threading.Semaphore(0)
        self.entered = threading.Semaphore(0)

    def hold(self) -> None:
        self.held = True

    def allow(self, calls: int = 1) -> None:
        self.permits.release(calls)

    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        self.entered.release()
        if self.held and not self.permits.acquire(timeout=60):
            raise TimeoutError("the test never allowed this model call")
        return super().infer(tokens, style, speed)


class FakeStore:
    """Anything with `.config` is a settings source; tests swap the settings."""

    def __init__(self, settings: Settings) -> None:
        self.config = settings


def healthy() -> list[Capability]:
    return [Capability("phonemizer", "available", "fake")]


def fake_process() -> dict[str, float]:
    return {"rss_mb": 123.0, "cpu_percent": 4.5, "threads": 3.0}


def synthesizer(model: ToneModel | None = None) -> Synthesizer:
    return Synthesizer(model or ToneModel(), fake_voices(), LetterPhonemizer())


def settings(**server: object) -> Settings:
    return Settings(
        server=ServerSettings(**server),  # type: ignore[arg-type]
        dashboard=DashboardSettings(snapshot_interval_s=0.1, heartbeat_s=0.2),
    )
