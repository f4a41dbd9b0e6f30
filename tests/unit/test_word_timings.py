"""Words with times: through normalisation, markup, chunk joins, trimmed edges and pauses."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

from litetts import Audio, Synthesizer
from litetts.audio import Samples
from litetts.config import SynthesisSettings
from litetts.kokoro.model import HOP_SAMPLES, Style
from litetts.text.chunking import Chunk
from litetts.text.markup import Passage, mask_tags
from litetts.timing import LEAD_SAMPLES, WordMap
from litetts.words import Word

TEXT = 'Hello, "world"! Dr. Smith paid $3.50 [pause:1s] for a [tomato](/təmˈɑːtQ/) soup.'


def _tts(model: object | None = None, **options: object) -> Synthesizer:
    return Synthesizer(
        model if model is not None else ToneModel(),  # type: ignore[arg-type]
        fake_voices(),
        LetterPhonemizer(),
        settings=SynthesisSettings(**options),  # type: ignore[arg-type]
    )


def _check_words(words: Sequence[Word], text: str, duration: float) -> None:
    for word in words:
        assert word.text == text[word.char_start : word.char_end]
        assert 0 <= word.start <= word.end <= duration + 1e-9
    assert [w.char_start for w in words] == sorted(w.char_start for w in words)
    assert [w.start for w in words] == sorted(w.start for w in words)


def test_each_written_word_is_one_word_with_its_offsets() -> None:
    audio = _tts().synthesize(TEXT, voice="af_bella")

    assert [w.text for w in audio.words] == [
        "Hello", "world", "Dr.", "Smith", "paid", "$3.50", "for", "a", "tomato", "soup.",
    ]  # fmt: skip
    _check_words(audio.words, TEXT, audio.duration)


def test_a_pause_shows_as_a_gap_between_words() -> None:
    words = {w.text: w for w in _tts().synthesize(TEXT, voice="af_bella").words}

    assert words["for"].start - words["$3.50"].end >= 1.0


def test_normalised_words_span_their_spoken_form() -> None:
    words = {w.text: w for w in _tts().synthesize(TEXT, voice="af_bella").words}

    # "three dollars and fifty cents": 25 letters and spaces against "paid"'s 4
    assert words["$3.50"].duration > 4 * words["paid"].duration


def test_stream_pieces_carry_absolute_times_that_join_to_the_whole() -> None:
    text = " ".join(["One sentence here, then another one."] * 6)
    pieces = list(_tts().stream(text, voice="af_bella"))
    joined = Audio.concatenate(pieces)

    assert len(pieces) > 2
    for piece in pieces:
        for word in piece.words:
            assert piece.offset - 1e-9 <= word.start <= piece.offset + piece.duration + 1e-9
    assert [w for p in pieces for w in p.words] == list(joined.words)
    assert len(joined.words) == len(text.split())
    _check_words(joined.words, text, joined.duration)


def test_concatenate_moves_words_of_plain_pieces() -> None:
    first = Audio(np.zeros(24_000, np.float32), words=(Word("a", 0.1, 0.2, 0, 1),))
    second = Audio(np.zeros(12_000, np.float32), words=(Word("b", 0.1, 0.3, 2, 3),))

    joined = Audio.concatenate([first, second])

    assert joined.words == (Word("a", 0.1, 0.2, 0, 1), Word("b", 1.1, 1.3, 2, 3))


def test_words_start_where_the_model_says_after_the_trim() -> None:
    class LeadingSilence(ToneModel):
        def infer_timed(self, tokens: Sequence[int], style: Style, speed: float):  # type: ignore[no-untyped-def]
            samples, durations = super().infer_timed(tokens, style, speed)
            assert durations is not None
            lead = np.zeros(10 * HOP_SAMPLES, np.float32)
            return type(super().infer_timed(tokens, style, speed))(
                np.concatenate([lead, samples]), np.array([10, *durations[1:]])
            )

    audio = _tts(LeadingSilence()).synthesize("ab cd", voice="af_bella")

    # 0.04 s of margin kept before the sound, then "a", "b", " ", "c", "d" at 600
    # samples each; times lead by LEAD_SAMPLES; the space is split between the words.
    onset = 0.04 * 24_000 - LEAD_SAMPLES
    assert audio.words[0].start == 0.0  # clamped to the audio
    assert audio.words[0].end == pytest.approx((onset + 2.5 * HOP_SAMPLES) / 24_000, abs=1e-4)
    assert audio.words[1].start == audio.words[0].end
    assert audio.words[1].end == pytest.approx((onset + 5 * HOP_SAMPLES) / 24_000, abs=1e-4)


def test_a_model_without_durations_gets_estimated_words() -> None:
    class Untimed:
        def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
            return ToneModel().infer(tokens, style, speed)

    audio = _tts(Untimed()).synthesize("one two three.", voice="af_bella")

    assert [w.text for w in audio.words] == ["one", "two", "three."]
    _check_words(audio.words, "one two three.", audio.duration)


def test_the_tone_model_reports_kokoros_frame_count() -> None:
    samples, durations = ToneModel().infer_timed([1, 2, 3, 4, 5], np.zeros(256, np.float32), 1.3)

    assert durations is not None
    assert int(durations.sum()) * HOP_SAMPLES == pytest.approx(len(samples), abs=HOP_SAMPLES)


def test_markup_off_keeps_tags_as_words() -> None:
    text = "say [pause:1s] now"
    audio = _tts(markup=False).synthesize(text, voice="af_bella")

    _check_words(audio.words, text, audio.duration)
    assert audio.words[0].text == "say"


def test_mask_tags_keeps_offsets() -> None:
    text = "a [pause:1s] b [tomato](/təmˈɑːtQ/)."

    masked = mask_tags(text)

    assert len(masked) == len(text)
    assert masked.split() == ["a", "b", "tomato", "."]


def test_a_phonemizer_that_joins_words_still_times_each_word() -> None:
    def joining(text: str) -> str:  # like espeak's "of the" -> "ʌvðə"
        return text.replace("of the", "ofthe")

    words = WordMap("top of the hill", [Passage("top of the hill")], markup=True)
    cursor = next(iter(words))
    chunk = Chunk("top of the hill", joining("top of the hill"), "end")

    timed = cursor.chunk(chunk, joining).words(np.ones(14, np.int64), cut=0, kept=10**6)

    assert [w.text for w in timed] == ["top", "of", "the", "hill"]
    assert timed[1].end == timed[2].start  # "ofthe" split between its two words


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.from_regex(
            r"[A-Za-z]{1,8}[,.!?]?|\$[1-9][0-9]?(\.[0-9]{2})?|[0-9]{1,4}", fullmatch=True
        ),
        min_size=1,
        max_size=25,
    )
)
def test_any_text_gives_ordered_words_inside_the_audio(words: list[str]) -> None:
    text = " ".join(words)
    audio = _tts().synthesize(text, voice="af_bella")

    _check_words(audio.words, text, audio.duration)
    assert 1 <= len(audio.words) <= len(words)


def _two_words(speech: Samples) -> tuple[Word, ...]:
    """ "ab cd" timed by durations of 10 frames a token, with `speech` as the audio."""
    words = WordMap("ab cd", [Passage("ab cd")], markup=True)
    chunk = Chunk("ab cd", "ab cd", "end")
    cursor = next(iter(words))
    durations = np.array([3, 10, 10, 10, 10, 10, 3], np.int64)  # pads, a, b, " ", c, d
    kept = int(durations.sum()) * HOP_SAMPLES
    return cursor.chunk(chunk, str.lower).words(durations, cut=0, kept=kept, speech=speech[:kept])


def _sound(*stretches: tuple[float, float]) -> Samples:
    """56 frames of silence with a tone over each (start, end) in seconds."""
    speech = np.zeros(56 * HOP_SAMPLES, np.float32)
    for start, end in stretches:
        a, b = int(start * 24_000), int(end * 24_000)
        speech[a:b] = 0.5 * np.sin(np.arange(b - a) * 0.3)
    return speech


def test_silence_inside_a_words_last_phoneme_is_left_out() -> None:
    # Kokoro lengthens a phoneme before a pause it makes and fills it with silence:
    # here "ab" sounds for 0.3 s of its 0.5 s, then silence until "cd".
    untimed = _two_words(np.full(56 * HOP_SAMPLES, 0.5, np.float32))
    timed = _two_words(_sound((0.0, 0.30), (0.68, 1.4)))

    assert timed[0].start == untimed[0].start
    assert timed[0].end == pytest.approx(0.30, abs=0.011)
    assert timed[1].start == pytest.approx(0.68, abs=0.011)
    assert timed[1].end == untimed[1].end


def test_a_short_silence_at_a_words_edge_stays_in_it() -> None:
    # 40 ms, like the closure of a stop consonant: shorter than the 50 ms that move an edge.
    untimed = _two_words(np.full(56 * HOP_SAMPLES, 0.5, np.float32))
    timed = _two_words(_sound((0.0, untimed[0].end - 0.04), (untimed[1].start + 0.04, 1.4)))

    assert [(w.start, w.end) for w in timed] == [(w.start, w.end) for w in untimed]


def test_a_word_without_sound_keeps_its_durations() -> None:
    untimed = _two_words(np.full(56 * HOP_SAMPLES, 0.5, np.float32))
    timed = _two_words(_sound((0.0, 0.30)))  # "cd" is silent

    assert (timed[1].start, timed[1].end) == (untimed[1].start, untimed[1].end)
