"""The cache in the Synthesizer: hits skip the model, keys follow every audio-affecting input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices, voice_table

from litetts import SynthesisEvent, Synthesizer
from litetts.cache import AudioCache, DiskTier
from litetts.config import SynthesisSettings
from litetts.kokoro.voices import VoiceBank

TEXT = "Hello there. How are you today?"


@pytest.fixture
def model() -> ToneModel:
    return ToneModel()


@pytest.fixture
def tts(model: ToneModel) -> Synthesizer:
    return Synthesizer(model, fake_voices(), LetterPhonemizer(), cache=AudioCache(10_000_000))


def events_of(tts: Synthesizer) -> list[SynthesisEvent]:
    events: list[SynthesisEvent] = []
    tts.subscribe(events.append)
    return events


def test_a_repeated_request_is_served_without_the_model(tts: Synthesizer, model: ToneModel) -> None:
    first = tts.synthesize(TEXT)
    calls = len(model.calls)

    second = tts.synthesize(TEXT)

    assert first == second
    assert calls == len(model.calls)


def test_the_cache_shares_the_returned_audio_instead_of_a_copy(tts: Synthesizer) -> None:
    # Audio is immutable, so a long text's samples are held once, not once per holder.
    first = tts.synthesize(TEXT)

    assert first is tts.synthesize(TEXT)
    assert not first.samples.flags.writeable


def test_a_hit_emits_an_event_marked_as_a_cache_hit(tts: Synthesizer) -> None:
    tts.synthesize(TEXT)
    events = events_of(tts)

    audio = tts.synthesize(TEXT)

    assert [True] == [e.cache_hit for e in events]
    assert audio.duration == events[0].audio_seconds
    assert 0 == events[0].chunks


def test_a_miss_emits_an_event_without_a_cache_hit(tts: Synthesizer) -> None:
    events = events_of(tts)

    tts.synthesize(TEXT)

    assert [False] == [e.cache_hit for e in events]


def test_cached_audio_equals_uncached_audio(model: ToneModel) -> None:
    plain = Synthesizer(model, fake_voices(), LetterPhonemizer())
    cached = Synthesizer(model, fake_voices(), LetterPhonemizer(), cache=AudioCache(10_000_000))
    cached.synthesize(TEXT)

    assert plain.synthesize(TEXT) == cached.synthesize(TEXT)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({}, {"voice": "af_bella"}),
        ({}, {"voice": "af_bella+af_sarah"}),
        ({}, {"speed": 1.5}),
        ({}, {"lang": "en-gb"}),
        ({"text": "Hello there."}, {"text": "Hello there!"}),
        ({"text": "Wait [pause:0.5s] go."}, {"text": "Wait [pause:0.6s] go."}),
        ({"text": "Say [tomato](/təmˈɑːtoʊ/)."}, {"text": "Say [tomato](/təmˈeɪtoʊ/)."}),
    ],
)
def test_a_change_that_alters_the_audio_misses(
    tts: Synthesizer, model: ToneModel, first: dict[str, object], second: dict[str, object]
) -> None:
    tts.synthesize(**{"text": TEXT, **first})  # type: ignore[arg-type]  # keyword mix
    calls = len(model.calls)

    tts.synthesize(**{"text": TEXT, **second})  # type: ignore[arg-type]  # keyword mix

    assert len(model.calls) > calls


def test_an_alias_of_the_same_voice_hits(model: ToneModel) -> None:
    tts = Synthesizer(
        model,
        VoiceBank({"af_heart": voice_table(1), "am_onyx": voice_table(5)}),
        LetterPhonemizer(),
        cache=AudioCache(10_000_000),
    )
    tts.synthesize(TEXT, voice="am_onyx")
    calls = len(model.calls)

    tts.synthesize(TEXT, voice="onyx")  # OpenAI's name for am_onyx

    assert calls == len(model.calls)


def test_text_that_normalises_alike_hits(tts: Synthesizer, model: ToneModel) -> None:
    tts.synthesize("Hello   there.")
    calls = len(model.calls)

    tts.synthesize("Hello there.")

    assert calls == len(model.calls)


def test_another_model_never_gets_the_first_models_audio(tts: Synthesizer) -> None:
    tts.synthesize(TEXT)
    other = ToneModel()
    tts.model = other  # a model reloaded in place

    tts.synthesize(TEXT)

    assert len(other.calls) > 0


def test_changed_voice_data_is_not_served_from_the_cache(model: ToneModel) -> None:
    tts = Synthesizer(model, fake_voices(), LetterPhonemizer(), cache=AudioCache(10_000_000))
    tts.synthesize(TEXT)
    tts.voices = VoiceBank({"af_heart": voice_table(9)})  # the voice file was replaced
    calls = len(model.calls)

    tts.synthesize(TEXT)

    assert len(model.calls) > calls


def test_stream_of_a_cached_request_yields_the_cached_audio(
    tts: Synthesizer, model: ToneModel
) -> None:
    whole = tts.synthesize(TEXT)
    calls = len(model.calls)
    events = events_of(tts)

    pieces = list(tts.stream(TEXT))

    assert calls == len(model.calls)
    assert whole == pieces[0]
    assert [True] == [e.cache_hit for e in events]


def test_a_finished_stream_is_cached_for_the_next_stream(
    tts: Synthesizer, model: ToneModel
) -> None:
    streamed = list(tts.stream(TEXT))
    calls = len(model.calls)

    again = list(tts.stream(TEXT))

    assert calls == len(model.calls)
    assert np.array_equal(np.concatenate([p.samples for p in streamed]), again[0].samples)


def test_a_stream_closed_early_is_not_cached(tts: Synthesizer) -> None:
    settings = SynthesisSettings(first_chunk_tokens=5, chunk_tokens=10)
    tts.settings = settings
    stream = tts.stream(TEXT)
    next(stream)
    stream.close()

    assert tts.cache is not None
    assert 0 == tts.cache.stats().entries


def test_stream_and_synthesize_renditions_are_kept_apart(model: ToneModel) -> None:
    settings = SynthesisSettings(first_chunk_tokens=5, chunk_tokens=150)
    tts = Synthesizer(
        model, fake_voices(), LetterPhonemizer(), settings=settings, cache=AudioCache(10**7)
    )
    list(tts.stream(TEXT))

    tts.synthesize(TEXT)  # cut differently: must be synthesized, not taken from the stream

    assert tts.cache is not None
    assert 2 == tts.cache.stats().entries


def test_without_a_cache_nothing_is_kept(model: ToneModel) -> None:
    tts = Synthesizer(model, fake_voices(), LetterPhonemizer())
    tts.synthesize(TEXT)
    calls = len(model.calls)

    tts.synthesize(TEXT)

    assert tts.cache is None
    assert 2 * calls == len(model.calls)


class SwitchingPhonemizer(LetterPhonemizer):
    """Reports a `backend`, as `AutoPhonemizer` does, that a test can switch."""

    backend = "cmudict"


def test_audio_from_another_phonemizer_backend_is_not_served(model: ToneModel) -> None:
    phonemizer = SwitchingPhonemizer()
    tts = Synthesizer(model, fake_voices(), phonemizer, cache=AudioCache(10_000_000))
    tts.synthesize(TEXT)
    phonemizer.backend = "espeak"  # espeak-ng recovered after a health check
    calls = len(model.calls)

    tts.synthesize(TEXT)

    assert len(model.calls) > calls


def test_a_stream_larger_than_the_cache_is_not_held(model: ToneModel) -> None:
    settings = SynthesisSettings(first_chunk_tokens=5, chunk_tokens=10)
    tts = Synthesizer(
        model, fake_voices(), LetterPhonemizer(), settings=settings, cache=AudioCache(50_000)
    )

    pieces = list(tts.stream(TEXT))

    assert sum(p.samples.nbytes for p in pieces) > 50_000
    assert tts.cache is not None
    assert 0 == tts.cache.stats().entries


def test_a_disk_hit_keeps_the_words(model: ToneModel, tmp_path: Path) -> None:
    def fresh() -> Synthesizer:  # an empty memory tier over the same folder: a restart
        disk = DiskTier(tmp_path, 10_000_000)
        return Synthesizer(
            model, fake_voices(), LetterPhonemizer(), cache=AudioCache(10_000_000, disk=disk)
        )

    spoken = fresh().synthesize(TEXT, voice="af_heart")
    streamed = list(fresh().stream(TEXT, voice="af_bella"))
    calls = len(model.calls)
    hit = fresh().synthesize(TEXT, voice="af_heart")
    (replayed,) = fresh().stream(TEXT, voice="af_bella")

    assert calls == len(model.calls)  # both from the disk
    assert ("Hello", "there.", "How") == tuple(w.text for w in spoken.words[:3])
    assert (spoken, spoken.words) == (hit, hit.words)
    assert replayed.words == tuple(w for piece in streamed for w in piece.words)
