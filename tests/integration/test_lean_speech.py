"""The optimizer, the cache and missing optional dependencies, with the real model."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from litetts import Synthesizer
from litetts.config import CacheSettings, PerformanceSettings, Settings
from litetts.errors import MissingDependencyError
from litetts.g2p import AutoPhonemizer, Phonemizer
from litetts.health import DependencyHealth

TEXT = "The optimizer must never change what we hear."


def test_optimized_synthesis_sounds_the_same_as_unoptimized(tts: Synthesizer) -> None:
    assert tts.optimizer is not None  # the default settings apply the conservative optimizer
    plain = Synthesizer.default(
        settings=Settings(
            performance=PerformanceSettings(optimizer="off"), cache=CacheSettings(enabled=False)
        ),
        warm_up=False,
    )

    optimized = tts.synthesize(TEXT)
    reference = plain.synthesize(TEXT)

    assert plain.optimizer is None
    assert len(reference) == len(optimized)
    assert np.allclose(reference.samples, optimized.samples, atol=1e-5)


def test_a_repeated_request_comes_from_the_cache(tts: Synthesizer) -> None:
    assert tts.cache is not None
    first = tts.synthesize("Cached words are instant.")
    hits = tts.cache.stats().hits

    second = tts.synthesize("Cached words are instant.")

    assert first == second
    assert hits + 1 == tts.cache.stats().hits


def no_espeak() -> Phonemizer:
    raise MissingDependencyError("espeak-ng phonemization", "espeak", "phonemizer")


def test_without_optional_dependencies_english_still_speaks(
    tts: Synthesizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("av", "faster_whisper"):
        monkeypatch.setitem(sys.modules, module, None)
    phonemizer = AutoPhonemizer(no_espeak)  # CMUdict for English
    bare = Synthesizer(tts.model, tts.voices, phonemizer)

    audio = bare.synthesize("Hello there, I still speak.")
    report = DependencyHealth(phonemizer).validate_and_recover()

    assert audio.duration > 0.5
    assert float(np.sqrt(np.mean(audio.samples**2))) > 0.01
    assert "degraded" == report.status
    statuses = {c.name: c.status for c in report.capabilities}
    assert ("degraded", "missing", "missing") == (
        statuses["phonemizer"],
        statuses["aac"],
        statuses["whisper"],
    )
