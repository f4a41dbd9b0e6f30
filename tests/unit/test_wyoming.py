"""The Wyoming adapter, driven by the `wyoming` library's own client the way Home
Assistant drives it: describe, synthesize, and streamed text answered while it arrives."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from tests.fakes import fake_voices
from tests.live_fakes import LiveSynthesizer
from tests.live_server import free_port
from tests.server_fakes import GatedModel
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.error import Error
from wyoming.event import Event
from wyoming.info import Describe, Info
from wyoming.tts import (
    Synthesize,
    SynthesizeChunk,
    SynthesizeStart,
    SynthesizeStop,
    SynthesizeVoice,
)

from litetts import Audio
from litetts.errors import InvalidInputError, VoiceNotFoundError
from litetts_adapters.wyoming import WyomingServer, check_uri, pick_voice

Session = Callable[[AsyncTcpClient], Awaitable[None]]


def talk(synthesizer: LiveSynthesizer, session: Session) -> None:
    """Start a server on a free port and run `session` with a client connected to it."""

    async def main() -> None:
        port = free_port()
        server = WyomingServer(synthesizer, f"tcp://127.0.0.1:{port}", "af_heart")
        async with server, AsyncTcpClient("127.0.0.1", port) as client:
            await asyncio.wait_for(session(client), 30)

    asyncio.run(main())


async def read_until(client: AsyncTcpClient, *kinds: str) -> list[Event]:
    """Events up to and including the first of `kinds` (or the end of the connection)."""
    events: list[Event] = []
    while (event := await client.read_event()) is not None:
        events.append(event)
        if event.type in kinds:
            break
    return events


def pcm(events: list[Event]) -> bytes:
    return b"".join(AudioChunk.from_event(e).audio for e in events if AudioChunk.is_type(e.type))


def expected_pcm(synthesizer: LiveSynthesizer, text: str, voice: str = "af_heart") -> bytes:
    audio = Audio.concatenate(list(synthesizer.stream(text, voice)))
    return audio.to_int16().astype("<i2").tobytes()


def test_describe_lists_every_voice_with_its_language() -> None:
    infos: list[Info] = []

    async def session(client: AsyncTcpClient) -> None:
        await client.write_event(Describe().event())
        (event,) = await read_until(client, "info")
        infos.append(Info.from_event(event))

    talk(LiveSynthesizer(), session)

    (program,) = infos[0].tts
    voices = {v.name: v.languages for v in program.voices}
    assert {
        "af": ["en_US"],  # the legacy blend of af_bella and af_sarah
        "af_bella": ["en_US"],
        "af_heart": ["en_US"],
        "af_sarah": ["en_US"],
        "bf_emma": ["en_GB"],
    } == voices
    assert program.supports_synthesize_streaming


def test_synthesize_speaks_the_whole_text() -> None:
    synthesizer = LiveSynthesizer()
    events: list[Event] = []

    async def session(client: AsyncTcpClient) -> None:
        voice = SynthesizeVoice(name="bf_emma")
        await client.write_event(Synthesize(text="Hello there. Bye.", voice=voice).event())
        events.extend(await read_until(client, "audio-stop"))

    talk(synthesizer, session)

    start = AudioStart.from_event(events[0])
    assert (24_000, 2, 1) == (start.rate, start.width, start.channels)
    assert AudioStop.is_type(events[-1].type)
    assert expected_pcm(synthesizer, "Hello there. Bye.", "bf_emma") == pcm(events)


def test_streamed_text_is_answered_while_it_still_arrives() -> None:
    synthesizer = LiveSynthesizer()
    before: list[Event] = []
    after: list[Event] = []

    async def session(client: AsyncTcpClient) -> None:
        await client.write_event(SynthesizeStart().event())
        await client.write_event(SynthesizeChunk(text="Hello there. ").event())
        await client.write_event(SynthesizeChunk(text="And the").event())
        before.extend(await read_until(client, "audio-chunk"))  # before the text ends
        await client.write_event(SynthesizeChunk(text="n bye.").event())
        # Home Assistant sends the whole text too, for servers that cannot stream.
        await client.write_event(Synthesize(text="Hello there. And then bye.").event())
        await client.write_event(SynthesizeStop().event())
        after.extend(await read_until(client, "synthesize-stopped"))

    talk(synthesizer, session)

    kinds = [e.type for e in before + after]
    assert ["audio-start", "audio-chunk"] == kinds[:2]
    assert ["audio-stop", "synthesize-stopped"] == kinds[-2:]
    assert 1 == kinds.count("audio-start")
    assert ["Hello there. ", "And the", "n bye."] == synthesizer.pieces
    expected = expected_pcm(synthesizer, "Hello there.") + expected_pcm(
        synthesizer, "And then bye."
    )
    assert expected == pcm(before + after)


def test_a_stream_without_text_just_stops() -> None:
    events: list[Event] = []

    async def session(client: AsyncTcpClient) -> None:
        await client.write_event(SynthesizeStart().event())
        await client.write_event(SynthesizeStop().event())
        events.extend(await read_until(client, "synthesize-stopped"))

    talk(LiveSynthesizer(), session)

    assert ["synthesize-stopped"] == [e.type for e in events]


def test_one_connection_streams_twice() -> None:
    counts: list[int] = []

    async def session(client: AsyncTcpClient) -> None:
        for text in ("First one. ", "Second one. "):
            await client.write_event(SynthesizeStart().event())
            await client.write_event(SynthesizeChunk(text=text).event())
            await client.write_event(SynthesizeStop().event())
            events = await read_until(client, "synthesize-stopped")
            counts.append(sum(AudioChunk.is_type(e.type) for e in events))

    talk(LiveSynthesizer(), session)

    assert 2 == len(counts)
    assert all(count > 0 for count in counts)


def test_an_unknown_voice_is_an_error_event() -> None:
    events: list[Event] = []

    async def session(client: AsyncTcpClient) -> None:
        voice = SynthesizeVoice(name="af_nobody")
        await client.write_event(Synthesize(text="Hi.", voice=voice).event())
        events.extend(await read_until(client, "error"))

    talk(LiveSynthesizer(), session)

    error = Error.from_event(events[-1])
    assert "VoiceNotFoundError" == error.code
    assert "af_nobody" in error.text


def test_a_client_that_leaves_mid_stream_stops_the_synthesis() -> None:
    model = GatedModel()
    model.hold()
    model.allow(1)
    synthesizer = LiveSynthesizer(model)

    async def session(client: AsyncTcpClient) -> None:
        await client.write_event(SynthesizeStart().event())
        await client.write_event(SynthesizeChunk(text="One. Two. Three. Four. ").event())
        await read_until(client, "audio-chunk")
        await client.disconnect()
        await asyncio.sleep(0.5)  # the server notices; "Two." waits for the model
        model.allow(10)

    talk(synthesizer, session)

    assert len(model.calls) <= 2  # "Three." and "Four." never reached the model


@pytest.mark.parametrize(
    ("request_voice", "expected"),
    [
        (None, "af_heart"),
        (SynthesizeVoice(name="af_sarah"), "af_sarah"),
        (SynthesizeVoice(language="en_GB"), "bf_emma"),
        (SynthesizeVoice(language="en-US"), "af_heart"),
        (SynthesizeVoice(language="en"), "af_heart"),
        (SynthesizeVoice(language="de_DE"), "af_heart"),
    ],
)
def test_pick_voice_by_name_then_language(
    request_voice: SynthesizeVoice | None, expected: str
) -> None:
    assert expected == pick_voice(request_voice, fake_voices(), "af_heart")


def test_pick_voice_refuses_an_unknown_name() -> None:
    with pytest.raises(VoiceNotFoundError):
        pick_voice(SynthesizeVoice(name="zz_top"), fake_voices(), "af_heart")


@pytest.mark.parametrize("uri", ["http://x:1", "tcp://127.0.0.1", "stdio://"])
def test_check_uri_refuses_what_cannot_listen(uri: str) -> None:
    with pytest.raises(InvalidInputError):
        check_uri(uri)


def test_audio_chunks_hold_at_most_1024_samples() -> None:
    events: list[Event] = []

    async def session(client: AsyncTcpClient) -> None:
        await client.write_event(Synthesize(text="A longer sentence to speak.").event())
        events.extend(await read_until(client, "audio-stop"))

    talk(LiveSynthesizer(), session)

    sizes = [len(AudioChunk.from_event(e).audio) for e in events if AudioChunk.is_type(e.type)]
    assert 2048 == max(sizes)
    assert min(sizes) > 0
