"""The Synthesizer's pipeline with fake backends: order of steps, limits, streaming."""

from __future__ import annotations

import math
import threading
from pathlib import Path

import numpy as np
import pytest
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices, voice_table

from litetts import InvalidInputError, SynthesisEvent, Synthesizer, VoiceNotFoundError
from litetts.config import Settings, SynthesisSettings
from litetts.kokoro.vocabulary import MAX_TOKENS, Vocabulary
from litetts.text import Entry, Lexicon


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


# --- inline control and the pronunciation dictionary ---------------------------------

RATE = 24_000


def silences(samples: np.ndarray, min_seconds: float = 0.1) -> list[tuple[float, float]]:
    """(start, length) in seconds of each run of silence of at least `min_seconds`."""
    quiet = np.concatenate(([False], np.abs(samples) < 1e-4, [False]))
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    runs = [(a / RATE, (b - a) / RATE) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    return [run for run in runs if run[1] >= min_seconds]


def tokens_of(model: ToneModel) -> list[str]:
    """What each model call was asked to say, as phoneme strings."""
    symbols = {i: s for s, i in Vocabulary.default().table.items()}
    return ["".join(symbols[t] for t in tokens) for tokens, _, _ in model.calls]


@pytest.mark.parametrize("tag", ["[pause:0.5s]", "[pause:500ms]"])
def test_a_pause_inserts_that_much_silence_at_its_place(tts: Synthesizer, tag: str) -> None:
    audio = tts.synthesize(f"Hello {tag} world")

    ((start, length),) = silences(audio.samples)
    # after "hello" (5 tokens of tone): the pause and the 40 ms margin left after speech
    assert math.isclose(5 * 600 / RATE, start, abs_tol=0.01)
    assert math.isclose(0.5 + 0.04, length, abs_tol=0.01)


def test_a_pause_is_not_shortened_by_speed(tts: Synthesizer) -> None:
    audio = tts.synthesize("Hello [pause:0.5s] world", speed=2.0)

    ((_, length),) = silences(audio.samples)
    assert math.isclose(0.5 + 0.04, length, abs_tol=0.01)


def test_a_leading_pause_gives_leading_silence(tts: Synthesizer) -> None:
    audio = tts.synthesize("[pause:0.5s]Hello")

    ((start, length),) = silences(audio.samples)
    assert (0.0, True) == (start, math.isclose(0.5, length, abs_tol=0.01))


def test_a_trailing_pause_gives_trailing_silence(tts: Synthesizer) -> None:
    audio = tts.synthesize("Hello [pause:1s]")

    start, length = silences(audio.samples)[-1]
    assert math.isclose(audio.duration, start + length)
    assert math.isclose(1.0 + 0.04, length, abs_tol=0.01)


def test_a_stream_yields_a_pause_as_its_own_silent_piece(tts: Synthesizer) -> None:
    pieces = list(tts.stream("[pause:0.25s] Hello [pause:1s] [pause:0.5s] world"))

    silent = [not np.any(p.samples) for p in pieces]
    assert [True, False, True, False] == silent
    assert [0.25, 1.5] == [p.duration for p, s in zip(pieces, silent, strict=True) if s]


def test_a_leading_pause_streams_before_the_model_runs(tts: Synthesizer, model: ToneModel) -> None:
    stream = tts.stream("[pause:0.5s] Hello there.")

    first = next(stream)

    assert (0.5, []) == (first.duration, model.calls)


def test_stream_pieces_with_pauses_concatenate_to_synthesize(tts: Synthesizer) -> None:
    text = "One sentence. [pause:0.2s] Another one follows! [pause:300ms] And a third."

    pieces = list(tts.stream(text))
    whole = tts.synthesize(text)

    assert math.isclose(whole.duration, sum(p.duration for p in pieces), abs_tol=0.01)


def test_text_of_only_pauses_is_rejected(tts: Synthesizer) -> None:
    with pytest.raises(InvalidInputError, match="only pauses"):
        tts.stream(" [pause:1s] [pause:1s] ")


def test_the_normaliser_never_sees_a_tag() -> None:
    seen: list[str] = []

    def recording(text: str, lang: str) -> str:
        seen.append(text)
        return text

    tts = Synthesizer(ToneModel(), fake_voices(), LetterPhonemizer(), normalizer=recording)
    tts.synthesize("Hello [pause:1s] big [tomato](/təmˈɑːtQ/) world.")

    assert ["Hello", "big", "world."] == seen


def test_an_override_reaches_the_model_instead_of_the_phonemizer(
    tts: Synthesizer, model: ToneModel, phonemizer: LetterPhonemizer
) -> None:
    tts.synthesize("The [tomato](/təmˈɑːtQ/), please.")

    assert ["the təmˈɑːtQ, please."] == tokens_of(model)
    assert [] == [text for text, _ in phonemizer.calls if "tomato" in text]


def test_with_markup_off_tags_are_spoken_as_text(model: ToneModel) -> None:
    settings = SynthesisSettings(markup=False)
    tts = Synthesizer(model, fake_voices(), LetterPhonemizer(), settings=settings)

    tts.synthesize("Say [tomato](/tA/) and [pause:abc] now.")

    assert ["say tomatota and pauseabc now."] == tokens_of(model)


@pytest.mark.parametrize("text", ["Hi [pause:abc]", "Hi [pause:99s]", "[x](//)"])
def test_malformed_markup_is_rejected_when_the_stream_is_made(
    tts: Synthesizer, model: ToneModel, text: str
) -> None:
    with pytest.raises(InvalidInputError, match="offset") as info:
        tts.stream(text)

    assert ("input", []) == (info.value.field, model.calls)


def test_brackets_that_are_not_markup_are_spoken(tts: Synthesizer, model: ToneModel) -> None:
    tts.synthesize("See [citation needed].")

    assert ["see citation needed."] == tokens_of(model)


@pytest.fixture
def with_lexicon(model: ToneModel) -> Synthesizer:
    lexicon = Lexicon([Entry("Kokoro", "kˈOkəɹO"), Entry("Kokoro", "kˈQkəɹQ", "en-gb")])
    return Synthesizer(model, fake_voices(), LetterPhonemizer(), lexicon=lexicon)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We like KOKORO.", "we like kˈOkəɹO."),
        ("Kokoro's voice.", "kˈOkəɹOz voice."),
        ("The kokoroish voice.", "the kokoroish voice."),
        ("Kokoros talk.", "kokoros talk."),
    ],
)
def test_dictionary_words_hit_case_insensitively_on_word_boundaries(
    with_lexicon: Synthesizer, model: ToneModel, text: str, expected: str
) -> None:
    with_lexicon.synthesize(text)

    assert [expected] == tokens_of(model)


