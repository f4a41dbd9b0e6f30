"""`DependencyHealth`: the capability report, its JSON form, and recovery on a later call."""

from __future__ import annotations

import json
import sys

import pytest
from tests.fakes import LetterPhonemizer

from litetts.errors import MissingDependencyError
from litetts.g2p import AutoPhonemizer, Phonemizer
from litetts.health import Capability, DependencyHealth


class FakeEspeak:
    def phonemize(self, text: str, lang: str) -> str:
        return text


class FlakyEspeak:
    """Missing until `install()` is called, as if the extra were installed later."""

    def __init__(self) -> None:
        self.installed = False

    def __call__(self) -> Phonemizer:
        if not self.installed:
            raise MissingDependencyError("espeak-ng phonemization", "espeak", "phonemizer")
        return FakeEspeak()


def fixed(name: str, status: str = "available") -> Capability:
    return Capability(name, status, f"{name} is {status}", None if status == "available" else "fix")  # type: ignore[arg-type]  # status is one of the three


def test_default_checks_cover_every_optional_capability() -> None:
    report = DependencyHealth(AutoPhonemizer(FakeEspeak)).report()

    names = [c.name for c in report.capabilities]
    assert ["phonemizer", "whisper", "aac", "mp3", "opus", "cuda"] == names


def test_report_is_json_serialisable() -> None:
    report = DependencyHealth(AutoPhonemizer(FakeEspeak), clock=lambda: 12.5).report()

    data = json.loads(json.dumps(report.to_dict()))

    assert 12.5 == data["checked_at"]
    assert {"name", "status", "detail", "fix"} == set(data["capabilities"][0])


def test_status_is_ok_when_everything_counted_is_available() -> None:
    health = DependencyHealth(AutoPhonemizer(FakeEspeak), checks=[lambda: fixed("aac")])

    assert "ok" == health.report().status


def test_missing_cuda_does_not_count_against_health() -> None:
    checks = [lambda: fixed("aac"), lambda: fixed("cuda", "missing")]
    health = DependencyHealth(AutoPhonemizer(FakeEspeak), checks=checks)

    assert "ok" == health.report().status


def test_a_missing_optional_capability_degrades_the_status() -> None:
    health = DependencyHealth(AutoPhonemizer(FakeEspeak), checks=[lambda: fixed("aac", "missing")])

    assert "degraded" == health.report().status


def test_whisper_is_missing_without_faster_whisper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)

    whisper = DependencyHealth(AutoPhonemizer(FakeEspeak)).report().get("whisper")

    assert whisper is not None
    assert "missing" == whisper.status
    assert "pip install 'litetts[validation]'" == whisper.fix


def test_a_check_that_raises_is_reported_as_missing() -> None:
    def broken() -> Capability:
        raise RuntimeError("driver crashed")

    report = DependencyHealth(AutoPhonemizer(FakeEspeak), checks=[broken]).report()

    assert "missing" == report.capabilities[-1].status
    assert "driver crashed" in report.capabilities[-1].detail


def test_espeak_installed_later_is_picked_up_by_a_later_call() -> None:
    espeak = FlakyEspeak()
    auto = AutoPhonemizer(espeak, fallback=LetterPhonemizer())
    health = DependencyHealth(auto, checks=[])

    first = health.validate_and_recover()
    espeak.installed = True
    second = health.validate_and_recover()

    assert "degraded" == first.status
    assert "ok" == second.status
    assert ("phonemizer",) == second.recovered
    assert "espeak" == auto.backend


def test_report_alone_does_not_retry_a_failed_backend() -> None:
    espeak = FlakyEspeak()
    health = DependencyHealth(AutoPhonemizer(espeak, fallback=LetterPhonemizer()), checks=[])
    health.report()
    espeak.installed = True

    assert "degraded" == health.report().status


def test_an_import_that_starts_working_recovers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    health = DependencyHealth(AutoPhonemizer(FakeEspeak))
    health.validate_and_recover()
    monkeypatch.delitem(sys.modules, "faster_whisper")

    report = health.validate_and_recover()

    assert "whisper" in report.recovered


def test_last_keeps_the_latest_report() -> None:
    health = DependencyHealth(AutoPhonemizer(FakeEspeak), checks=[])

    assert health.last is None
    report = health.report()
    assert report == health.last


def test_a_new_instance_retries_and_reports_recovery() -> None:
    espeak = FlakyEspeak()
    auto = AutoPhonemizer(espeak, fallback=LetterPhonemizer())
    DependencyHealth(auto, checks=[]).validate_and_recover()
    espeak.installed = True

    report = DependencyHealth(auto, checks=[]).validate_and_recover()  # as /health does

    assert "ok" == report.status
    assert ("phonemizer",) == report.recovered
