"""Tests for `litetts.health`: what this installation can do, and how to fix what it can't."""

from __future__ import annotations

import sys

import attrs
import pytest
import soundfile
from tests.fakes import LetterPhonemizer

from litetts.errors import MissingDependencyError
from litetts.g2p import AutoPhonemizer, Phonemizer
from litetts.health import Capability, capabilities


class FakeEspeak:
    def phonemize(self, text: str, lang: str) -> str:
        return text


def no_espeak() -> Phonemizer:
    raise MissingDependencyError("espeak-ng phonemization", "espeak", "phonemizer")


def by_name(caps: list[Capability]) -> dict[str, Capability]:
    return {c.name: c for c in caps}


def test_capabilities_cover_the_phonemizer_and_the_encoders() -> None:
    caps = capabilities(AutoPhonemizer(FakeEspeak))

    assert ["phonemizer", "aac", "mp3", "opus"] == [c.name for c in caps]
    assert all(c.status in ("available", "degraded", "missing") for c in caps)


def test_phonemizer_is_available_with_espeak() -> None:
    phonemizer = by_name(capabilities(AutoPhonemizer(FakeEspeak)))["phonemizer"]

    assert "available" == phonemizer.status
    assert phonemizer.fix is None


def test_phonemizer_is_degraded_to_cmudict_without_espeak() -> None:
    auto = AutoPhonemizer(no_espeak, fallback=LetterPhonemizer())

    phonemizer = by_name(capabilities(auto))["phonemizer"]

    assert "degraded" == phonemizer.status
    assert "CMUdict" in phonemizer.detail
    assert "pip install 'litetts[espeak]'" == phonemizer.fix


def test_aac_is_missing_without_pyav(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "av", None)

    aac = by_name(capabilities(AutoPhonemizer(FakeEspeak)))["aac"]

    assert "missing" == aac.status
    assert "pip install 'litetts[aac]'" == aac.fix


def test_mp3_and_opus_are_missing_from_an_old_libsndfile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(soundfile, "available_formats", lambda: {"WAV": "WAV", "OGG": "OGG"})
    monkeypatch.setattr(soundfile, "available_subtypes", lambda fmt=None: {"VORBIS": "Vorbis"})

    caps = by_name(capabilities(AutoPhonemizer(FakeEspeak)))

    assert ("missing", "missing") == (caps["mp3"].status, caps["opus"].status)
    assert caps["mp3"].fix is not None
    assert "libsndfile" in caps["mp3"].fix


def test_every_missing_or_degraded_capability_names_a_fix() -> None:
    caps = capabilities(AutoPhonemizer(no_espeak, fallback=LetterPhonemizer()))

    assert [] == [c.name for c in caps if c.status != "available" and not c.fix]


def test_capability_is_frozen() -> None:
    cap = Capability("aac", "available", "AAC through PyAV")

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cap.status = "missing"  # type: ignore[misc]  # assigning is what must fail
