"""Synthesizer.stream_text / astream_text: speaking text while it is still being written."""

from __future__ import annotations

import asyncio
import itertools
import re
import threading
from collections.abc import AsyncIterator, Iterator, Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices
from tests.strategies import prose

import litetts
from litetts import FLUSH, InvalidInputError, SynthesisEvent, Synthesizer, VoiceNotFoundError
from litetts.audio import SAMPLE_RATE, Samples
from litetts.config import SynthesisSettings
from litetts.kokoro.model import Style


def tokens(text: str) -> list[str]:
    """Text cut the way a language model emits it: a word with the space before it."""
    return re.findall(r"\s*\S+", text)


class Spy:
    """A synthesizer with fakes whose `stream` records the text of each request."""

    def __init__(self, cleanup: str = "live") -> None:
        self.model, self.phonemizer = ToneModel(), LetterPhonemizer()
        settings = SynthesisSettings(llm_cleanup=cleanup)
        self.tts = Synthesizer(self.model, fake_voices(), self.phonemizer, settings=settings)
        self.units: list[str] = []
        real = self.tts.stream

        def stream(text: str, *args: object) -> object:
            self.units.append(text)
            return real(text, *args)  # type: ignore[arg-type]

        self.tts.stream = stream  # type: ignore[assignment,method-assign]

    def heard(self) -> list[str]:
        """Every text the phonemizer was given."""
        return [text for text, _ in self.phonemizer.calls]


class Reader:
    """Pieces that record how far they were read."""

    def __init__(self, pieces: Sequence[object]) -> None:
        self.pieces = list(pieces)
        self.read = 0

    def __iter__(self) -> Iterator[object]:
        for piece in self.pieces:
            self.read += 1
            yield piece


@settings(max_examples=40, deadline=None)
@given(prose(max_words=40), st.lists(st.integers(0, 10_000), max_size=20))
def test_any_split_speaks_the_same_audio_as_the_whole_text(text: str, cuts: list[int]) -> None:
    tts = Spy().tts
    bounds = [0, *sorted({c % (len(text) + 1) for c in cuts}), len(text)]
    pieces = [text[a:b] for a, b in itertools.pairwise(bounds)]

    def audio(pieces: list[str]) -> Samples:
        try:
            return np.concatenate([a.samples for a in tts.stream_text(pieces)])
        except InvalidInputError:  # nothing speakable at all (only marks): the same either way
            return np.zeros(0, dtype=np.float32)

    assert np.array_equal(audio([text]), audio(pieces))


def test_money_split_across_pieces_is_still_money() -> None:
    spy = Spy()

    list(spy.tts.stream_text(["It costs $3.", "50", " today."]))

    assert ["It costs $3.50 today."] == spy.units
    assert "It costs three dollars and fifty cents today." in spy.heard()


def test_a_title_split_across_pieces_is_not_a_sentence_end() -> None:
    spy = Spy()

    list(spy.tts.stream_text(["Ask Dr.", " Smith", " now."]))

    assert ["Ask Dr. Smith now."] == spy.units
    assert "Ask Doctor Smith now." in spy.heard()


def test_first_audio_comes_at_a_clause_before_the_sentence_is_read() -> None:
    spy = Spy()
    reader = Reader(tokens("Well, I think that, honestly, the answer is yes and always was."))
    stream = spy.tts.stream_text(reader)

    next(stream)

    assert ["Well, I think that,"] == spy.units
    assert 4 == reader.read  # spoken as "that," arrived, before " honestly,"


def test_sentences_are_spoken_one_by_one_as_they_complete() -> None:
    spy = Spy()
    reader = Reader(tokens("One two three four. Five six seven eight. Nine ten."))
    stream = spy.tts.stream_text(reader)

    next(stream)
    assert 5 == reader.read  # "One two three four." was spoken once " Five" showed it ended
    next(stream)  # the pause after the first sentence
    piece = next(stream)

    assert ["One two three four.", "Five six seven eight."] == spy.units
    assert piece.duration > 0


def test_the_pause_between_units_scales_with_the_boundary() -> None:
    spy = Spy()

    pieces = list(spy.tts.stream_text(["One two three four. Five."]))
    silences = [p.duration for p in pieces if not np.any(p.samples)]

    assert [pytest.approx(0.3, abs=1 / SAMPLE_RATE)] == silences


