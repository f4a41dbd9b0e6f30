"""The Synthesizer's pipeline with fake backends: order of steps, limits, streaming."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices, voice_table

from litetts import InvalidInputError, SynthesisEvent, Synthesizer, VoiceNotFoundError
from litetts.config import SynthesisSettings
from litetts.kokoro.vocabulary import MAX_TOKENS


@pytest.fixture
def model() -> ToneModel:
    return ToneModel()


@pytest.fixture
def phonemizer() -> LetterPhonemizer:
    return LetterPhonemizer()


@pytest.fixture
def tts(model: ToneModel, phonemizer: LetterPhonemizer) -> Synthesizer:
    return Synthesizer(model, fake_voices(), phonemizer)


def test_synthesize_returns_24khz_finite_audio(tts: Synthesizer) -> None:
    audio = tts.synthesize("Hello there.")

    assert 24_000 == audio.sample_rate
    assert audio.duration > 0
    assert np.isfinite(audio.samples).all()


def test_stream_pieces_concatenate_to_synthesize(model: ToneModel) -> None:
    settings = SynthesisSettings(first_chunk_tokens=30, chunk_tokens=30)
    tts = Synthesizer(model, fake_voices(), LetterPhonemizer(), settings=settings)
    text = "One sentence here. Another one follows! And a third, with a comma?"

    pieces = list(tts.stream(text))
    whole = tts.synthesize(text)

    assert len(pieces) > 1
    assert np.array_equal(whole.samples, np.concatenate([p.samples for p in pieces]))


def test_stream_leads_with_a_short_chunk_but_synthesize_does_not(
    tts: Synthesizer, model: ToneModel
) -> None:
    text = "This opening sentence is long enough to be cut for a quick first audio."

    list(tts.stream(text))
    streamed = len(model.calls)
    model.calls.clear()
    tts.synthesize(text)

    assert (2, 1) == (streamed, len(model.calls))


def test_stream_does_no_work_until_iterated(tts: Synthesizer, model: ToneModel) -> None:
    stream = tts.stream("First sentence. Second sentence.")

    assert [] == model.calls
    next(stream)
    assert 1 == len(model.calls)


def test_closing_a_stream_stops_the_model(tts: Synthesizer, model: ToneModel) -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(40))
    stream = tts.stream(text)

    next(stream)
    stream.close()

    assert 1 == len(model.calls)


def test_style_is_row_n_minus_one_of_the_voice(tts: Synthesizer, model: ToneModel) -> None:
    tts.synthesize("Hi.")

    tokens, style, _ = model.calls[0]
    expected = voice_table(1)[len(tokens) - 1]
    assert np.array_equal(expected, style)


def test_blend_style_is_weighted_mean(tts: Synthesizer, model: ToneModel) -> None:
    tts.synthesize("Hi.", voice="af_bella(3)+af_sarah(1)")

    tokens, style, _ = model.calls[0]
    expected = 0.75 * voice_table(2)[len(tokens) - 1] + 0.25 * voice_table(3)[len(tokens) - 1]
    np.testing.assert_allclose(style, expected, rtol=1e-6)


def test_language_follows_the_voice(tts: Synthesizer, phonemizer: LetterPhonemizer) -> None:
    tts.synthesize("Hello.", voice="bf_emma")

    assert {"en-gb"} == {lang for _, lang in phonemizer.calls}


def test_explicit_language_wins(tts: Synthesizer, phonemizer: LetterPhonemizer) -> None:
    tts.synthesize("Hola.", voice="af_heart", lang="es")

    assert {"es"} == {lang for _, lang in phonemizer.calls}


def test_long_text_reaches_the_model_in_full(tts: Synthesizer, model: ToneModel) -> None:
    words = [f"word{chr(97 + i % 26)}" for i in range(2000)]
    text = " ".join(f"{' '.join(words[i : i + 20])}." for i in range(0, 2000, 20))

    tts.synthesize(text)

    assert all(len(tokens) <= MAX_TOKENS for tokens, _, _ in model.calls)
    letters = sum(ch.isalpha() for ch in text)
    spoken = sum(len(tokens) for tokens, _, _ in model.calls)
    assert spoken >= letters


def test_sentence_boundary_gets_a_pause_scaled_by_speed(model: ToneModel) -> None:
    settings = SynthesisSettings(first_chunk_tokens=10, chunk_tokens=10)
    tts = Synthesizer(model, fake_voices(), LetterPhonemizer(), settings=settings)

    first = next(tts.stream("Short one. Another short one.", speed=2.0))

    trailing = first.samples[::-1]
    silent = int(np.argmax(np.abs(trailing) > 1e-3))
    # the sentence pause, shortened by speed, after a 40 ms margin of the chunk's own tail
    assert math.isclose(0.3 / 2.0 + 0.04, silent / 24_000, abs_tol=0.01)


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_text_is_rejected(tts: Synthesizer, text: str) -> None:
    with pytest.raises(InvalidInputError, match="empty") as info:
        tts.stream(text)
    assert "input" == info.value.field


def test_text_over_the_maximum_is_rejected(model: ToneModel) -> None:
    tts = Synthesizer(
        model, fake_voices(), LetterPhonemizer(), settings=SynthesisSettings(max_chars=10)
    )

    with pytest.raises(InvalidInputError, match="maximum is 10"):
        tts.synthesize("This text is longer than ten characters.")


@pytest.mark.parametrize("speed", [0.1, 4.5, float("nan"), -1.0])
def test_speed_out_of_range_is_rejected(tts: Synthesizer, speed: float) -> None:
    with pytest.raises(InvalidInputError, match="speed") as info:
        tts.stream("Hello.", speed=speed)
    assert "speed" == info.value.field


def test_unknown_voice_suggests_close_names(tts: Synthesizer) -> None:
    with pytest.raises(VoiceNotFoundError, match="af_heart"):
        tts.stream("Hello.", voice="af_hart")


def test_unknown_language_is_rejected(tts: Synthesizer) -> None:
    with pytest.raises(InvalidInputError, match="language") as info:
        tts.stream("Hello.", lang="klingon")
    assert "lang" == info.value.field


def test_non_string_text_is_rejected(tts: Synthesizer) -> None:
    with pytest.raises(InvalidInputError, match="string"):
        tts.stream(42)  # type: ignore[arg-type]


def test_text_without_speakable_symbols_is_rejected(tts: Synthesizer, model: ToneModel) -> None:
    with pytest.raises(InvalidInputError, match="nothing speakable"):
        tts.synthesize("🙂 🙂")
    assert [] == model.calls


def test_one_event_per_request(tts: Synthesizer) -> None:
    events: list[SynthesisEvent] = []
    tts.subscribe(events.append)

    audio = tts.synthesize("Hello there. General Kenobi.")

    assert 1 == len(events)
    event = events[0]
    assert math.isclose(audio.duration, event.audio_seconds)
    assert event.completed
    assert event.error is None
    assert event.first_audio_seconds is not None
    assert event.chunks >= 1


def test_event_marks_a_stream_closed_early(tts: Synthesizer) -> None:
    events: list[SynthesisEvent] = []
    tts.subscribe(events.append)

    stream = tts.stream("One. Two. Three. Four. Five. Six. Seven. Eight.")
    next(stream)
    stream.close()

    assert [False] == [e.completed for e in events]


def test_failing_request_emits_an_error_event(tts: Synthesizer) -> None:
    events: list[SynthesisEvent] = []
    tts.subscribe(events.append)

    with pytest.raises(InvalidInputError):
        tts.synthesize("🙂")

    assert ["InvalidInputError"] == [e.error for e in events]


def test_a_failing_subscriber_does_not_break_synthesis(tts: Synthesizer) -> None:
    def broken(_: SynthesisEvent) -> None:
        raise RuntimeError("sink down")

    tts.subscribe(broken)

    assert tts.synthesize("Still speaks.").duration > 0


def test_unsubscribe_stops_events(tts: Synthesizer) -> None:
    events: list[SynthesisEvent] = []
    unsubscribe = tts.subscribe(events.append)
    unsubscribe()

    tts.synthesize("Quiet.")

    assert [] == events


def test_concurrent_requests_get_the_same_audio(tts: Synthesizer) -> None:
    text = "Threads share one synthesizer. Each gets its own audio."
    expected = tts.synthesize(text)
    results: list[np.ndarray] = []

    def work() -> None:
        results.append(tts.synthesize(text).samples)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert 4 == len(results)
    assert all(np.array_equal(expected.samples, r) for r in results)


def test_warm_up_runs_the_model_once_and_emits_nothing(tts: Synthesizer, model: ToneModel) -> None:
    events: list[SynthesisEvent] = []
    tts.subscribe(events.append)

    tts.warm_up()

    assert 1 == len(model.calls)
    assert [] == events
