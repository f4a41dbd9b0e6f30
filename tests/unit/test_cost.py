"""A request's audio is estimated before any model work, and refused above the limits."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

from litetts import AudioTooLongError, InvalidInputError, Synthesizer
from litetts.config import SynthesisSettings
from litetts.cost import (
    CALL_SECONDS,
    MAX_CALL_SECONDS,
    SECONDS_PER_TOKEN,
    audio_limit,
    call_tokens,
    estimate_audio,
)
from litetts.model_options import MAX_TOKENS, MIN_SPEED

ZEROS = "0" * 300


def make_tts(**synthesis: object) -> tuple[Synthesizer, ToneModel, LetterPhonemizer]:
    model, phonemizer = ToneModel(), LetterPhonemizer()
    tts = Synthesizer(
        model,
        fake_voices(),
        phonemizer,
        settings=SynthesisSettings(**synthesis),  # type: ignore[arg-type]
    )
    return tts, model, phonemizer


def test_the_300_zero_request_is_refused_before_any_model_work() -> None:
    tts, model, _ = make_tts(max_audio_seconds=300)

    with pytest.raises(AudioTooLongError) as caught:
        tts.stream(ZEROS, speed=0.25)

    error = caught.value
    assert isinstance(error, InvalidInputError)
    assert "input" == error.field
    assert 300 == error.limit_seconds
    assert error.estimate_seconds > 300
    assert "synthesis.max_audio_seconds" in str(error)
    assert "300 s" in str(error)
    assert [] == model.calls


def test_synthesize_is_refused_as_stream_is() -> None:
    tts, model, _ = make_tts(max_audio_seconds=5)

    with pytest.raises(AudioTooLongError):
        tts.synthesize("A sentence long enough to make more than five seconds. " * 3)

    assert [] == model.calls


def test_a_request_within_the_limit_is_spoken() -> None:
    tts, _, _ = make_tts(max_audio_seconds=60)

    audio = tts.synthesize("Hello there.", speed=0.25)

    assert audio.duration > 0


def test_the_estimate_counts_tokens_calls_pauses_and_speed() -> None:
    tts, _, _ = make_tts()
    request = tts._prepare("Hello there. [pause:2s] Bye.", None, 0.5, None)

    estimate = estimate_audio(request, tts.tokenizer)

    # "hello there." is 12 tokens, "bye." 4, each ending its passage (no pause after).
    assert 16 == estimate.tokens
    assert 2 == estimate.calls
    speech = 16 * SECONDS_PER_TOKEN + 2 * CALL_SECONDS
    assert speech / 0.5 + 2.0 == pytest.approx(estimate.seconds)

    cut = estimate_audio(tts._prepare("Hello there. Bye.", None, 1.0, None), tts.tokenizer)
    # first_chunk_tokens=20 packs both sentences (12 + 1 + 4 tokens) into one call
    assert (17, 1) == (cut.tokens, cut.calls)


@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(st.sampled_from(["alpha", "bo,", "charlie.", "delta!", "e"]), max_size=60),
    speed=st.floats(MIN_SPEED, 4.0),
)
def test_the_estimate_is_never_below_the_audio_made(words: list[str], speed: float) -> None:
    text = " ".join(words) or "x"
    tts, _, _ = make_tts(first_chunk_tokens=20, chunk_tokens=60)
    estimate = estimate_audio(tts._prepare(text, None, speed, None), tts.tokenizer)

    made = sum(piece.duration for piece in tts.stream(text, speed=speed))

    assert made <= estimate.seconds


@pytest.mark.parametrize(
    ("speed", "tokens"), [(4.0, MAX_TOKENS), (2.0, MAX_TOKENS), (1.0, 300), (0.25, 75)]
)
def test_a_model_call_takes_fewer_tokens_at_slow_speeds(speed: float, tokens: int) -> None:
    assert tokens == call_tokens(speed)


@settings(max_examples=15, deadline=None)
@given(speed=st.floats(MIN_SPEED, 4.0))
def test_no_model_call_is_estimated_above_max_call_seconds(speed: float) -> None:
    tts, model, _ = make_tts(max_audio_seconds=10_000)

    list(tts.stream("word " * 700, speed=speed))

    assert model.calls
    assert max(len(tokens) for tokens, _, _ in model.calls) <= call_tokens(speed)
    longest = max(len(tokens) * SECONDS_PER_TOKEN / speed for tokens, _, _ in model.calls)
    assert longest <= MAX_CALL_SECONDS + 1e-6


def test_the_text_is_phonemized_once_for_the_estimate_and_the_speech() -> None:
    tts, _, phonemizer = make_tts(first_chunk_tokens=20, chunk_tokens=40)

    list(tts.stream("One sentence here. Another one follows! And a third, with a comma?"))

    asked = [text for text, _ in phonemizer.calls]
    assert sorted(set(asked)) == sorted(asked)


def test_audio_limit_lowers_the_limit_and_names_its_setting() -> None:
    tts, _, _ = make_tts()
    text = "A sentence of some length to speak. " * 4

    tts.stream(text)  # within synthesis.max_audio_seconds
    with audio_limit(3, setting="server.max_audio_seconds"), pytest.raises(AudioTooLongError) as e:
        tts.stream(text)

    assert "server.max_audio_seconds" in str(e.value)
    tts.stream(text)  # the limit ended with the block


def test_audio_limit_never_raises_the_librarys_limit() -> None:
    tts, _, _ = make_tts(max_audio_seconds=3)

    with audio_limit(10_000, setting="server.max_audio_seconds"):
        tts.stream("Hi.")
        with pytest.raises(AudioTooLongError, match=r"synthesis\.max_audio_seconds"):
            tts.stream("word " * 100)


def test_audio_limit_holds_in_its_own_thread_only() -> None:
    tts, _, _ = make_tts()
    text = "A sentence of some length to speak. " * 4
    other: list[BaseException | None] = []

    def elsewhere() -> None:
        try:
            tts.stream(text)
            other.append(None)
        except BaseException as err:  # reported to the test thread
            other.append(err)

    with audio_limit(1, setting="server.max_audio_seconds"):
        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()

    assert [None] == other