def test_flush_speaks_what_is_buffered_at_once() -> None:
    spy = Spy()
    reader = Reader(["Half a sen", FLUSH, "tence"])
    stream = spy.tts.stream_text(reader)

    next(stream)

    assert ["Half a sen"] == spy.units
    assert 2 == reader.read
    list(stream)
    assert ["Half a sen", "tence"] == spy.units


def test_flush_is_a_single_exported_sentinel() -> None:
    assert litetts.FLUSH is type(litetts.FLUSH)()
    assert "litetts.FLUSH" == repr(FLUSH)


def test_closing_the_stream_stops_the_work() -> None:
    spy = Spy()
    model = spy.model
    reader = Reader(tokens(" ".join(f"Sentence number {i} is here." for i in range(40))))
    stream = spy.tts.stream_text(reader)

    next(stream)
    stream.close()

    assert 1 == len(model.calls)
    assert reader.read < 10


def test_arguments_are_checked_before_any_work() -> None:
    spy = Spy()
    tts, model = spy.tts, spy.model
    reader = Reader(["Hello."])

    with pytest.raises(VoiceNotFoundError):
        tts.stream_text(reader, voice="no_such_voice")
    with pytest.raises(InvalidInputError, match="speed"):
        tts.stream_text(reader, speed=9.0)
    with pytest.raises(InvalidInputError):
        tts.stream_text(reader, lang="klingon")
    with pytest.raises(VoiceNotFoundError):
        tts.astream_text(aiter_of(["Hello."]), voice="no_such_voice")
    assert (0, []) == (reader.read, model.calls)


def test_a_piece_that_is_not_text_is_bad_input() -> None:
    tts = Spy().tts

    with pytest.raises(InvalidInputError, match=r"string or litetts\.FLUSH"):
        list(tts.stream_text(["Hello ", 3]))  # type: ignore[list-item]


def test_every_unit_is_a_request_with_its_event() -> None:
    tts = Spy().tts
    events: list[SynthesisEvent] = []
    tts.subscribe(events.append)

    list(tts.stream_text(tokens("One two three four. Five six.")))

    assert [19, 9] == [e.text_chars for e in events]


def test_markup_works_across_pieces() -> None:
    spy = Spy()

    pieces = list(spy.tts.stream_text(["Wait [pa", "use:1s] for ", "it."]))

    assert ["Wait [pause:1s] for it."] == spy.units
    assert any(p.duration == pytest.approx(1.0) and not np.any(p.samples) for p in pieces)


def test_markdown_is_cleaned_up_for_live_text_by_default() -> None:
    spy = Spy()

    list(
        spy.tts.stream_text(tokens("## Plan\n- **Buy** milk 🥛\n- Call https://www.example.com/x"))
    )

    assert ["Plan.", "Buy milk.", "Call example.com."] == spy.units
    assert "Call example dot com." in spy.heard()


def test_markdown_is_read_as_written_when_the_clean_up_is_off() -> None:
    spy = Spy("off")

    list(spy.tts.stream_text(["Buy **milk** now."]))

    assert ["Buy **milk** now."] == spy.units


def test_text_with_nothing_to_say_is_skipped() -> None:
    spy = Spy()

    pieces = list(spy.tts.stream_text(["👍 ", "```\ncode\n```\n", "..."]))

    assert ([], []) == (pieces, spy.model.calls)


async def aiter_of(pieces: Sequence[object], delay: float = 0.0) -> AsyncIterator[object]:
    for piece in pieces:
        await asyncio.sleep(delay)
        yield piece


def test_astream_text_speaks_what_stream_text_speaks() -> None:
    tts = Spy().tts
    text = "Well, I think that, honestly, it costs $3.50. Dr. Smith agrees! Bye."

    async def collect() -> list[Samples]:
        return [a.samples async for a in tts.astream_text(aiter_of(tokens(text)))]

    whole = [a.samples for a in tts.stream_text(tokens(text))]
    got = asyncio.run(collect())

    assert len(whole) == len(got)
    assert all(np.array_equal(a, b) for a, b in zip(whole, got, strict=True))