def test_the_dictionary_follows_the_language(with_lexicon: Synthesizer, model: ToneModel) -> None:
    with_lexicon.synthesize("Kokoro.", voice="bf_emma")
    with_lexicon.synthesize("Kokoro.", lang="es")

    assert ["kˈQkəɹQ.", "kokoro."] == tokens_of(model)


def test_an_override_wins_over_the_dictionary(with_lexicon: Synthesizer, model: ToneModel) -> None:
    with_lexicon.synthesize("[Kokoro](/kəkˈɔɹO/).")

    assert ["kəkˈɔɹO."] == tokens_of(model)


def test_a_bad_dictionary_line_fails_default_before_loading_the_model(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("Kokoro\tkˈOkəɹO\nno tab here\n", encoding="utf-8")
    settings = Settings(synthesis=SynthesisSettings(dictionary_path=path))

    with pytest.raises(InvalidInputError, match=r"words\.tsv line 2") as info:
        Synthesizer.default(settings=settings, model_path=tmp_path / "none.onnx", warm_up=False)

    assert "dictionary" == info.value.field


def test_dictionary_path_accepts_a_string_and_expands_the_home() -> None:
    settings = SynthesisSettings(dictionary_path="~/words.tsv")

    assert Path("~/words.tsv").expanduser() == settings.dictionary_path


def test_an_event_counts_pauses_as_audio_but_not_as_chunks(tts: Synthesizer) -> None:
    events: list[SynthesisEvent] = []
    tts.subscribe(events.append)

    audio = tts.synthesize("Hi [pause:1s] there")

    (event,) = events
    assert (2, True) == (event.chunks, math.isclose(audio.duration, event.audio_seconds))
