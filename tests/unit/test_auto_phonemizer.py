"""Tests for `litetts.g2p.auto`: espeak-ng when it loads, CMUdict for English when not."""

from __future__ import annotations

import logging
import threading

import pytest
from tests.fakes import LetterPhonemizer

from litetts.errors import InvalidInputError, MissingDependencyError, PhonemizerError
from litetts.g2p import AutoPhonemizer, Phonemizer, default_phonemizer


class FakeEspeak:
    """Stands in for `EspeakPhonemizer`: tags its output so tests see who answered."""

    def phonemize(self, text: str, lang: str) -> str:
        return f"espeak[{lang}]:{text}"


class BrokenEspeak:
    """Constructs fine but fails on first use, as espeak-ng does when its library is bad."""

    def phonemize(self, text: str, lang: str) -> str:
        raise PhonemizerError("espeak-ng could not load language 'en-us': bad library")


class CountingFactory:
    def __init__(self, make: type[Phonemizer] | None) -> None:
        self.make = make
        self.calls = 0

    def __call__(self) -> Phonemizer:
        self.calls += 1
        if self.make is None:
            raise MissingDependencyError("espeak-ng phonemization", "espeak", "phonemizer")
        return self.make()


def missing() -> AutoPhonemizer:
    return AutoPhonemizer(CountingFactory(None), fallback=LetterPhonemizer())


def warnings_from(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        r for r in caplog.records if r.name == "litetts.g2p.auto" and r.levelno == logging.WARNING
    ]


def test_espeak_is_used_when_it_loads() -> None:
    auto = AutoPhonemizer(FakeEspeak, fallback=LetterPhonemizer())

    assert "espeak[fr-fr]:Bonjour" == auto.phonemize("Bonjour", "fr")
    assert "espeak" == auto.backend
    assert auto.espeak_error is None


def test_english_falls_back_when_espeak_is_missing() -> None:
    auto = missing()

    assert "hello world." == auto.phonemize("Hello world.", "en-us")
    assert "cmudict" == auto.backend
    assert isinstance(auto.espeak_error, MissingDependencyError)


def test_english_falls_back_when_espeak_fails_to_load() -> None:
    auto = AutoPhonemizer(BrokenEspeak, fallback=LetterPhonemizer())

    assert "hi." == auto.phonemize("Hi.", "en-gb")
    assert "cmudict" == auto.backend


def test_the_fallback_is_cmudict_by_default() -> None:
    auto = AutoPhonemizer(CountingFactory(None))

    assert "həlˈO" == auto.phonemize("hello", "en-us")


def test_falling_back_warns_exactly_once(caplog: pytest.LogCaptureFixture) -> None:
    auto = missing()

    with caplog.at_level(logging.WARNING):
        for _ in range(5):
            auto.phonemize("Hello.", "en-us")
        _ = auto.backend

    records = warnings_from(caplog)
    assert 1 == len(records)
    assert "pip install 'litetts[espeak]'" in records[0].getMessage()


def test_espeak_loading_works_silently(caplog: pytest.LogCaptureFixture) -> None:
    auto = AutoPhonemizer(FakeEspeak)

    with caplog.at_level(logging.WARNING):
        auto.phonemize("Hello.", "en-us")

    assert [] == warnings_from(caplog)


@pytest.mark.parametrize("lang", ["es", "fr-fr", "hi", "it", "pt-br"])
def test_other_languages_without_espeak_raise_with_the_fix(lang: str) -> None:
    auto = missing()

    with pytest.raises(PhonemizerError, match=r"needs espeak-ng.*pip install 'litetts\[espeak\]'"):
        auto.phonemize("Hola.", lang)


def test_the_error_keeps_why_espeak_did_not_load() -> None:
    auto = missing()

    with pytest.raises(PhonemizerError) as info:
        auto.phonemize("Hola.", "es")

    assert isinstance(info.value.__cause__, MissingDependencyError)


def test_an_unknown_language_is_invalid_input() -> None:
    with pytest.raises(InvalidInputError):
        missing().phonemize("Hello.", "xx")


def test_espeak_is_tried_once_across_threads() -> None:
    factory = CountingFactory(None)
    auto = AutoPhonemizer(factory, fallback=LetterPhonemizer())

    threads = [threading.Thread(target=auto.phonemize, args=("Hello.", "en-us")) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    auto.phonemize("Again.", "en-us")

    assert 1 == factory.calls


def test_nothing_loads_until_first_use() -> None:
    factory = CountingFactory(FakeEspeak)

    AutoPhonemizer(factory)

    assert 0 == factory.calls


def test_default_phonemizer_is_one_shared_instance() -> None:
    assert default_phonemizer() is default_phonemizer()
    assert isinstance(default_phonemizer(), Phonemizer)


def test_retry_tries_a_failed_espeak_again_on_next_use() -> None:
    factory = CountingFactory(None)
    auto = AutoPhonemizer(factory, fallback=LetterPhonemizer())
    auto.phonemize("hi", "en-us")
    factory.make = FakeEspeak

    assert auto.retry()
    assert "espeak[en-us]:hi" == auto.phonemize("hi", "en-us")
    assert 2 == factory.calls


def test_retry_leaves_a_working_espeak_alone() -> None:
    factory = CountingFactory(FakeEspeak)
    auto = AutoPhonemizer(factory)
    auto.phonemize("hi", "en-us")

    assert not auto.retry()
    assert 1 == factory.calls