class GatedModel(ToneModel):
    """A tone model whose every call waits until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.entered = threading.Event()

    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        self.entered.set()
        self.gate.wait(5)
        return super().infer(tokens, style, speed)


def test_astream_text_reads_on_and_keeps_the_loop_free_while_a_chunk_renders() -> None:
    model = GatedModel()
    tts = Synthesizer(model, fake_voices(), LetterPhonemizer())
    read: list[object] = []

    async def pieces() -> AsyncIterator[object]:
        for piece in tokens("One two three four. Five six seven eight. Nine ten eleven."):
            read.append(piece)
            yield piece

    async def main() -> int:
        stream = tts.astream_text(pieces())
        first = asyncio.ensure_future(stream.__anext__())
        while not model.entered.is_set():
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)  # the loop runs, and the reader with it
        during = len(read)
        model.gate.set()
        await first
        await stream.aclose()  # type: ignore[attr-defined]
        return during

    assert 11 == asyncio.run(main())


def test_cancelling_astream_text_stops_after_the_chunk_in_progress() -> None:
    model = GatedModel()
    tts = Synthesizer(model, fake_voices(), LetterPhonemizer())
    text = " ".join(f"Sentence number {i} is here." for i in range(20))

    async def main() -> None:
        async def consume() -> None:
            async for _ in tts.astream_text(aiter_of(tokens(text))):
                pass

        task = asyncio.ensure_future(consume())
        while not model.entered.is_set():
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        model.gate.set()
        await asyncio.sleep(0.2)

    asyncio.run(main())

    assert 1 == len(model.calls)


def test_an_error_in_the_pieces_reaches_the_consumer_after_what_came_before() -> None:
    spy = Spy()

    async def pieces() -> AsyncIterator[str]:
        yield "First sentence here. Next"
        raise RuntimeError("the model's stream broke")

    async def main() -> None:
        async for _ in spy.tts.astream_text(pieces()):
            pass

    with pytest.raises(RuntimeError, match="broke"):
        asyncio.run(main())
    assert ["First sentence here."] == spy.units


@pytest.mark.parametrize("cleanup", ["live", "always"])
def test_a_part_that_is_only_markdown_is_skipped(cleanup: str) -> None:
    spy = Spy(cleanup)

    list(spy.tts.stream_text(tokens("Intro line here.\n| a | b |\n|---|---|\n<br>\nDone.")))

    assert ["Intro line here.", "a, b.", "Done."] == spy.units


def test_words_are_timed_across_units_and_point_into_the_pieces_text() -> None:
    tts = Spy().tts
    text = "Well, I think that it costs $3.50 today. Then **we** go home. Bye now."
    pieces = list(tts.stream_text(tokens(text)))
    starts = [round(p.offset * SAMPLE_RATE) for p in pieces]
    words = [w for p in pieces for w in p.words]

    assert starts == list(itertools.accumulate([0] + [len(p) for p in pieces[:-1]]))
    assert len({p.offset for p in pieces if p.words}) > 2  # several units, not one
    assert all(
        p.offset <= w.start <= w.end <= p.offset + p.duration for p in pieces for w in p.words
    )
    assert [w.start for w in words] == sorted(w.start for w in words)
    assert [w.text for w in words] == [text[w.char_start : w.char_end] for w in words]
    assert ["Well", "I", "think", "that", "it", "costs", "$3.50", "today.", "Then", "we"] == [
        w.text for w in words[:10]
    ]
    assert text.rindex("now.") == words[-1].char_start
    # joined, the words keep their times: the stream's words are the whole audio's
    assert litetts.Audio.concatenate(pieces).words == tuple(words)


def test_words_the_markdown_clean_up_shortened_are_found_in_the_original() -> None:
    tts = Spy().tts
    text = "Read [the docs](https://example.com/x). See https://www.example.com/page now."
    words = [w for p in tts.stream_text(tokens(text)) for w in p.words]

    assert ["Read", "the", "docs", "See", "example.com", "now."] == [w.text for w in words]
    assert [w.text for w in words] == [text[w.char_start : w.char_end] for w in words]


def test_astream_text_words_match_stream_text_words() -> None:
    tts = Spy().tts
    text = "One two three, four five six. Seven eight nine."

    async def collect() -> list[litetts.Word]:
        return [w async for a in tts.astream_text(aiter_of(tokens(text))) for w in a.words]

    assert [w for a in tts.stream_text(tokens(text)) for w in a.words] == asyncio.run(collect())
